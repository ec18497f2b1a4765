package org.fastdjl.tabular.transform;

import java.util.Objects;

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
}
