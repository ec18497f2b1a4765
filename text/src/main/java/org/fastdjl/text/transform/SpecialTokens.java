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

    /**
     * fastai's {@code decode_spec_tokens}: turns the rules' marks back into text for display, {@code
     * xxmaj w} into {@code W} (first letter upper case, the rest lower), {@code xxup w} into {@code W}
     * in capitals, {@code xxrep n c} into {@code c} repeated n times as one token and {@code xxwrep n w}
     * into n tokens {@code w}; a mark whose count is not an integer is dropped with its count. Other
     * tokens are kept as they are.
     *
     * <p>One deliberate difference: fastai 1.0.61 never clears a repetition rule once applied, so every
     * later token is repeated too ({@code xxrep 3 a b} gives {@code aaa bbb}); here the rule applies to
     * its one token, as the rule that wrote it meant ({@code aaa b}).
     *
     * @param tokens tokens with rule marks
     * @return display tokens
     */
    public static List<String> decode(List<String> tokens) {
        List<String> out = new java.util.ArrayList<>(tokens.size());
        String rule = null;
        Integer arg = null;
        for (String t : tokens) {
            if (t.equals(TK_MAJ) || t.equals(TK_UP) || t.equals(TK_REP) || t.equals(TK_WREP)) {
                rule = t;
            } else if (rule == null) {
                out.add(t);
            } else if (rule.equals(TK_MAJ)) {
                out.add(t.isEmpty() ? t : t.substring(0, t.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT)
                        + t.substring(t.offsetByCodePoints(0, 1)).toLowerCase(java.util.Locale.ROOT));
                rule = null;
            } else if (rule.equals(TK_UP)) {
                out.add(t.toUpperCase(java.util.Locale.ROOT));
                rule = null;
            } else if (arg == null) {
                try {
                    arg = Integer.parseInt(t.strip()); // Python's int() accepts surrounding spaces
                } catch (NumberFormatException e) {
                    rule = null;
                }
            } else {
                if (rule.equals(TK_REP)) {
                    out.add(t.repeat(Math.max(0, arg)));
                } else {
                    for (int i = 0; i < arg; i++) {
                        out.add(t);
                    }
                }
                rule = null;
                arg = null;
            }
        }
        return out;
    }
}
