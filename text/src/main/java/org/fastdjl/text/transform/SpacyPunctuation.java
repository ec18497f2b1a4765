package org.fastdjl.text.transform;

import static org.fastdjl.text.transform.SpacyCharClasses.ALPHA;
import static org.fastdjl.text.transform.SpacyCharClasses.ALPHA_LOWER;
import static org.fastdjl.text.transform.SpacyCharClasses.ALPHA_UPPER;
import static org.fastdjl.text.transform.SpacyCharClasses.CONCAT_QUOTES;
import static org.fastdjl.text.transform.SpacyCharClasses.CURRENCY;
import static org.fastdjl.text.transform.SpacyCharClasses.HYPHENS;
import static org.fastdjl.text.transform.SpacyCharClasses.LIST_CURRENCY;
import static org.fastdjl.text.transform.SpacyCharClasses.LIST_ELLIPSES;
import static org.fastdjl.text.transform.SpacyCharClasses.LIST_ICONS;
import static org.fastdjl.text.transform.SpacyCharClasses.LIST_PUNCT;
import static org.fastdjl.text.transform.SpacyCharClasses.LIST_QUOTES;
import static org.fastdjl.text.transform.SpacyCharClasses.PUNCT;
import static org.fastdjl.text.transform.SpacyCharClasses.UNITS;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * spaCy 3's English prefix, suffix and infix rules ({@code spacy/lang/punctuation.py} and
 * {@code spacy/lang/en/punctuation.py}), compiled the way {@code spacy.util.compile_*_regex} does: one
 * alternation, each prefix anchored at the start, each suffix at the end.
 *
 * <p>The patterns are spaCy's with one rewrite that keeps every match the same: a look-behind on a big
 * character class ({@code (?<=[ALPHA])\.}) is moved behind the cheap character it guards
 * ({@code \.(?<=[ALPHA]\.)}), or the cheap character is checked first by a look-ahead
 * ({@code (?=[-–—~])(?<=[ALPHA0-9])(?:-|–|...)}). Java tests a class of hundreds of ranges one range at a
 * time, so testing it only where a '.', ',' or hyphen stands makes the tokenizer many times faster.
 */
final class SpacyPunctuation {

    /** Python's {@code $} without MULTILINE: the end, or just before a final newline. */
    private static final String PY_END = "(?=\\n?\\z)";

    private SpacyPunctuation() {
    }

    /** The prefix alternatives, in spaCy's order. */
    static List<String> prefixes() {
        List<String> p = new ArrayList<>(List.of("§", "%", "=", "—", "–", "\\+(?![0-9])"));
        p.addAll(LIST_PUNCT);
        p.addAll(LIST_ELLIPSES);
        p.addAll(LIST_QUOTES);
        p.addAll(LIST_CURRENCY);
        p.addAll(LIST_ICONS);
        return p;
    }

    /** The suffix alternatives, in spaCy's order. */
    static List<String> suffixes() {
        List<String> s = new ArrayList<>(LIST_PUNCT);
        s.addAll(LIST_ELLIPSES);
        s.addAll(LIST_QUOTES);
        s.addAll(LIST_ICONS);
        s.addAll(List.of("'s", "'S", "’s", "’S", "—", "–"));
        s.add("(?<=[0-9])\\+");
        s.add("(?<=°[FfCcKk])\\.");
        s.add("(?<=[0-9])(?:" + CURRENCY + ")");
        s.add("(?<=[0-9])(?:" + UNITS + ")");
        // spaCy's (?<=[...])\. ; spaCy drops PUNCT and "(?:quotes)" into the class, so '|', '(', '?' and ':'
        // are members too. Here and below the cheap character comes first and the look-behind then checks
        // the same characters (see the class comment): same matches, far fewer big-class tests.
        s.add("\\.(?<=[0-9" + ALPHA_LOWER + "%²\\-\\+" + PUNCT + "(?:" + CONCAT_QUOTES + ")]\\.)");
        s.add("\\.(?<=[" + ALPHA_UPPER + "][" + ALPHA_UPPER + "]\\.)");
        return s;
    }

    /** The English infix alternatives, in spaCy's order. */
    static List<String> infixes() {
        List<String> i = new ArrayList<>(LIST_ELLIPSES);
        i.addAll(LIST_ICONS);
        i.add("(?<=[0-9])[+\\-\\*^](?=[0-9-])");
        i.add("\\.(?<=[" + ALPHA_LOWER + CONCAT_QUOTES + "]\\.)(?=[" + ALPHA_UPPER + CONCAT_QUOTES + "])");
        i.add(",(?<=[" + ALPHA + "],)(?=[" + ALPHA + "])");
        i.add("(?=[-–—~])(?<=[" + ALPHA + "0-9])(?:" + HYPHENS + ")(?=[" + ALPHA + "])");
        i.add("(?=[:<>=/])(?<=[" + ALPHA + "0-9])[:<>=/](?=[" + ALPHA + "])");
        return i;
    }

    /** {@code compile_prefix_regex}: every piece anchored at the start; use with {@code lookingAt()}. */
    static Pattern compilePrefix(List<String> pieces) {
        return Pattern.compile(nonBlank(pieces).stream().map(p -> "^" + p).collect(Collectors.joining("|")));
    }

    /** {@code compile_suffix_regex}: every piece anchored at the end; use with {@code find()}. */
    static Pattern compileSuffix(List<String> pieces) {
        return Pattern.compile(nonBlank(pieces).stream().map(p -> p + PY_END).collect(Collectors.joining("|")));
    }

    /** {@code compile_infix_regex}: the pieces as one alternation; use with repeated {@code find()}. */
    static Pattern compileInfix(List<String> pieces) {
        return Pattern.compile(String.join("|", nonBlank(pieces)));
    }

    private static List<String> nonBlank(List<String> pieces) {
        return pieces.stream().filter(p -> !p.strip().isEmpty()).collect(Collectors.toList());
    }
}
