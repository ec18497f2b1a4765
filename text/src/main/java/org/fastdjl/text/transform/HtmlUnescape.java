package org.fastdjl.text.transform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape}, which fastai's {@code fix_html} applies last.
 *
 * <p>Numeric references ({@code &#233;}, {@code &#xE9;}, semicolon optional) and the full table of
 * HTML5 named references, including the legacy names that need no semicolon ({@code &amp},
 * {@code &copy}) and the longest-prefix rule for them ({@code &notit;} gives {@code ¬it;}), as the
 * HTML standard and Python define them. Code points the standard calls invalid map as Python maps them.
 */
final class HtmlUnescape {

    private static final Pattern CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    private static final Map<String, String> ENTITIES = loadEntities();

    /** Windows-1252 stand-ins for the C1 range, and the two other remapped references. */
    private static final Map<Integer, String> INVALID_CHARREFS = invalidCharrefs();

    private static final BigInteger MAX_CODE_POINT = BigInteger.valueOf(0x10FFFF);

    private HtmlUnescape() {
    }

    /** Replaces every character reference in {@code s}; a string without {@code &} comes back as is. */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = CHARREF.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            out.append(replace(m.group(1)));
            last = m.end();
        }
        out.append(s, last, s.length());
        return out.toString();
    }

    private static String replace(String ref) {
        if (ref.charAt(0) == '#') {
            String digits = stripSemicolon(ref);
            BigInteger num = (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')
                    ? new BigInteger(digits.substring(2), 16)
                    : new BigInteger(digits.substring(1));
            if (num.compareTo(MAX_CODE_POINT) > 0) {
                return "\uFFFD";
            }
            int cp = num.intValue();
            String mapped = INVALID_CHARREFS.get(cp);
            if (mapped != null) {
                return mapped;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                return "\uFFFD";
            }
            if (isInvalidCodePoint(cp)) {
                return "";
            }
            return new String(Character.toChars(cp));
        }
        String exact = ENTITIES.get(ref);
        if (exact != null) {
            return exact;
        }
        // the longest name the standard allows without its semicolon, as Python does
        for (int x = ref.length() - 1; x > 1; x--) {
            String value = ENTITIES.get(ref.substring(0, x));
            if (value != null) {
                return value + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    private static String stripSemicolon(String ref) {
        return ref.endsWith(";") ? ref.substring(0, ref.length() - 1) : ref;
    }

    private static boolean isInvalidCodePoint(int cp) {
        return (cp >= 0x1 && cp <= 0x8) || cp == 0xB || (cp >= 0xE && cp <= 0x1F)
                || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF)
                || (cp & 0xFFFE) == 0xFFFE;
    }

    private static Map<Integer, String> invalidCharrefs() {
        Map<Integer, String> m = new HashMap<>();
        m.put(0x00, "\uFFFD");
        m.put(0x0D, "\r");
        int[] cp1252 = {
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
            0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};
        for (int i = 0; i < cp1252.length; i++) {
            m.put(0x80 + i, new String(Character.toChars(cp1252[i])));
        }
        return Map.copyOf(m);
    }

    private static Map<String, String> loadEntities() {
        String name = "html5-entities.tsv";
        try (InputStream in = HtmlUnescape.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name + " next to "
                        + HtmlUnescape.class.getName());
            }
            Map<String, String> m = new HashMap<>(4096);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder();
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                m.put(line.substring(0, tab), value.toString());
            }
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class-path resource " + name, e);
        }
    }
}
