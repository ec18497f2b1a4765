package org.fastdjl.text.transform;

import static org.fastdjl.text.transform.PyStrings.DIGIT;
import static org.fastdjl.text.transform.PyStrings.NON_SPACE;
import static org.fastdjl.text.transform.PyStrings.WORD_CLASS;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * spaCy 3's {@code URL_MATCH}: a string the affix rules left whole stays one token when it looks like a
 * URL or a bare domain ({@code www.imdb.com}, {@code http://a.org/x?y}, {@code film.it}).
 *
 * <p>The pattern is Diego Perini's URL regex as spaCy modified it: optional scheme, optional user info,
 * an IP address outside the private ranges or host names ending in a lower-case top-level domain, an
 * optional port and path.
 */
final class SpacyUrlMatch implements Predicate<String> {

    private static final String HOST_CHAR = "A-Za-z0-9\\u00a1-\\uffff";

    private static final Pattern URL = Pattern.compile(
            "^"
            + "(?:(?:[" + WORD_CLASS + "\\+\\-\\.]{2,})://)?"
            + "(?:" + NON_SPACE + "+(?::" + NON_SPACE + "*)?@)?"
            + "(?:"
            + "(?!(?:10|127)(?:\\." + DIGIT + "{1,3}){3})"
            + "(?!(?:169\\.254|192\\.168)(?:\\." + DIGIT + "{1,3}){2})"
            + "(?!172\\.(?:1[6-9]|2" + DIGIT + "|3[0-1])(?:\\." + DIGIT + "{1,3}){2})"
            + "(?:[1-9]" + DIGIT + "?|1" + DIGIT + DIGIT + "|2[01]" + DIGIT + "|22[0-3])"
            + "(?:\\.(?:1?" + DIGIT + "{1,2}|2[0-4]" + DIGIT + "|25[0-5])){2}"
            + "(?:\\.(?:[1-9]" + DIGIT + "?|1" + DIGIT + DIGIT + "|2[0-4]" + DIGIT + "|25[0-4]))"
            + "|"
            + "(?:(?:[" + HOST_CHAR + "][" + HOST_CHAR + "_-]{0,62})?[" + HOST_CHAR + "]\\.)+"
            + "(?:[" + SpacyCharClasses.ALPHA_LOWER + "]{2,63})"
            + ")"
            + "(?::" + DIGIT + "{2,5})?"
            + "(?:[/?#]" + NON_SPACE + "*)?"
            + "(?=\\n?\\z)");

    /** Whether the whole of {@code s} matches. */
    @Override
    public boolean test(String s) {
        // both alternatives of the host part need a dot: a cheap and exact pre-check
        return s.indexOf('.') >= 0 && URL.matcher(s).lookingAt();
    }
}
