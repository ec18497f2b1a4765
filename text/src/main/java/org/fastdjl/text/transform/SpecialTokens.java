package org.fastdjl.text.transform;

import java.util.List;

/**
 * fastai v1's special tokens. {@link #ALL} is their order at the head of every {@link Vocab}, so
 * {@code xxunk} is id 0 and {@code xxpad} id 1.
 */
public final class SpecialTokens {

    /** Unknown token: what a token missing from the vocab numericalizes to (id 0). */
    public static final String UNK = "xxunk";
    /** Padding (id 1). */
    public static final String PAD = "xxpad";
    /** Beginning of a document. */
    public static final String BOS = "xxbos";
    /** End of a document (only with {@code includeEos}). */
    public static final String EOS = "xxeos";
    /** Start of a field when several text columns are joined with field marks: {@code xxfld 2 ...}. */
    public static final String FLD = "xxfld";
    /** The next token was Capitalised. */
    public static final String TK_MAJ = "xxmaj";
    /** The next token was ALL CAPS. */
    public static final String TK_UP = "xxup";
    /** Character repetition: {@code xxrep 4 !} stands for {@code !!!!}. */
    public static final String TK_REP = "xxrep";
    /** Word repetition: {@code xxwrep 5 very} stands for five times {@code very}. */
    public static final String TK_WREP = "xxwrep";

    /** All special tokens in vocab order (fastai's {@code defaults.text_spec_tok}). */
    public static final List<String> ALL = List.of(UNK, PAD, BOS, EOS, FLD, TK_MAJ, TK_UP, TK_REP, TK_WREP);

    private SpecialTokens() {
    }
}
