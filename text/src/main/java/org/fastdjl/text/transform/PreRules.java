package org.fastdjl.text.transform;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * fastai v1's pre-rules: text-to-text steps run before the base tokenizer, in the order of
 * {@link #DEFAULTS}. Each is a plain {@code UnaryOperator<String>}, so a list of them can be reordered,
 * shortened or extended with your own and passed to {@link Tokenizer} (fastai's {@code pre_rules}).
 *
 * <pre>{@code
 * List<UnaryOperator<String>> pre = new ArrayList<>(PreRules.DEFAULTS);
 * pre.add(t -> t.replace("&", " and "));
 * Tokenizer tok = Tokenizer.builder().preRules(pre).build();
 * }</pre>
 */
public final class PreRules {

    private static final Pattern TWO_OR_MORE_SPACES = Pattern.compile(" {2,}");
    private static final Pattern SLASH_HASH_NEWLINE = Pattern.compile("[/#\\n]");

    /**
     * fastai's {@code fix_html}: undoes the HTML escapes and wiki markup found in IMDB and WikiText
     * ({@code <br />} becomes a newline, {@code #39;} an apostrophe, {@code @-@} a hyphen, ...), then
     * Python's {@code html.unescape}, then squeezes runs of spaces. Like fastai it turns {@code amp;} into
     * {@code &} before unescaping, so {@code &amp;} ends up as {@code &&}.
     */
    public static final UnaryOperator<String> FIX_HTML = named("fix_html", PreRules::fixHtml);

    /** fastai's {@code replace_rep}: a character repeated 4 times or more becomes {@code xxrep n c}. */
    public static final UnaryOperator<String> REPLACE_REP = named("replace_rep", PreRules::replaceRep);

    /**
     * fastai's {@code replace_wrep}: a word (with what follows it) repeated 4 times or more becomes
     * {@code xxwrep n word}, n counting the repeats as fastai does (by whitespace-separated pieces).
     */
    public static final UnaryOperator<String> REPLACE_WREP = named("replace_wrep", PreRules::replaceWrep);

    /** fastai's {@code spec_add_spaces}: spaces around {@code /}, {@code #} and newlines. */
    public static final UnaryOperator<String> SPEC_ADD_SPACES = named("spec_add_spaces",
            t -> SLASH_HASH_NEWLINE.matcher(t).replaceAll(" $0 "));

    /** fastai's {@code rm_useless_spaces}: runs of two spaces or more become one. */
    public static final UnaryOperator<String> RM_USELESS_SPACES = named("rm_useless_spaces",
            t -> TWO_OR_MORE_SPACES.matcher(t).replaceAll(" "));

    /** fastai's {@code defaults.text_pre_rules}, in order. */
    public static final List<UnaryOperator<String>> DEFAULTS =
            List.of(FIX_HTML, REPLACE_REP, REPLACE_WREP, SPEC_ADD_SPACES, RM_USELESS_SPACES);

    private PreRules() {
    }

    private static String fixHtml(String x) {
        String t = x.replace("#39;", "'").replace("amp;", "&").replace("#146;", "'").replace("nbsp;", " ")
                .replace("#36;", "$").replace("\\n", "\n").replace("quot;", "'").replace("<br />", "\n")
                .replace("\\\"", "\"").replace("<unk>", SpecialTokens.UNK).replace(" @.@ ", ".")
                .replace(" @-@ ", "-").replace(" @,@ ", ",").replace("\\", " \\ ");
        return TWO_OR_MORE_SPACES.matcher(HtmlUnescape.unescape(t)).replaceAll(" ");
    }

    /**
     * {@code re.sub(r'(\S)(\1{3,})', ...)} without the regex engine: the regex matches exactly the maximal
     * runs of one non-space character that are 4 long or longer, scanning left to right.
     */
    private static String replaceRep(String t) {
        StringBuilder out = null;
        int last = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            int w = Character.charCount(cp);
            int end = i + w;
            int run = 1;
            while (end < t.length() && t.codePointAt(end) == cp) {
                end += w;
                run++;
            }
            if (run >= 4 && !PyStrings.isSpace(cp)) {
                if (out == null) {
                    out = new StringBuilder(t.length() + 16);
                }
                out.append(t, last, i).append(' ').append(SpecialTokens.TK_REP).append(' ').append(run)
                        .append(' ').appendCodePoint(cp).append(' ');
                last = end;
            }
            i = end;
        }
        return out == null ? t : out.append(t, last, t.length()).toString();
    }

    /**
     * {@code re.sub(r'(\b\w+\W+)(\1{3,})', ...)} without the regex engine, trying what Python's
     * backtracking tries in the same order: at each word start, the whole word, then the longest run of
     * non-word characters after it first, shrinking it until at least three copies of word-plus-run follow;
     * then as many copies as there are.
     */
    private static String replaceWrep(String t) {
        StringBuilder out = null;
        int last = 0;
        int n = t.length();
        int i = 0;
        while (i < n) {
            int cp = t.codePointAt(i);
            boolean wordStart = isWord(cp) && (i == 0 || !isWord(t.codePointBefore(i)));
            int matchEnd = -1;
            int groupEnd = -1;
            if (wordStart) {
                int j = skip(t, i, true);
                int kMax = skip(t, j, false);
                for (int k = kMax; k > j && matchEnd < 0; k = t.offsetByCodePoints(k, -1)) {
                    int len = k - i;
                    int e = k;
                    int copies = 0;
                    while (e + len <= n && t.regionMatches(e, t, i, len)) {
                        e += len;
                        copies++;
                    }
                    if (copies >= 3) {
                        matchEnd = e;
                        groupEnd = k;
                    }
                }
            }
            if (matchEnd < 0) {
                i += Character.charCount(cp);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 16);
            }
            out.append(t, last, i).append(' ').append(SpecialTokens.TK_WREP).append(' ')
                    .append(PyStrings.split(t.substring(groupEnd, matchEnd)).size() + 1).append(' ')
                    .append(t, i, groupEnd).append(' ');
            last = matchEnd;
            i = matchEnd;
        }
        return out == null ? t : out.append(t, last, n).toString();
    }

    /** Python's {@code \w} for one code point: a letter, a number or '_'. */
    private static boolean isWord(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** The end of the run of word ({@code word} true) or non-word characters starting at {@code from}. */
    private static int skip(String t, int from, boolean word) {
        int i = from;
        while (i < t.length()) {
            int cp = t.codePointAt(i);
            if (isWord(cp) != word) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Wraps {@code rule} so that it prints as fastai's function name. */
    static <T> UnaryOperator<T> named(String name, UnaryOperator<T> rule) {
        return new UnaryOperator<>() {
            @Override
            public T apply(T t) {
                return rule.apply(t);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
