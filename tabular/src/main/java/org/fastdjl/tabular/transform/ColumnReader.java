package org.fastdjl.tabular.transform;

import java.util.Objects;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import org.fastdjl.core.data.RowPositions;

/**
 * Reads Tablesaw columns into the plain arrays the processors work on, with errors that name the
 * column, the row and what was expected.
 *
 * <p>Numeric columns ({@code INTEGER}, {@code LONG}, {@code SHORT}, {@code FLOAT}, {@code DOUBLE})
 * are read as doubles with {@code NaN} for missing; booleans as 0/1; a text column as numbers only
 * when every non-blank value parses. Messages name a row by its file line when the table was read
 * by {@code TabularCsv} (1-based, header counted, as editors show it), else by its 0-based row index
 * ({@link RowPositions#describe}).
 */
public final class ColumnReader {

    private ColumnReader() {
    }

    /**
     * Returns the named column or fails with a message listing the table's columns.
     *
     * @param table the table
     * @param name  the column name
     * @param role  what the column is for, used in the message (e.g. "cat_names")
     * @return the column
     * @throws IllegalArgumentException if the table has no such column
     */
    public static Column<?> require(Table table, String name, String role) {
        Objects.requireNonNull(name, () -> "a column name in " + role + " is null");
        if (!table.containsColumn(name)) {
            throw new IllegalArgumentException("Unknown column '" + name + "' in " + role
                    + "; the table '" + table.name() + "' has columns " + table.columnNames());
        }
        return table.column(name);
    }

    /**
     * Reads a column as continuous numbers.
     *
     * @param table the table
     * @param name  the column
     * @param rows  the table rows to read, in order
     * @param role  what the column is for, used in messages (e.g. "cont_names")
     * @return one double per row, {@code NaN} where missing
     * @throws IllegalArgumentException if the column holds text that is not a number (naming the
     *         first offending row and value) or has a non-numeric type such as a date
     */
    public static double[] readNumbers(Table table, String name, int[] rows, String role) {
        Column<?> column = require(table, name, role);
        double[] out = new double[rows.length];
        if (column instanceof NumericColumn<?> numbers) {
            for (int i = 0; i < rows.length; i++) {
                out[i] = numbers.isMissing(rows[i]) ? Double.NaN : numbers.getDouble(rows[i]);
            }
        } else if (column instanceof BooleanColumn booleans) {
            for (int i = 0; i < rows.length; i++) {
                Boolean b = booleans.get(rows[i]);
                out[i] = b == null ? Double.NaN : (b ? 1.0 : 0.0);
            }
        } else if (column instanceof StringColumn strings) {
            for (int i = 0; i < rows.length; i++) {
                out[i] = parseNumber(table, strings, rows[i], name, role);
            }
        } else {
            throw new IllegalArgumentException("Column '" + name + "' in " + role + " has type "
                    + column.type().name() + "; expected a numeric column");
        }
        return out;
    }

    private static double parseNumber(Table table, StringColumn strings, int row, String name, String role) {
        String text = strings.get(row);
        if (strings.isMissing(row) || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RowPositions.describe(table, row) + ", column '" + name + "' ("
                    + role + "): '" + text + "' is not a number; expected a number. Put the column in cat_names or "
                    + "fix the value.", e);
        }
    }

    /**
     * Reads a column as categorical keys.
     *
     * @param table the table
     * @param name  the column
     * @param rows  the table rows to read, in order
     * @param role  what the column is for, used in messages (e.g. "cat_names")
     * @return the keys and their kind; missing values (including empty text) are {@code null}
     */
    public static CategoryValues readCategories(Table table, String name, int[] rows, String role) {
        Column<?> column = require(table, name, role);
        Object[] keys = new Object[rows.length];
        CategoryKind kind = kindOf(column.type());
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (column.isMissing(row)) {
                continue;
            }
            switch (kind) {
                case INTEGER, DECIMAL -> keys[i] = ((NumericColumn<?>) column).getDouble(row);
                case BOOLEAN -> keys[i] = ((BooleanColumn) column).get(row);
                default -> keys[i] = column instanceof StringColumn s ? textOrNull(s.get(row)) : column.getString(row);
            }
        }
        return new CategoryValues(kind, keys);
    }

    /**
     * Tablesaw marks a missing text value as {@code ""}, but {@code StringColumn.isMissing} misses an
     * {@code ""} set into a column whose dictionary did not hold it yet; the empty text is what counts.
     */
    private static String textOrNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * The category kind a Tablesaw column type reads as.
     *
     * @param type a column type
     * @return {@link CategoryKind#INTEGER} for integer types, {@link CategoryKind#DECIMAL} for
     *         floating types, {@link CategoryKind#BOOLEAN} for booleans, else {@link CategoryKind#TEXT}
     */
    public static CategoryKind kindOf(ColumnType type) {
        if (type == ColumnType.INTEGER || type == ColumnType.LONG || type == ColumnType.SHORT) {
            return CategoryKind.INTEGER;
        }
        if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
            return CategoryKind.DECIMAL;
        }
        if (type == ColumnType.BOOLEAN) {
            return CategoryKind.BOOLEAN;
        }
        return CategoryKind.TEXT;
    }
}
