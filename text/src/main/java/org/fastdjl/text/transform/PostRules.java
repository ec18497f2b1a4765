package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * fastai v1's post-rules: token-list steps run after the base tokenizer, in the order of
 * {@link #DEFAULTS}. Each is a plain {@code UnaryOperator<List<String>>}, so you can pass your own list
 * to {@link Tokenizer} (fastai's {@code post_rules}).
 *
 * <p>Case is tested as Python does ({@code str.isupper}, {@code str.islower}): a token counts as ALL CAPS
 * when it has a cased character and no lower-case one, so {@code 'S} and {@code A1} count.
 */
public final class PostRules {

    /**
     * fastai's {@code replace_all_caps}: a token of two characters or more in ALL CAPS becomes
     * {@code xxup} and the token in lower case.
     */
    public static final UnaryOperator<List<String>> REPLACE_ALL_CAPS =
            PreRules.named("replace_all_caps", PostRules::replaceAllCaps);

    /**
     * fastai's {@code deal_caps}: drops empty tokens, puts {@code xxmaj} before a Capitalised token (upper
     * first character, lower-case rest, two characters or more) and lower-cases every token.
     */
    public static final UnaryOperator<List<String>> DEAL_CAPS = PreRules.named("deal_caps", PostRules::dealCaps);

    /** fastai's {@code defaults.text_post_rules}, in order. */
    public static final List<UnaryOperator<List<String>>> DEFAULTS = List.of(REPLACE_ALL_CAPS, DEAL_CAPS);

    private PostRules() {
    }

    private static List<String> replaceAllCaps(List<String> tokens) {
        List<String> res = new ArrayList<>(tokens.size() + 8);
        for (String t : tokens) {
            if (PyStrings.isUpper(t) && PyStrings.length(t) > 1) {
                res.add(SpecialTokens.TK_UP);
                res.add(PyStrings.lower(t));
            } else {
                res.add(t);
            }
        }
        return res;
    }

    private static List<String> dealCaps(List<String> tokens) {
        List<String> res = new ArrayList<>(tokens.size() + tokens.size() / 8);
        for (String t : tokens) {
            if (t.isEmpty()) {
                continue;
            }
            int first = t.codePointAt(0);
            int rest = Character.charCount(first);
            if (PyStrings.isUpper(first) && rest < t.length() && PyStrings.isLower(t, rest)) {
                res.add(SpecialTokens.TK_MAJ);
            }
            res.add(PyStrings.lower(t));
        }
        return res;
    }
}
