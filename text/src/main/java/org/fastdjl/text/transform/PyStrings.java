package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python 3 {@code str} semantics that fastai's rules and spaCy's tokenizer rely on, for Java strings.
 *
 * <p>Python counts code points, treats a wider set of characters as whitespace than
 * {@link Character#isWhitespace(int)} (no-break spaces, U+0085, ...) and defines {@code \w}, {@code \s}
 * and {@code \d} over Unicode. Everything in this package that mirrors Python goes through here so the
 * two agree character for character.
 */
final class PyStrings {

    /** The body of a regex character class matching exactly Python's {@code str.isspace()} characters. */
    static final String SPACE_CLASS =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

    /** The body of a regex character class matching Python's Unicode {@code \w}: letters, numbers, '_'. */
    static final String WORD_CLASS = "\\p{L}\\p{N}_";

    /** Python's {@code \s}. */
    static final String SPACE = "[" + SPACE_CLASS + "]";

    /** Python's {@code \S}. */
    static final String NON_SPACE = "[^" + SPACE_CLASS + "]";

    /** Python's {@code \w}. */
    static final String WORD = "[" + WORD_CLASS + "]";

    /** Python's {@code \W}. */
    static final String NON_WORD = "[^" + WORD_CLASS + "]";

    /** Python's Unicode {@code \d} (decimal digits, category Nd). */
    static final String DIGIT = "\\p{Nd}";

    private PyStrings() {
    }

    /** Python's {@code chr(cp).isspace()}. */
    static boolean isSpace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's {@code len(s)}: the number of code points. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Python's {@code s.isupper()}: at least one cased character and no lower- or title-case one. */
    static boolean isUpper(String s) {
        return isUpper(s, 0);
    }

    /** Python's {@code s[from:].isupper()}, {@code from} being a char index. */
    static boolean isUpper(String s, int from) {
        boolean cased = false;
        for (int i = from; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            if (Character.isUpperCase(cp)) {
                cased = true;
            }
            i += Character.charCount(cp);
        }
        return cased;
    }

    /** Python's {@code s[from:].islower()}, {@code from} being a char index. */
    static boolean isLower(String s, int from) {
        boolean cased = false;
        for (int i = from; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            if (Character.isLowerCase(cp)) {
                cased = true;
            }
            i += Character.charCount(cp);
        }
        return cased;
    }

    /** Python's {@code chr(cp).isupper()} for a single code point. */
    static boolean isUpper(int cp) {
        return Character.isUpperCase(cp) && !Character.isLowerCase(cp) && !Character.isTitleCase(cp);
    }

    /**
     * Python's {@code s.lower()}: full Unicode lower-casing ({@code İ} gives {@code i̇}), with a capital sigma
     * becoming the final form {@code ς} exactly where Python puts it. Java's own rule for the final sigma
     * looks at word boundaries and differs ({@code "aΣ\"x"}), so sigmas are done here.
     */
    static String lower(String s) {
        int sigma = s.indexOf('\u03A3');
        if (sigma < 0) {
            return s.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(s.length() + 4);
        int from = 0;
        while (sigma >= 0) {
            // no context-dependent mapping other than the final sigma exists in the root locale, so the
            // stretches between sigmas can be lower-cased on their own
            out.append(s.substring(from, sigma).toLowerCase(Locale.ROOT));
            out.append(isFinalSigma(s, sigma) ? '\u03C2' : '\u03C3');
            from = sigma + 1;
            sigma = s.indexOf('\u03A3', from);
        }
        return out.append(s.substring(from).toLowerCase(Locale.ROOT)).toString();
    }

    /** CPython's rule: a cased letter before (case-ignorables skipped) and none after (likewise). */
    private static boolean isFinalSigma(String s, int i) {
        int j = i;
        int c = 0;
        boolean found = false;
        while (j > 0) {
            c = s.codePointBefore(j);
            j -= Character.charCount(c);
            if (!isCaseIgnorable(c)) {
                found = true;
                break;
            }
        }
        if (!found || !isCased(c)) {
            return false;
        }
        for (int k = i + 1; k < s.length(); ) {
            int d = s.codePointAt(k);
            if (!isCaseIgnorable(d)) {
                return !isCased(d);
            }
            k += Character.charCount(d);
        }
        return true;
    }

    /** Unicode's Cased property. */
    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable property: marks, format characters, modifiers and in-word punctuation. */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.FORMAT,
                    Character.MODIFIER_LETTER, Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            case '\'', '.', ':', 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52,
                    0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
                return true;
            default:
                return false;
        }
    }

    /** Python's {@code s.split()}: the pieces between runs of whitespace, none empty. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }
}
