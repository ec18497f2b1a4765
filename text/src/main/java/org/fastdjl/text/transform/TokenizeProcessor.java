package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * fastai v1's {@code TokenizeProcessor}: what the data-block path does to raw texts. It joins each row's
 * text fields into one string, {@code "xxbos "} first (and {@code "xxfld n "} before field n when fields are
 * marked), then tokenizes all rows with a {@link Tokenizer}.
 *
 * <pre>{@code
 * TokenizeProcessor proc = new TokenizeProcessor(new Tokenizer());
 * List<List<String>> docs = proc.processTexts(reviews);   // each starts with "xxbos"
 * }</pre>
 *
 * <p>An empty text is kept: it tokenizes to just {@code [xxbos]}, as in fastai.
 */
public final class TokenizeProcessor {

    private final Tokenizer tokenizer;
    private final boolean markFields;
    private final boolean includeBos;
    private final boolean includeEos;

    /**
     * fastai's defaults: no field marks, {@code xxbos} at the start, no {@code xxeos}.
     *
     * @param tokenizer the tokenizer to run
     */
    public TokenizeProcessor(Tokenizer tokenizer) {
        this(tokenizer, false, true, false);
    }

    /**
     * @param tokenizer the tokenizer to run
     * @param markFields put {@code xxfld n} before field n (1-based)
     * @param includeBos start every document with {@code xxbos}
     * @param includeEos end every document with {@code xxeos}
     */
    public TokenizeProcessor(Tokenizer tokenizer, boolean markFields, boolean includeBos, boolean includeEos) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.markFields = markFields;
        this.includeBos = includeBos;
        this.includeEos = includeEos;
    }

    /**
     * Tokenizes one-field documents.
     *
     * @param texts one text per document
     * @return the tokens of each document, in order
     */
    public List<List<String>> processTexts(List<String> texts) {
        List<String> joined = new ArrayList<>(texts.size());
        for (String t : texts) {
            joined.add(joinTexts(List.of(t), markFields, includeBos, includeEos));
        }
        return tokenizer.processAll(joined);
    }

    /**
     * Tokenizes documents made of several text fields (several text columns of a CSV).
     *
     * @param rows the fields of each document, in column order
     * @return the tokens of each document, in order
     */
    public List<List<String>> processRows(List<List<String>> rows) {
        return processRows(rows, Function.identity());
    }

    /**
     * Tokenizes documents made of several text fields and turns each one's tokens into something else
     * on the tokenizing thread (see {@link Tokenizer#processAll(List, Function)}).
     *
     * @param rows the fields of each document, in column order
     * @param then what to make of one document's tokens; called from several threads at once
     * @param <T> what it makes
     * @return {@code then} of each document's tokens, in order
     */
    public <T> List<T> processRows(List<List<String>> rows, Function<List<String>, T> then) {
        List<String> joined = new ArrayList<>(rows.size());
        for (List<String> fields : rows) {
            joined.add(joinTexts(fields, markFields, includeBos, includeEos));
        }
        return tokenizer.processAll(joined, then);
    }

    /**
     * fastai's {@code _join_texts} for one row: {@code "xxbos xxfld 1 a xxfld 2 b xxeos"} with every option
     * on, {@code "xxbos a b"} by default.
     *
     * @param fields the row's text fields, at least one
     * @param markFields put {@code xxfld n} before field n
     * @param includeBos start with {@code xxbos}
     * @param includeEos end with {@code xxeos}
     * @return the joined text
     */
    public static String joinTexts(List<String> fields, boolean markFields, boolean includeBos,
            boolean includeEos) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a document needs at least one text field");
        }
        StringBuilder sb = new StringBuilder();
        if (includeBos) {
            sb.append(SpecialTokens.BOS).append(' ');
        }
        if (markFields) {
            sb.append(SpecialTokens.FLD).append(" 1 ");
        }
        sb.append(fields.get(0));
        for (int i = 1; i < fields.size(); i++) {
            sb.append(markFields ? " " + SpecialTokens.FLD + " " + (i + 1) + " " : " ").append(fields.get(i));
        }
        if (includeEos) {
            sb.append(' ').append(SpecialTokens.EOS);
        }
        return sb.toString();
    }
}
