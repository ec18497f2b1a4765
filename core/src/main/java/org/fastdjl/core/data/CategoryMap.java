package org.fastdjl.core.data;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The classes of one categorical column, as fastai's {@code Categorify} learns them from the training
 * set: {@code #na#} at index 0, then the distinct values sorted (numbers numerically, text by UTF-16
 * code unit as Python sorts its strings, {@code false} before {@code true}), as pandas orders its
 * categories. Missing and unseen values code to 0. This one class serves every application: the collab
 * users and items and the tabular {@code Categorify} (and tabular labels) all learn their classes here.
 *
 * <p>Values are looked up by a canonical key ({@link #key(Object)}): numbers that are whole print
 * without a decimal point ({@code 1}, not {@code 1.0}), so a user id read as an integer or a double, or
 * given as the text {@code "1"}, finds the same class. Text read from a column ({@link #key(Column, int)},
 * {@link #learn(Column, int[])}) is {@linkplain #normalize(Object) normalized}: surrounding whitespace
 * is dropped and blank text is missing, so a table read by Tablesaw's own CSV reader (which trims
 * unquoted fields) and one read as pandas reads it ({@code " Private"}) find the same classes. What a
 * class displays as ({@link #classes()},
 * {@link #decode(int)}) is chosen by whoever learns the map: collab shows the key, tabular shows the
 * value as pandas prints it ({@code 3.0} for a float column, {@code True} for a boolean).
 *
 * <pre>{@code
 * CategoryMap users = CategoryMap.learn(ratings.column("userId"), trainRows);
 * int code = users.indexOrNa(CategoryMap.key(42));
 * CategoryMap flags = CategoryMap.learn(new Object[] {true, false, null}, v -> (Boolean) v ? "True" : "False");
 * flags.classes(); // [#na#, False, True]
 * }</pre>
 */
public final class CategoryMap {

    /** The name of the class for missing and unseen values, always at index 0. */
    public static final String NA = "#na#";

    private final List<String> classes;
    private final List<String> keys;
    private final Map<String, Integer> index;

    /**
     * @param keys the canonical key of each class after {@code #na#}
     * @param classes the display name of every class, {@code #na#} first
     */
    private CategoryMap(List<String> keys, List<String> classes) {
        this.classes = Collections.unmodifiableList(classes);
        this.keys = Collections.unmodifiableList(keys);
        this.index = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i + 1);
        }
        index.putIfAbsent(NA, 0);
    }

    /**
     * Learns the classes of the given rows of a column, each displayed as its key: numbers from a
     * numeric column sorted numerically, any other column by its text.
     *
     * @param column the column
     * @param rows the rows to learn from (the training split)
     * @return the classes, {@code #na#} first
     */
    public static CategoryMap learn(Column<?> column, int[] rows) {
        Object[] values = new Object[rows.length];
        boolean numeric = column instanceof NumericColumn<?>;
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (!column.isMissing(r)) {
                values[i] = numeric ? ((NumericColumn<?>) column).getDouble(r) : normalize(column.getString(r));
            }
        }
        return learn(values, CategoryMap::key);
    }

    /**
     * Learns the classes of some values: the distinct non-null values (distinct by {@link
     * #key(Object)}) sorted by their natural order ({@link Double} numerically, {@link Boolean} false
     * first, {@link String} by UTF-16 code unit), after {@code #na#}.
     *
     * @param values the values of the training rows, all of one type; {@code null} marks a missing value
     * @param display how a class is shown, e.g. {@code CategoryMap::key}
     * @return the classes, {@code #na#} first
     * @throws IllegalArgumentException if the values are not all of one comparable type
     */
    public static CategoryMap learn(Object[] values, Function<Object, String> display) {
        Objects.requireNonNull(display, "display");
        List<Object> present = new ArrayList<>(values.length);
        Class<?> type = null;
        for (Object v : values) {
            if (v == null) {
                continue;
            }
            if (type == null) {
                type = v.getClass();
            } else if (v.getClass() != type) {
                throw new IllegalArgumentException("category values must be of one type, found " + type.getSimpleName()
                        + " and " + v.getClass().getSimpleName() + " (" + v + ")");
            }
            if (!(v instanceof Comparable<?>)) {
                throw new IllegalArgumentException("category values must be comparable, got " + type.getSimpleName());
            }
            present.add(v);
        }
        Object[] sorted = present.toArray();
        Arrays.sort(sorted);
        List<String> keys = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        classes.add(NA);
        Set<String> seen = new HashSet<>();
        for (Object v : sorted) {
            String k = key(v);
            if (!seen.add(k)) {
                continue; // e.g. -0.0 after 0.0: pandas, too, sees one value
            }
            keys.add(k);
            classes.add(display.apply(v));
        }
        return new CategoryMap(keys, classes);
    }

    /**
     * Rebuilds a map from its classes (as saved), {@code #na#} first; each class is its own key.
     *
     * @param classes the classes
     * @return the map
     */
    public static CategoryMap of(List<String> classes) {
        if (classes.isEmpty() || !NA.equals(classes.get(0))) {
            throw new IllegalArgumentException("the classes must start with " + NA);
        }
        return new CategoryMap(new ArrayList<>(classes.subList(1, classes.size())), new ArrayList<>(classes));
    }

    /**
     * Rebuilds a map from its keys and classes (as exported), for maps whose classes display
     * differently from their keys (a tabular float column shows {@code 3.0} for the key {@code 3}).
     *
     * @param keys the canonical key of each class after {@code #na#}
     * @param classes the classes, {@code #na#} first, one more than the keys
     * @return the map
     * @throws IllegalArgumentException if the lists do not match or a key repeats
     */
    public static CategoryMap of(List<String> keys, List<String> classes) {
        if (classes.isEmpty() || !NA.equals(classes.get(0))) {
            throw new IllegalArgumentException("the classes must start with " + NA);
        }
        if (keys.size() != classes.size() - 1) {
            throw new IllegalArgumentException(keys.size() + " keys for " + (classes.size() - 1) + " classes after "
                    + NA);
        }
        if (new HashSet<>(keys).size() != keys.size()) {
            throw new IllegalArgumentException("the keys of a category map must be distinct");
        }
        return new CategoryMap(new ArrayList<>(keys), new ArrayList<>(classes));
    }

    /**
     * The canonical key of a value: numbers that are whole print as integers, others as Java prints
     * them; anything else is its {@code String.valueOf}.
     *
     * @param value a number, a string or a boolean
     * @return the key
     */
    public static String key(Object value) {
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        return String.valueOf(value);
    }

    /**
     * The key of a cell, or {@code null} when it is missing; text is {@linkplain #normalize(Object)
     * normalized} (surrounding whitespace dropped, blank text missing).
     *
     * @param column the column
     * @param row the row
     * @return the key or {@code null}
     */
    public static String key(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return null;
        }
        if (column instanceof NumericColumn<?>) {
            return key(((NumericColumn<?>) column).getDouble(row));
        }
        Object text = normalize(column.getString(row));
        return text == null ? null : (String) text;
    }

    /**
     * A category value as fastdjl compares it: text without its surrounding whitespace, and {@code
     * null} (missing) when nothing else is left; any other value unchanged. Tablesaw's CSV reader trims
     * unquoted fields ({@code "Private"}), pandas and fastdjl's {@code TabularCsv} keep them ({@code
     * " Private"}); normalized, both readers give the same classes. fastai keeps the values as pandas
     * read them; a tabular {@code Categorify.keepingWhitespace()} does too.
     *
     * @param value a value, or {@code null}
     * @return the value to compare, or {@code null} for missing
     */
    public static Object normalize(Object value) {
        if (value instanceof String s) {
            String t = s.strip();
            return t.isEmpty() ? null : t;
        }
        return value;
    }

    /** @return the classes, {@code #na#} first */
    public List<String> classes() {
        return classes;
    }

    /** @return the canonical key of each class after {@code #na#} ({@link #key(Object)}), in class order */
    public List<String> keys() {
        return keys;
    }

    /** @return the number of classes, {@code #na#} included (the embedding's rows) */
    public int size() {
        return classes.size();
    }

    /**
     * The index of a value's class, {@code 0} ({@code #na#}) when missing or unseen.
     *
     * @param key the value's key ({@link #key(Object)}), or {@code null} for missing
     * @return the index
     */
    public int indexOrNa(String key) {
        if (key == null) {
            return 0;
        }
        return index.getOrDefault(key, 0);
    }

    /**
     * The index of a value's class, or -1 when it was not in the training set.
     *
     * @param key the value's key
     * @return the index or -1
     */
    public int indexOf(String key) {
        return key == null ? -1 : index.getOrDefault(key, -1);
    }

    /**
     * Codes every row of a column.
     *
     * @param column the column
     * @param rows the rows
     * @return one class index per row, 0 for missing or unseen values
     */
    public int[] encode(Column<?> column, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = indexOrNa(key(column, rows[i]));
        }
        return out;
    }

    /**
     * Codes some values.
     *
     * @param values the values ({@code null} for missing)
     * @return one class index per value, 0 for missing or unseen values
     */
    public int[] encode(Object[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? 0 : indexOrNa(key(values[i]));
        }
        return out;
    }

    /**
     * The class name of an index.
     *
     * @param index the index
     * @return the class
     */
    public String decode(int index) {
        return classes.get(index);
    }

    /**
     * A short description: the number of classes and the first few.
     *
     * @return for example {@code CategoryMap(9 classes: #na#, Federal-gov, Local-gov, ...)}
     */
    @Override
    public String toString() {
        int n = Math.min(6, classes.size());
        return "CategoryMap(" + classes.size() + " classes: " + String.join(", ", classes.subList(0, n))
                + (classes.size() > n ? ", ..." : "") + ")";
    }
}
