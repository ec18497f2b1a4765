package org.fastdjl.text.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** fastai's {@code CategoryProcessor.generate_classes}: the sorted unique labels. */
final class Labels {

    private static final java.util.regex.Pattern ZERO_FRACTION = java.util.regex.Pattern.compile("[+-]?[0-9]+\\.0+");

    private Labels() {
    }

    /**
     * A label cell as it is compared, whichever reader made the table: surrounding whitespace dropped
     * (Tablesaw's CSV reader trims unquoted fields, pandas does not), blank is missing, and a number
     * written with a zero fraction is the whole number ({@code "1.0"} is {@code "1"}: Tablesaw reads such
     * a column as integers).
     *
     * @param cell the cell's text, or {@code null}
     * @return the label, or {@code null} when missing
     */
    static String normalize(String cell) {
        Object v = org.fastdjl.core.data.CategoryMap.normalize(cell);
        if (v == null) {
            return null;
        }
        String s = (String) v;
        if (ZERO_FRACTION.matcher(s).matches()) {
            return s.substring(0, s.indexOf('.'));
        }
        return s;
    }

    /**
     * The sorted unique non-missing labels: by value when every one is a number (pandas reads such a
     * column as numbers), else by code point, as Python sorts strings.
     *
     * @param raw labels, {@code null} for missing
     * @return the classes
     */
    static List<String> sortedClasses(String[] raw) {
        Set<String> unique = new LinkedHashSet<>();
        for (String s : raw) {
            if (s != null) {
                unique.add(s);
            }
        }
        List<String> out = new ArrayList<>(unique);
        boolean numeric = !out.isEmpty() && out.stream().allMatch(Labels::isNumber);
        out.sort(numeric ? Comparator.comparingDouble(s -> Double.parseDouble(s.trim())) : Labels::compareCodePoints);
        return List.copyOf(out);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
