package org.fastdjl.tabular.transform;

import java.util.Comparator;

/**
 * The kind of values a categorical column holds, which fixes how its values are compared, sorted
 * and displayed. Keys are {@link String} for {@link #TEXT}, {@link Double} for {@link #INTEGER} and
 * {@link #DECIMAL}, and {@link Boolean} for {@link #BOOLEAN}; {@code null} means missing.
 */
public enum CategoryKind {
    /** Text values, sorted by code point like pandas sorts Python strings. */
    TEXT,
    /** Numbers read from an integer column; displayed without a decimal point ({@code 3}). */
    INTEGER,
    /** Numbers read from a floating-point column; displayed like pandas floats ({@code 3.0}). */
    DECIMAL,
    /** Booleans, sorted {@code False} before {@code True} and displayed as pandas does. */
    BOOLEAN;

    /**
     * Whether keys of this kind and of {@code other} live in the same key space, so a table read
     * with a different column type (say integers in training and decimals in a test file) still
     * finds its categories.
     *
     * @param other the other kind
     * @return true when keys can be compared
     */
    public boolean compatibleWith(CategoryKind other) {
        return this == other || (isNumber() && other.isNumber());
    }

    /**
     * Whether this kind holds numbers.
     *
     * @return true for {@link #INTEGER} and {@link #DECIMAL}
     */
    public boolean isNumber() {
        return this == INTEGER || this == DECIMAL;
    }

    /**
     * The sort order of keys of this kind (pandas' {@code cat.categories} order), the natural order
     * {@link org.fastdjl.core.data.CategoryMap} sorts the values in.
     *
     * @return a comparator of non-null keys
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Comparator<Object> order() {
        return (a, b) -> ((Comparable) a).compareTo(b);
    }

    /**
     * Displays a key the way pandas prints it.
     *
     * @param key a non-null key of this kind
     * @return the display text
     */
    public String display(Object key) {
        switch (this) {
            case INTEGER:
                double v = (Double) key;
                return v == Math.rint(v) && Math.abs(v) < 9.0e15 ? Long.toString((long) v) : Double.toString(v);
            case BOOLEAN:
                return ((Boolean) key) ? "True" : "False";
            default:
                return key.toString();
        }
    }
}
