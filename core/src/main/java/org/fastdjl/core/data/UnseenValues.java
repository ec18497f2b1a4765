package org.fastdjl.core.data;

import org.fastdjl.core.util.Warnings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Notices when most values of a categorical column, coded with the classes learned in training, were
 * never seen in training: every such value silently becomes {@code #na#}, so predictions are made on
 * nothing and look fine. That happens when a table is read differently from the training data
 * ({@code "Private"} against {@code " Private"}, {@code "1.0"} against {@code "1"}). It then issues one
 * {@linkplain Warnings warning} per column, naming a few unseen values and the closest known class
 * of each:
 *
 * <pre>
 * fastdjl warning: column 'workclass': 200 of 200 values (100%) were not seen in training and are coded
 * #na#: ' Private' (closest known 'Private'), ...
 * </pre>
 *
 * <p>One instance belongs to one set of learned classes (a {@code Categorify}, a collab data bunch),
 * so each column warns once however many tables go through it.
 */
public final class UnseenValues {

    /** More than this fraction of the present values unseen is "mostly unseen". */
    public static final double THRESHOLD = 0.5;

    /** How many unseen values a warning names. */
    private static final int SHOWN = 3;

    /** Longest text compared character by character when looking for the closest class. */
    private static final int MAX_COMPARED = 64;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Creates a checker that has not warned yet. */
    public UnseenValues() {
    }

    /**
     * Checks one column's coded values and warns the first time most of them are unseen.
     *
     * @param column the column's name
     * @param map the classes learned in training
     * @param values the values as they were looked up, {@code null} for missing
     * @param display how a value is shown in the message
     * @param codes the code each value got (0 = {@code #na#})
     * @return the warning's text when one was issued now, else {@code null}
     */
    public String check(String column, CategoryMap map, Object[] values, Function<Object, String> display,
                        int[] codes) {
        int present = 0;
        Map<String, Integer> unseen = new LinkedHashMap<>();
        int unseenCount = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                continue;
            }
            present++;
            if (codes[i] == 0) {
                unseenCount++;
                unseen.merge(display.apply(values[i]), 1, Integer::sum);
            }
        }
        if (present == 0 || unseenCount <= THRESHOLD * present || warned.contains(column)) {
            return null;
        }
        if (!warned.add(column)) {
            return null;
        }
        String message = message(column, map, present, unseenCount, unseen);
        Warnings.warn(message);
        return message;
    }

    /**
     * Whether this checker has warned about a column.
     *
     * @param column the column's name
     * @return true after its warning
     */
    public boolean hasWarned(String column) {
        return warned.contains(column);
    }

    private static String message(String column, CategoryMap map, int present, int unseenCount,
                                  Map<String, Integer> unseen) {
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(unseen.entrySet());
        byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable: first seen first on ties
        List<String> known = map.classes().subList(1, map.size());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "column '%s': %d of %d values (%.0f%%) were not seen in training and"
                + " are coded #na#: ", column, unseenCount, present, 100.0 * unseenCount / present));
        for (int i = 0; i < Math.min(SHOWN, byCount.size()); i++) {
            String value = byCount.get(i).getKey();
            sb.append(i == 0 ? "" : ", ").append('\'').append(value).append('\'');
            String closest = closest(value, known);
            sb.append(closest == null ? " (no known classes)" : " (closest known '" + closest + "')");
        }
        if (byCount.size() > SHOWN) {
            sb.append(", ... (").append(byCount.size()).append(" distinct)");
        }
        sb.append(". Was this table read differently from the training data (surrounding spaces, case,"
                + " number format)?");
        return sb.toString();
    }

    /**
     * The known class closest to a value: one equal but for case and surrounding whitespace, else the
     * one at the smallest edit distance (the first on ties).
     *
     * @param value the unseen value as displayed
     * @param known the known classes
     * @return the closest, or {@code null} when there are none
     */
    static String closest(String value, List<String> known) {
        String folded = value.strip().toLowerCase(Locale.ROOT);
        for (String k : known) {
            if (k.strip().toLowerCase(Locale.ROOT).equals(folded)) {
                return k;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(clip(value), clip(k));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static String clip(String s) {
        return s.length() <= MAX_COMPARED ? s : s.substring(0, MAX_COMPARED);
    }

    /** Levenshtein distance by the two-row dynamic programme. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
