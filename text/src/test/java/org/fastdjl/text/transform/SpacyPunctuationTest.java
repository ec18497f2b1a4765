package org.fastdjl.text.transform;

import static org.fastdjl.text.transform.SpacyCharClasses.ALPHA;
import static org.fastdjl.text.transform.SpacyCharClasses.ALPHA_LOWER;
import static org.fastdjl.text.transform.SpacyCharClasses.ALPHA_UPPER;
import static org.fastdjl.text.transform.SpacyCharClasses.CONCAT_QUOTES;
import static org.fastdjl.text.transform.SpacyCharClasses.HYPHENS;
import static org.fastdjl.text.transform.SpacyCharClasses.ICONS;
import static org.fastdjl.text.transform.SpacyCharClasses.PUNCT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The affix patterns are spaCy's with their big-class look-behinds moved behind a cheap character (for
 * speed). This checks that every rewritten pattern finds exactly what spaCy's literal pattern finds.
 */
class SpacyPunctuationTest {

    private static final String LITERAL_ICON = "[" + ICONS + "]";

    private static List<String> literal(List<String> pieces) {
        List<String> out = new ArrayList<>();
        for (String p : pieces) {
            out.add(p.equals(SpacyCharClasses.ICON) ? LITERAL_ICON : p);
        }
        return out;
    }

    private static List<String> literalSuffixes() {
        List<String> s = literal(SpacyPunctuation.suffixes());
        s.set(s.size() - 2, "(?<=[0-9" + ALPHA_LOWER + "%²\\-\\+" + PUNCT + "(?:" + CONCAT_QUOTES + ")])\\.");
        s.set(s.size() - 1, "(?<=[" + ALPHA_UPPER + "][" + ALPHA_UPPER + "])\\.");
        return s;
    }

    private static List<String> literalInfixes() {
        List<String> i = literal(SpacyPunctuation.infixes());
        int n = i.size();
        i.set(n - 4, "(?<=[" + ALPHA_LOWER + CONCAT_QUOTES + "])\\.(?=[" + ALPHA_UPPER + CONCAT_QUOTES + "])");
        i.set(n - 3, "(?<=[" + ALPHA + "]),(?=[" + ALPHA + "])");
        i.set(n - 2, "(?<=[" + ALPHA + "0-9])(?:" + HYPHENS + ")(?=[" + ALPHA + "])");
        i.set(n - 1, "(?<=[" + ALPHA + "0-9])[:<>=/](?=[" + ALPHA + "])");
        return i;
    }

    @Test
    void iconClassIsTheSameSet() {
        Matcher fast = Pattern.compile(SpacyCharClasses.ICON).matcher("");
        Matcher slow = Pattern.compile(LITERAL_ICON).matcher("");
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String s = Character.toString(cp);
            if (slow.reset(s).matches() != fast.reset(s).matches()) {
                assertEquals(slow.matches(), fast.matches(), "U+" + Integer.toHexString(cp));
            }
        }
    }

    @Test
    void rewrittenPatternsMatchLikeSpacys() throws IOException {
        Pattern prefix = SpacyPunctuation.compilePrefix(SpacyPunctuation.prefixes());
        Pattern prefixLit = SpacyPunctuation.compilePrefix(literal(SpacyPunctuation.prefixes()));
        Pattern suffix = SpacyPunctuation.compileSuffix(SpacyPunctuation.suffixes());
        Pattern suffixLit = SpacyPunctuation.compileSuffix(literalSuffixes());
        Pattern infix = SpacyPunctuation.compileInfix(SpacyPunctuation.infixes());
        Pattern infixLit = SpacyPunctuation.compileInfix(literalInfixes());
        int checked = 0;
        for (String s : samples()) {
            assertEquals(prefixEnd(prefixLit, s), prefixEnd(prefix, s), () -> "prefix of <" + s + ">");
            assertEquals(all(suffixLit, s, true), all(suffix, s, true), () -> "suffix of <" + s + ">");
            assertEquals(all(infixLit, s, false), all(infix, s, false), () -> "infixes of <" + s + ">");
            checked++;
        }
        assertEquals(true, checked > 3000, "checked " + checked + " strings");
    }

    /** Random strings over the characters the rules care about, plus every piece of the IMDB sample. */
    private static Set<String> samples() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        String alphabet = "aZé0.9,-–—~:/<>=+*^'\"”“‘’()[]!?…°CsSkm%$£€#&_|эЖ한字©😀 ";
        Random rnd = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = 1 + rnd.nextInt(8); n > 0; n--) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        rnd.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            out.add(sb.toString().strip());
        }
        out.remove("");
        String data = System.getProperty("fastdjl.data");
        Path csv = data == null ? null : Path.of(data, "imdb_sample", "texts.csv");
        if (csv != null && Files.isRegularFile(csv)) {
            for (String text : CsvTexts.readColumn(csv, "text")) {
                for (String piece : text.split("\\s+")) {
                    if (!piece.isEmpty()) {
                        out.add(piece);
                    }
                }
            }
        }
        return out;
    }

    private static int prefixEnd(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.lookingAt() ? m.end() : -1;
    }

    private static List<Integer> all(Pattern p, String s, boolean firstOnly) {
        Matcher m = p.matcher(s);
        List<Integer> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(m.start());
            spans.add(m.end());
            if (firstOnly) {
                break;
            }
        }
        return spans;
    }
}
