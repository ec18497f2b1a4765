package org.fastdjl.text.transform;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Every column of a CSV file as text ({@link CsvTexts#readAll}): the header and the data rows in file
 * order. Rows may be shorter than the header; {@link #get} reports such a missing field by row, line and
 * column.
 *
 * <p>Immutable once read (the row arrays are not handed out).
 */
public final class CsvRows {

    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;
    private final long[] endLines;

    CsvRows(Path file, List<String> header, List<String[]> rows, long[] endLines) {
        this.file = file;
        this.header = List.copyOf(header);
        this.rows = rows;
        this.endLines = endLines;
    }

    /**
     * The file the rows came from.
     *
     * @return the path as given to {@link CsvTexts#readAll}
     */
    public Path file() {
        return file;
    }

    /**
     * The column names, in file order.
     *
     * @return an unmodifiable list
     */
    public List<String> header() {
        return header;
    }

    /**
     * The number of data rows (the header not counted).
     *
     * @return the row count
     */
    public int size() {
        return rows.size();
    }

    /**
     * The index of a column.
     *
     * @param name a header name
     * @return its index, or -1 when the header has no such column
     */
    public int indexOf(String name) {
        return header.indexOf(Objects.requireNonNull(name, "name"));
    }

    /**
     * Where a row is in the file, for messages: {@code "texts.csv, row 5 (ending on line 9)"}.
     *
     * @param row a 0-based data row
     * @return the description, with the 1-based row number as a user counts data rows
     */
    public String where(int row) {
        return file + ", row " + (row + 1) + " (ending on line " + endLines[row] + ")";
    }

    /**
     * One field.
     *
     * @param row a 0-based data row
     * @param column a column index
     * @return the field's text (an empty field is an empty string)
     * @throws TextInputException naming the row, its line and the column when the row ends before it
     */
    public String get(int row, int column) throws TextInputException {
        String[] r = rows.get(row);
        if (column >= r.length) {
            throw new TextInputException(where(row) + " has " + r.length + " field" + (r.length == 1 ? "" : "s")
                    + " and no value for column '" + header.get(column) + "' (column " + (column + 1) + ")");
        }
        return r[column];
    }
}
