package org.fastdjl.core.data;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of one categorical column, as fastai's {@code Categorify} learns them from the training
 * set: {@code #na#} at index 0, then the distinct values sorted (numbers numerically, text
 * lexicographically, as pandas orders its categories). Values are keyed by a canonical string: numbers
 * that are whole print without a decimal point ({@code 1}, not {@code 1.0}), so a user id read as an
 * integer or a double finds the same class.
 */
public final class CategoryMap {

    /** The name of the class for missing and unseen values, always at index 0. */
    public static final String NA = "#na#";

    private final List<String> classes;
    private final Map<String, Integer> index;

    private CategoryMap(List<String> classes) {
        this.classes = Collections.unmodifiableList(classes);
        this.index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
    }

    /**
     * Learns the classes of the given rows of a column.
     *
     * @param column the column
     * @param rows the rows to learn from (the training split)
     * @return the classes, {@code #na#} first
     */
    public static CategoryMap learn(Column<?> column, int[] rows) {
        List<String> classes = new ArrayList<>();
        classes.add(NA);
        if (column instanceof NumericColumn<?>) {
            NumericColumn<?> num = (NumericColumn<?>) column;
            TreeSet<Double> values = new TreeSet<>();
            for (int r : rows) {
                if (!num.isMissing(r)) {
                    values.add(num.getDouble(r));
                }
            }
            for (double v : values) {
                classes.add(key(v));
            }
        } else {
            TreeSet<String> values = new TreeSet<>();
            for (int r : rows) {
                if (!column.isMissing(r)) {
                    values.add(column.getString(r));
                }
            }
            classes.addAll(values);
        }
        return new CategoryMap(classes);
    }

    /**
     * Rebuilds a map from its classes (as saved), {@code #na#} first.
     *
     * @param classes the classes
     * @return the map
     */
    public static CategoryMap of(List<String> classes) {
        if (classes.isEmpty() || !NA.equals(classes.get(0))) {
            throw new IllegalArgumentException("the classes must start with " + NA);
        }
        return new CategoryMap(new ArrayList<>(classes));
    }

    /**
     * The canonical key of a value: numbers that are whole print as integers.
     *
     * @param value a number or a string
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
     * The key of a cell, or {@code null} when it is missing.
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
        return column.getString(row);
    }

    /** @return the classes, {@code #na#} first */
    public List<String> classes() {
        return classes;
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
     * The class name of an index.
     *
     * @param index the index
     * @return the class
     */
    public String decode(int index) {
        return classes.get(index);
    }

}
