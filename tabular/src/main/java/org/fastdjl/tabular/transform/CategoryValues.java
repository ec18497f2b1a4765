package org.fastdjl.tabular.transform;

import java.util.List;
import java.util.Objects;

import tech.tablesaw.columns.booleans.BooleanColumnType;

import org.fastdjl.core.data.CategoryMap;

/**
 * The raw values of one categorical column before {@link Categorify} encodes them.
 *
 * @param kind   what the keys are (see {@link CategoryKind})
 * @param values one key per row; {@code null} marks a missing value
 */
public record CategoryValues(CategoryKind kind, Object[] values) {

    /**
     * Checks the arguments.
     *
     * @param kind   the key kind
     * @param values the keys
     */
    public CategoryValues {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(values, "values");
    }

    /**
     * The number of rows.
     *
     * @return the row count
     */
    public int size() {
        return values.length;
    }

    /**
     * These values with text {@linkplain CategoryMap#normalize(Object) normalized}: surrounding
     * whitespace dropped, blank text missing. Other kinds are returned as they are.
     *
     * @return the normalized values
     */
    public CategoryValues normalized() {
        if (kind != CategoryKind.TEXT) {
            return this;
        }
        Object[] out = new Object[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = CategoryMap.normalize(values[i]);
        }
        return new CategoryValues(kind, out);
    }

    /**
     * These values as keys of the kind a column had in training, so a table whose reader typed the
     * column differently still finds its classes: numbers and text meet on the number's canonical text
     * ({@code 3.0} and {@code "3"}); booleans and text on Tablesaw's spellings of true and false
     * ({@code Y}, {@code T}, {@code true}, ...), a boolean taking the training class its reader would
     * have read as that boolean. A value that cannot be converted is kept as it is: it matches no class
     * and codes to {@code #na#}.
     *
     * @param target the kind in training
     * @param trainingClasses the classes learned in training, {@code #na#} first
     * @return values of the target kind where they convert
     */
    public CategoryValues as(CategoryKind target, List<String> trainingClasses) {
        if (kind.compatibleWith(target)) {
            return this;
        }
        Object[] out = new Object[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(values[i], target, trainingClasses);
        }
        return new CategoryValues(target, out);
    }

    private static Object convert(Object v, CategoryKind target, List<String> trainingClasses) {
        if (v == null) {
            return null;
        }
        switch (target) {
            case TEXT:
                if (v instanceof Boolean b) {
                    for (String c : trainingClasses.subList(1, trainingClasses.size())) {
                        if (b.equals(parseBoolean(c))) {
                            return c;
                        }
                    }
                }
                return displayAny(v);
            case BOOLEAN:
                if (v instanceof String s) {
                    Boolean b = parseBoolean(s);
                    return b != null ? b : s;
                }
                return v;
            default: // INTEGER, DECIMAL
                if (v instanceof String s) {
                    try {
                        return Double.parseDouble(s.strip());
                    } catch (NumberFormatException e) {
                        return s;
                    }
                }
                return v;
        }
    }

    /** Tablesaw's reading of a text as a boolean, or {@code null} when it reads none. */
    private static Boolean parseBoolean(String s) {
        String t = s.strip();
        if (t.isEmpty() || !BooleanColumnType.DEFAULT_PARSER.canParse(t)) {
            return null;
        }
        return BooleanColumnType.DEFAULT_PARSER.parse(t);
    }

    /**
     * Shows a key of any kind as pandas would print it: text as it is, numbers without a decimal
     * point when whole, booleans as {@code True}/{@code False}.
     *
     * @param key a non-null key
     * @return its text
     */
    public static String displayAny(Object key) {
        if (key instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (key instanceof Number) {
            return CategoryMap.key(key);
        }
        return key.toString();
    }
}
