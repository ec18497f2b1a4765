package org.fastdjl.spark.text;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

import org.fastdjl.text.transform.Vocab;

/**
 * How {@link SparkCorpus} (and {@code FastdjlSpark.tokenize} / {@code languageModelData}) read and process
 * the documents of a Spark {@code Dataset}: the settings of fastai v1's {@code TextList} data-block path,
 * each starting at fastai's default.
 *
 * <pre>{@code
 * TextOptions o = TextOptions.of("text")      // TextList.from_csv(path, 'texts.csv', cols='text')
 *         .optValidCol("is_valid");           // .split_from_df(col='is_valid')
 * TextOptions wiki = TextOptions.of("text").optValidPct(0.1, 42);   // .split_by_rand_pct(0.1, seed=42)
 * }</pre>
 *
 * <p>Serializable: it travels to the executors with the job.
 */
public final class TextOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The name of the tokens column that {@code tokenize} adds, unless another is given. */
    public static final String DEFAULT_TOKENS_COL = "tokens";

    private final List<String> textCols;
    private boolean markFields;
    private boolean includeBos = true;
    private boolean includeEos;
    private String tokensCol = DEFAULT_TOKENS_COL;
    private String validCol;
    private double validPct;
    private long seed;
    private int maxVocab = Vocab.DEFAULT_MAX_VOCAB;
    private int minFreq = Vocab.MIN_FREQ_DATA_BLOCK;
    private boolean dropEmpty;
    private String origin = "";

    private TextOptions(List<String> textCols) {
        this.textCols = textCols;
    }

    /**
     * Documents made of these text columns, joined in order as fastai does ({@code cols=[...]}).
     *
     * @param textCols at least one column name
     * @return the options, every other setting at fastai's default
     */
    public static TextOptions of(String... textCols) {
        if (textCols.length == 0) {
            throw new IllegalArgumentException("name at least one text column");
        }
        for (String c : textCols) {
            Objects.requireNonNull(c, "text column");
        }
        return new TextOptions(List.of(textCols));
    }

    /**
     * Puts {@code xxfld n} before the n-th text column (fastai's {@code mark_fields}, default false).
     *
     * @param markFields whether to mark the fields
     * @return these options
     */
    public TextOptions optMarkFields(boolean markFields) {
        this.markFields = markFields;
        return this;
    }

    /**
     * Starts every document with {@code xxbos} (fastai's {@code include_bos}, default true).
     *
     * @param includeBos whether to add {@code xxbos}
     * @return these options
     */
    public TextOptions optIncludeBos(boolean includeBos) {
        this.includeBos = includeBos;
        return this;
    }

    /**
     * Ends every document with {@code xxeos} (fastai's {@code include_eos}, default false).
     *
     * @param includeEos whether to add {@code xxeos}
     * @return these options
     */
    public TextOptions optIncludeEos(boolean includeEos) {
        this.includeEos = includeEos;
        return this;
    }

    /**
     * The name of the column of tokens (default {@value #DEFAULT_TOKENS_COL}).
     *
     * @param tokensCol a column name the input does not have
     * @return these options
     */
    public TextOptions optTokensCol(String tokensCol) {
        this.tokensCol = Objects.requireNonNull(tokensCol, "tokensCol");
        return this;
    }

    /**
     * Rows whose flag column is true are the validation set (fastai's {@code split_from_df(col)}); flags
     * may be booleans, the strings {@code True}/{@code False} (any case) or {@code 1}/{@code 0}.
     *
     * @param validCol the flag column
     * @return these options
     */
    public TextOptions optValidCol(String validCol) {
        this.validCol = Objects.requireNonNull(validCol, "validCol");
        this.validPct = 0;
        return this;
    }

    /**
     * A random {@code validPct} of the documents are the validation set, exactly as fastai's
     * {@code split_by_rand_pct(valid_pct, seed)} picks them (numpy's seeded permutation, reproduced).
     *
     * @param validPct the fraction, in (0, 1)
     * @param seed numpy's seed, 0 to 2^32-1
     * @return these options
     */
    public TextOptions optValidPct(double validPct, long seed) {
        if (!(validPct > 0 && validPct < 1)) {
            throw new IllegalArgumentException("validPct must be in (0, 1), got " + validPct);
        }
        this.validPct = validPct;
        this.seed = seed;
        this.validCol = null;
        return this;
    }

    /**
     * The most tokens the vocab keeps (fastai's {@code max_vocab}, default 60000).
     *
     * @param maxVocab at least the 9 special tokens
     * @return these options
     */
    public TextOptions optMaxVocab(int maxVocab) {
        if (maxVocab < 9) {
            throw new IllegalArgumentException("maxVocab must hold the 9 special tokens, got " + maxVocab);
        }
        this.maxVocab = maxVocab;
        return this;
    }

    /**
     * The fewest times a token must occur in the training split to get an id (fastai's {@code min_freq},
     * default 3 as on the data-block path).
     *
     * @param minFreq at least 1
     * @return these options
     */
    public TextOptions optMinFreq(int minFreq) {
        if (minFreq < 1) {
            throw new IllegalArgumentException("minFreq must be at least 1, got " + minFreq);
        }
        this.minFreq = minFreq;
        return this;
    }

    /**
     * What to do with documents with no visible text: by default (false) they are an error naming their
     * rows, as {@code TextList} does; with true they are left out and counted.
     *
     * @param dropEmpty whether to drop empty documents
     * @return these options
     */
    public TextOptions optDropEmpty(boolean dropEmpty) {
        this.dropEmpty = dropEmpty;
        return this;
    }

    /**
     * Where the documents come from, saved with the language-model data ({@code TextData.origin()}).
     *
     * @param origin a description, such as the input file
     * @return these options
     */
    public TextOptions optOrigin(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    /** @return the text columns, in joining order */
    public List<String> textCols() {
        return textCols;
    }

    /** @return whether fields are marked with {@code xxfld n} */
    public boolean markFields() {
        return markFields;
    }

    /** @return whether documents start with {@code xxbos} */
    public boolean includeBos() {
        return includeBos;
    }

    /** @return whether documents end with {@code xxeos} */
    public boolean includeEos() {
        return includeEos;
    }

    /** @return the tokens column's name */
    public String tokensCol() {
        return tokensCol;
    }

    /** @return the validation flag column, or {@code null} */
    public String validCol() {
        return validCol;
    }

    /** @return the random validation fraction, 0 when none */
    public double validPct() {
        return validPct;
    }

    /** @return the seed of the random split */
    public long seed() {
        return seed;
    }

    /** @return the vocab's maximum size */
    public int maxVocab() {
        return maxVocab;
    }

    /** @return the vocab's minimum count */
    public int minFreq() {
        return minFreq;
    }

    /** @return whether empty documents are dropped rather than an error */
    public boolean dropEmpty() {
        return dropEmpty;
    }

    /** @return where the documents come from */
    public String origin() {
        return origin;
    }
}
