package org.fastdjl.text.transform;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
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
    private static final Pattern CHAR_REPEAT = Pattern.compile("(" + PyStrings.NON_SPACE + ")(\\1{3,})");
    // Python's (\b\w+\W+)(\1{3,}); before \w+ the word boundary means "no word character behind"
    private static final Pattern WORD_REPEAT = Pattern.compile(
            "((?<!" + PyStrings.WORD + ")" + PyStrings.WORD + "+" + PyStrings.NON_WORD + "+)(\\1{3,})");

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

    private static String replaceRep(String t) {
        Matcher m = CHAR_REPEAT.matcher(t);
        if (!m.find()) {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length() + 16);
        int last = 0;
        do {
            String c = m.group(1);
            out.append(t, last, m.start()).append(' ').append(SpecialTokens.TK_REP).append(' ')
                    .append(PyStrings.length(m.group(2)) + 1).append(' ').append(c).append(' ');
            last = m.end();
        } while (m.find());
        return out.append(t, last, t.length()).toString();
    }

    private static String replaceWrep(String t) {
        Matcher m = WORD_REPEAT.matcher(t);
        if (!m.find()) {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length() + 16);
        int last = 0;
        do {
            String c = m.group(1);
            out.append(t, last, m.start()).append(' ').append(SpecialTokens.TK_WREP).append(' ')
                    .append(PyStrings.split(m.group(2)).size() + 1).append(' ').append(c).append(' ');
            last = m.end();
        } while (m.find());
        return out.append(t, last, t.length()).toString();
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
