package org.fastdjl.spark.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.spark.util.SparkErrors;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextSplit;
import org.fastdjl.text.transform.TokenJson;
import org.fastdjl.spark.util.PartitionRows;
import org.fastdjl.spark.util.Seqs;
import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Vocab;

/**
 * A corpus prepared on Spark as fastai's text data-block path prepares it in one JVM
 * ({@code TextList.from_csv(...).split_...().label_for_lm()}): every row numbered, split into training
 * and validation, tokenized on the executors, the vocab counted with Spark on the training split, and
 * the ids gathered into {@link TextData} that {@code TextDataBunch.loadData} reads as language-model
 * data.
 *
 * <pre>{@code
 * Dataset<Row> texts = spark.read().option("header", true).option("multiLine", true)
 *         .option("escape", "\"").csv("texts.csv");
 * try (SparkCorpus corpus = SparkCorpus.prepare(texts, TextOptions.of("text").optValidCol("is_valid"))) {
 *     corpus.writeTokens("out/tokens");                 // one JSON array per line, in row order
 *     corpus.vocab().save(Path.of("out/itos.json"));
 *     corpus.languageModelData().save(Path.of("out/data_lm.fdjl"));
 * }
 * TextDataBunch dataLm = TextDataBunch.loadData(Path.of("out/data_lm.fdjl"));   // bs 64, bptt 70
 * }</pre>
 *
 * <h2>Rows and order</h2>
 * Rows are numbered from 0 in the order Spark holds the input (partition by partition; for one file,
 * its order), so that {@code sourceItems}, the splits' order and the vocab's ties are those of one JVM
 * reading the same file. The first pass counts the rows of each partition; documents are then spread
 * over all cores for tokenization when the input has fewer partitions than Spark's parallelism (a
 * multi-line CSV file is one partition), and the row numbers keep their order.
 *
 * <p>The tokens are kept (memory, then disk) until {@link #close()}.
 */
public final class SparkCorpus implements AutoCloseable {

    private static final String DOC = "doc";
    private static final String VALID = "valid";
    private static final String EMPTY = "empty";
    /** Where Spark's CSV reader puts a line it could not split ({@code SparkInputs.csv} asks for it). */
    private static final String CORRUPT_RECORD = "_corrupt_record";

    private final TextOptions options;
    private final Dataset<Row> tokens;
    private final long rows;
    private final long empty;
    private final long validDocs;
    private final int[] validOrder;
    private final boolean split;
    private Vocab vocab;

    private SparkCorpus(TextOptions options, Dataset<Row> tokens, long rows, long empty, long validDocs,
            int[] validOrder, boolean split) {
        this.options = options;
        this.tokens = tokens;
        this.rows = rows;
        this.empty = empty;
        this.validDocs = validDocs;
        this.validOrder = validOrder;
        this.split = split;
    }

    /**
     * Numbers, splits and tokenizes the documents (the tokens are computed and kept now), and checks for
     * empty documents.
     *
     * @param texts the documents, one per row
     * @param o the text columns, the split and the vocab settings
     * @return the corpus; close it to free the kept tokens
     * @throws IllegalArgumentException for an absent column, an unreadable split flag (naming the row, the
     *     column and the value), no rows, or empty documents when {@link TextOptions#dropEmpty()} is false
     *     (naming the first rows)
     */
    public static SparkCorpus prepare(Dataset<Row> texts, TextOptions o) {
        int[] textIdx = SparkTokens.columns(texts.schema(), o.textCols(), "text");
        int validIdx = o.validCol() == null ? -1 : SparkTokens.columns(texts.schema(), List.of(o.validCol()), "split")[0];
        int corruptIdx = Arrays.asList(texts.columns()).indexOf(CORRUPT_RECORD);
        long[] offsets = PartitionRows.offsets(texts);
        long n = offsets[offsets.length - 1];
        if (n == 0) {
            throw new IllegalArgumentException("the input has no rows");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(texts.sparkSession().sparkContext());
        int[] validOrder = null;
        Broadcast<BitSet> validBits = null;
        if (o.validPct() > 0) {
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a random split needs fewer than 2^31 rows, the input has " + n);
            }
            int[] perm = new NumpyRandom(o.seed()).permutation((int) n);
            validOrder = Arrays.copyOf(perm, (int) (o.validPct() * n)); // fastai: the first int(valid_pct * n)
            BitSet bits = new BitSet((int) n);
            for (int i : validOrder) {
                bits.set(i);
            }
            validBits = jsc.broadcast(bits);
        }
        Dataset<Row> keyed = texts.mapPartitions(
                new KeyRows(offsets, textIdx, validIdx, corruptIdx, o.validCol(), validBits, o.markFields(), o.includeBos(),
                        o.includeEos()),
                Encoders.row(new StructType()
                        .add(DOC, DataTypes.LongType, false)
                        .add(VALID, DataTypes.BooleanType, false)
                        .add(EMPTY, DataTypes.BooleanType, false)
                        .add("text", DataTypes.StringType, false)));
        int parallelism = jsc.defaultParallelism();
        if (offsets.length - 1 < parallelism) {
            keyed = keyed.repartition(parallelism); // spread the tokenization; the row numbers keep the order
        }
        StructType tokSchema = new StructType()
                .add(DOC, DataTypes.LongType, false)
                .add(VALID, DataTypes.BooleanType, false)
                .add(EMPTY, DataTypes.BooleanType, false)
                .add(o.tokensCol(), DataTypes.createArrayType(DataTypes.StringType, false), false);
        Dataset<Row> tokens = keyed.mapPartitions((MapPartitionsFunction<Row, Row>) it ->
                new SparkTokens.MappedIterator<>(it, r -> RowFactory.create(r.getLong(0), r.getBoolean(1),
                        r.getBoolean(2), Seqs.of(ExecutorTokenizer.get().processText(r.getString(3)).toArray(new String[0])))),
                Encoders.row(tokSchema));
        tokens.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row stats = SparkErrors.run(() -> tokens.agg(count(lit(1)),
                    sum(when(col(EMPTY), 1L).otherwise(0L)),
                    sum(when(col(VALID).and(not(col(EMPTY))), 1L).otherwise(0L))).first());
            long emptyDocs = stats.getLong(1);
            if (emptyDocs > 0 && !o.dropEmpty()) {
                List<Row> first = tokens.filter(col(EMPTY)).select(DOC).orderBy(DOC).limit(5).collectAsList();
                List<String> where = new ArrayList<>();
                for (Row r : first) {
                    where.add("row " + (r.getLong(0) + 1));
                }
                throw new IllegalArgumentException(emptyDocs + " document" + (emptyDocs == 1 ? " is" : "s are")
                        + " empty (no text in " + o.textCols() + "): " + String.join(", ", where)
                        + (emptyDocs > where.size() ? ", ..." : "")
                        + "; fix the data, or drop them (optDropEmpty(true), --drop-empty)");
            }
            return new SparkCorpus(o, tokens, n, emptyDocs, stats.getLong(2), validOrder,
                    validIdx >= 0 || validOrder != null);
        } catch (RuntimeException e) {
            tokens.unpersist();
            throw e;
        }
    }

    /** Numbers the rows, reads the split flag and joins the text fields as fastai does. */
    private static final class KeyRows implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final long[] offsets;
        private final int[] textIdx;
        private final int validIdx;
        private final int corruptIdx;
        private final String validCol;
        private final Broadcast<BitSet> validBits;
        private final boolean mark;
        private final boolean bos;
        private final boolean eos;

        KeyRows(long[] offsets, int[] textIdx, int validIdx, int corruptIdx, String validCol,
                Broadcast<BitSet> validBits, boolean mark, boolean bos, boolean eos) {
            this.offsets = offsets;
            this.textIdx = textIdx;
            this.validIdx = validIdx;
            this.corruptIdx = corruptIdx;
            this.validCol = validCol;
            this.validBits = validBits;
            this.mark = mark;
            this.bos = bos;
            this.eos = eos;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> it) {
            long[] next = {PartitionRows.start(offsets)};
            BitSet bits = validBits == null ? null : validBits.value();
            return new SparkTokens.MappedIterator<>(it, r -> {
                long doc = next[0]++;
                if (corruptIdx >= 0 && r.get(corruptIdx) != null) {
                    String raw = r.get(corruptIdx).toString().replace("\n", "\\n");
                    throw new IllegalArgumentException("row " + (doc + 1) + ": malformed record, the reader could not "
                            + "split it into the header's columns: '" + (raw.length() > 80 ? raw.substring(0, 77) + "..."
                            : raw) + "'");
                }
                List<String> fields = SparkTokens.fields(r, textIdx);
                boolean blank = true;
                for (String f : fields) {
                    blank &= f.isBlank();
                }
                boolean valid = bits != null ? bits.get((int) doc) : validIdx >= 0 && flag(r.get(validIdx), doc);
                return RowFactory.create(doc, valid, blank, TokenizeProcessor.joinTexts(fields, mark, bos, eos));
            });
        }

        /** A split flag as {@code TextList.splitFromCol} reads it. */
        private boolean flag(Object v, long doc) {
            if (v instanceof Boolean b) {
                return b;
            }
            String t = v == null ? "" : v.toString().trim().toLowerCase(Locale.ROOT);
            switch (t) {
                case "true", "1" -> {
                    return true;
                }
                case "false", "0" -> {
                    return false;
                }
                default -> throw new IllegalArgumentException("row " + (doc + 1) + ": split column '" + validCol
                        + "' is " + (v == null || v.toString().isBlank() ? "empty" : "'" + v + "'")
                        + "; expected True or False (or 1 or 0)");
            }
        }
    }

    /** @return the rows read, empty documents included */
    public long rows() {
        return rows;
    }

    /** @return how many documents had no text (dropped, with {@link TextOptions#dropEmpty()}) */
    public long emptyDocuments() {
        return empty;
    }

    /** @return the non-empty documents of the validation split */
    public long validDocuments() {
        return validDocs;
    }

    /** @return the non-empty documents of the training split (all of them without a split) */
    public long trainDocuments() {
        return rows - empty - validDocs;
    }

    /**
     * The tokens of every row, kept in memory (then on disk) until {@link #close()}: {@code doc} (the
     * 0-based row), {@code valid}, {@code empty} and the tokens column, in no particular order.
     *
     * @return the tokens
     */
    public Dataset<Row> tokens() {
        return tokens;
    }

    /**
     * The vocab of the training split (all documents without a split), counted with Spark: equal to
     * {@code Vocab.create} of the same tokens in one JVM. Counted on first call.
     *
     * @return the vocab
     */
    public synchronized Vocab vocab() {
        if (vocab == null) {
            Dataset<Row> train = tokens.filter(not(col(EMPTY)).and(not(col(VALID))));
            vocab = SparkErrors.run(() -> SparkTokens.vocab(train, options.tokensCol(), DOC, options.maxVocab(),
                    options.minFreq()));
        }
        return vocab;
    }

    /**
     * Writes the tokens of the documents kept, one JSON array per line in row order (the format of
     * {@code ./fastdjl tokenize} and of fastai's token dumps), as Spark text files: the part files read in
     * name order give the rows in order.
     *
     * @param dir the output folder (replaced)
     */
    public void writeTokens(String dir) {
        String tc = options.tokensCol();
        SparkErrors.run(() -> {
            tokens.filter(not(col(EMPTY))).orderBy(DOC).select(tc)
                    .map((MapFunction<Row, String>) r -> TokenJson.toJson(Seqs.<String>list(r.get(0))), Encoders.STRING())
                    .write().mode(SaveMode.Overwrite).text(dir);
            return null;
        });
    }

    /**
     * The language-model data: the ids of the training and validation documents in fastai's order
     * (training rows in order; validation rows in order, or in the random permutation's order), each with
     * its row as source item, and the vocab. The ids are made on the executors and gathered here, one
     * partition at a time.
     *
     * @return the data, to {@link TextData#save} and read with {@code TextDataBunch.loadData}
     * @throws IllegalStateException when the corpus has no validation split, or a split has no document
     */
    public TextData languageModelData() {
        if (!split) {
            throw new IllegalStateException("language-model data needs a validation split: give a flag column "
                    + "(optValidCol, --valid-col) or a fraction (optValidPct, --valid-pct)");
        }
        if (validDocs == 0 || trainDocuments() == 0) {
            throw new IllegalStateException("the " + (validDocs == 0 ? "validation" : "training")
                    + " split has no document");
        }
        Vocab v = vocab();
        Dataset<Row> ids = SparkTokens.numericalize(tokens.filter(not(col(EMPTY))).select(col(DOC), col(VALID),
                col(options.tokensCol())), options.tokensCol(), v, "ids");
        List<Row> lengths = SparkErrors.run(() -> ids.select(col(DOC), col(VALID), size(col("ids")))
                .collectAsList());
        // where each document goes: its split and its place there
        int nRows = (int) rows;
        int[] place = new int[nRows];
        Arrays.fill(place, Integer.MIN_VALUE);
        int[] len = new int[nRows];
        boolean[] isValid = new boolean[nRows];
        for (Row r : lengths) {
            int d = (int) r.getLong(0);
            isValid[d] = r.getBoolean(1);
            len[d] = r.getInt(2);
            place[d] = -1;
        }
        int[] trainSrc = new int[(int) trainDocuments()];
        int[] validSrc = new int[(int) validDocs];
        int t = 0;
        int va = 0;
        for (int d = 0; d < nRows; d++) {
            if (place[d] == -1 && !isValid[d]) {
                place[d] = t;
                trainSrc[t++] = d;
            }
        }
        if (validOrder != null) {
            for (int d : validOrder) {
                if (place[d] == -1) {
                    place[d] = va;
                    validSrc[va++] = d;
                }
            }
        } else {
            for (int d = 0; d < nRows; d++) {
                if (place[d] == -1 && isValid[d]) {
                    place[d] = va;
                    validSrc[va++] = d;
                }
            }
        }
        int[] trainOff = offsets(trainSrc, len);
        int[] validOff = offsets(validSrc, len);
        int[] trainIds = new int[trainOff[trainOff.length - 1]];
        int[] validIds = new int[validOff[validOff.length - 1]];
        Iterator<Row> it = SparkErrors.run(() -> ids.select(col(DOC), col(VALID), col("ids")).toLocalIterator());
        while (it.hasNext()) {
            Row r = it.next();
            int d = (int) r.getLong(0);
            List<Integer> docIds = Seqs.list(r.get(2));
            int[] dst = r.getBoolean(1) ? validIds : trainIds;
            int at = (r.getBoolean(1) ? validOff : trainOff)[place[d]];
            for (int i = 0; i < docIds.size(); i++) {
                dst[at + i] = docIds.get(i);
            }
        }
        return TextData.languageModel(v, TextSplit.fromFlat(trainOff, trainIds, null, trainSrc),
                TextSplit.fromFlat(validOff, validIds, null, validSrc), (int) empty, options.origin());
    }

    private static int[] offsets(int[] docs, int[] len) {
        int[] off = new int[docs.length + 1];
        long total = 0;
        for (int i = 0; i < docs.length; i++) {
            total += len[docs[i]];
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than 2^31 tokens in one split");
            }
            off[i + 1] = (int) total;
        }
        return off;
    }

    /** Frees the kept tokens. */
    @Override
    public void close() {
        tokens.unpersist();
    }
}
