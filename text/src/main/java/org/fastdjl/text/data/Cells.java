package org.fastdjl.text.data;

import java.util.List;

import org.fastdjl.text.transform.CsvRows;
import org.fastdjl.text.transform.TextInputException;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The columns a {@link TextList} read from a CSV file or a table: the texts, and later the split flag
 * and the label, all by row. One interface over both sources so that every error names the file (or
 * table), the row and the column.
 */
interface Cells {

    /** @return the number of rows */
    int size();

    /** @return the column names */
    List<String> names();

    /**
     * @param row a 0-based row
     * @return where the row is, for messages
     */
    String where(int row);

    /** @return the source, for messages: the file or the table's name */
    String source();

    /**
     * @param row a 0-based row
     * @param column a column index
     * @return the value as text, or {@code null} when it is missing (an empty table cell)
     * @throws TextInputException when the row has no such field at all (a short CSV row)
     */
    String get(int row, int column) throws TextInputException;

    /**
     * Resolves a column by name.
     *
     * @param name the column's name
     * @param role what the column is for, for the message ("text", "label", "split")
     * @return its index
     * @throws IllegalArgumentException naming the columns there are
     */
    default int column(String name, String role) {
        int i = names().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(source() + ": no " + role + " column named '" + name
                    + "'; the columns are " + names());
        }
        return i;
    }

    /**
     * Checks a column index, as pandas' {@code iloc} (fastai's {@code cols=0}).
     *
     * @param index the 0-based column index
     * @param role what the column is for
     * @return the index
     * @throws IllegalArgumentException when out of range
     */
    default int column(int index, String role) {
        if (index < 0 || index >= names().size()) {
            throw new IllegalArgumentException(source() + ": no " + role + " column " + index + "; there are "
                    + names().size() + " columns " + names() + " (0-based)");
        }
        return index;
    }

    /**
     * The cells of a CSV file.
     *
     * @param rows the file's rows
     * @return the cells
     */
    static Cells of(CsvRows rows) {
        return new Cells() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public List<String> names() {
                return rows.header();
            }

            @Override
            public String where(int row) {
                return rows.where(row);
            }

            @Override
            public String source() {
                return rows.file().toString();
            }

            @Override
            public String get(int row, int column) throws TextInputException {
                return rows.get(row, column);
            }
        };
    }

    /**
     * The cells of a Tablesaw table; a missing value is {@code null}.
     *
     * @param table the table
     * @return the cells
     */
    static Cells of(Table table) {
        return new Cells() {
            @Override
            public int size() {
                return table.rowCount();
            }

            @Override
            public List<String> names() {
                return table.columnNames();
            }

            @Override
            public String where(int row) {
                return source() + ", row index " + row;
            }

            @Override
            public String source() {
                return "table '" + table.name() + "'";
            }

            @Override
            public String get(int row, int column) {
                Column<?> c = table.column(column);
                return c.isMissing(row) ? null : c.getString(row);
            }
        };
    }
}
