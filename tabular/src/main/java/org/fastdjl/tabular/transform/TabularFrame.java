package org.fastdjl.tabular.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tech.tablesaw.api.Table;

/**
 * The working copy of some rows of a table that the processors change in place: fastai v1's
 * processed {@code inner_df} restricted to the categorical and continuous columns.
 *
 * <p>Each categorical column is first held as raw {@link CategoryValues} and, once
 * {@link Categorify} has run, as integer codes with their classes ({@code #na#} first). Continuous
 * columns are {@code double} arrays with {@code NaN} for missing. The name lists keep fastai's order:
 * processors may append columns (FillMissing appends {@code <col>_na} flags to the categorical names).
 */
public final class TabularFrame {

    private final int[] sourceRows;
    private final List<String> catNames = new ArrayList<>();
    private final List<String> contNames = new ArrayList<>();
    private final Map<String, CategoryValues> raw = new HashMap<>();
    private final Map<String, int[]> codes = new HashMap<>();
    private final Map<String, List<String>> classes = new HashMap<>();
    private final Map<String, double[]> conts = new HashMap<>();

    /**
     * Creates an empty frame (no columns) over the given table rows.
     *
     * @param sourceRows the 0-based rows of the source table, in frame order
     */
    public TabularFrame(int[] sourceRows) {
        this.sourceRows = sourceRows.clone();
    }

    /**
     * Reads the named columns of some table rows into a new frame.
     *
     * @param table     the source table (not modified)
     * @param rows      the rows to read, in order
     * @param catNames  the categorical columns
     * @param contNames the continuous columns
     * @return the frame
     * @throws IllegalArgumentException for an unknown column or a continuous column holding text
     */
    public static TabularFrame read(Table table, int[] rows, List<String> catNames, List<String> contNames) {
        TabularFrame frame = new TabularFrame(rows);
        for (String name : catNames) {
            frame.addCategory(name, ColumnReader.readCategories(table, name, rows, "cat_names"));
        }
        for (String name : contNames) {
            frame.addContinuous(name, ColumnReader.readNumbers(table, name, rows, "cont_names"));
        }
        return frame;
    }

    /**
     * The number of rows.
     *
     * @return the row count
     */
    public int rowCount() {
        return sourceRows.length;
    }

    /**
     * The source-table row of a frame row, for error messages.
     *
     * @param row a frame row
     * @return the 0-based row in the table the frame was read from
     */
    public int sourceRow(int row) {
        return sourceRows[row];
    }

    /**
     * The source-table rows of all frame rows.
     *
     * @return a copy of the row indices
     */
    public int[] sourceRows() {
        return sourceRows.clone();
    }

    /**
     * The categorical column names, in order.
     *
     * @return an unmodifiable view
     */
    public List<String> catNames() {
        return Collections.unmodifiableList(catNames);
    }

    /**
     * The continuous column names, in order.
     *
     * @return an unmodifiable view
     */
    public List<String> contNames() {
        return Collections.unmodifiableList(contNames);
    }

    /**
     * Whether the frame has a column of this name (categorical or continuous).
     *
     * @param name a column name
     * @return true if present
     */
    public boolean hasColumn(String name) {
        return catNames.contains(name) || contNames.contains(name);
    }

    /**
     * Appends a categorical column holding raw values.
     *
     * @param name   the new column name
     * @param values one value per row
     * @throws IllegalArgumentException if the name is taken or the length is wrong
     */
    public void addCategory(String name, CategoryValues values) {
        checkNew(name, values.size());
        catNames.add(name);
        raw.put(name, values);
    }

    /**
     * Appends a continuous column.
     *
     * @param name   the new column name
     * @param values one value per row, {@code NaN} where missing; kept, not copied
     * @throws IllegalArgumentException if the name is taken or the length is wrong
     */
    public void addContinuous(String name, double[] values) {
        checkNew(name, values.length);
        contNames.add(name);
        conts.put(name, values);
    }

    private void checkNew(String name, int length) {
        Objects.requireNonNull(name, "name");
        if (hasColumn(name)) {
            throw new IllegalArgumentException("Column '" + name + "' is already in the frame "
                    + "(cat_names " + catNames + ", cont_names " + contNames + ")");
        }
        if (length != rowCount()) {
            throw new IllegalArgumentException("Column '" + name + "' has " + length
                    + " values; the frame has " + rowCount() + " rows");
        }
    }

    /**
     * The values of a continuous column; processors change this array in place.
     *
     * @param name a continuous column
     * @return the live array ({@code NaN} = missing)
     */
    public double[] continuous(String name) {
        double[] values = conts.get(name);
        if (values == null) {
            throw new IllegalArgumentException("No continuous column '" + name + "'; cont_names are " + contNames);
        }
        return values;
    }

    /**
     * Whether a categorical column has been encoded to codes.
     *
     * @param name a categorical column
     * @return true after {@link #encode}
     */
    public boolean isEncoded(String name) {
        return codes.containsKey(name);
    }

    /**
     * The raw values of a categorical column that is not encoded yet.
     *
     * @param name a categorical column
     * @return its values
     * @throws IllegalArgumentException if there is no such column
     * @throws IllegalStateException if it is already encoded
     */
    public CategoryValues categories(String name) {
        if (!catNames.contains(name)) {
            throw new IllegalArgumentException("No categorical column '" + name + "'; cat_names are " + catNames);
        }
        CategoryValues values = raw.get(name);
        if (values == null) {
            throw new IllegalStateException("Categorical column '" + name + "' is already encoded");
        }
        return values;
    }

    /**
     * Replaces a categorical column's raw values by codes into {@code classes}.
     *
     * @param name        a categorical column
     * @param columnCodes one code per row, 0 meaning {@code #na#}
     * @param colClasses  the classes, {@code #na#} first
     */
    public void encode(String name, int[] columnCodes, List<String> colClasses) {
        categories(name);
        if (columnCodes.length != rowCount()) {
            throw new IllegalArgumentException("Codes for '" + name + "' have " + columnCodes.length
                    + " values; the frame has " + rowCount() + " rows");
        }
        raw.remove(name);
        codes.put(name, columnCodes);
        classes.put(name, List.copyOf(colClasses));
    }

    /**
     * The codes of an encoded categorical column.
     *
     * @param name an encoded categorical column
     * @return the live array of codes
     * @throws IllegalStateException if the column is not encoded
     */
    public int[] codes(String name) {
        int[] values = codes.get(name);
        if (values == null) {
            throw new IllegalStateException("Categorical column '" + name + "' is not encoded; "
                    + "add Categorify to the procs (after FillMissing)");
        }
        return values;
    }

    /**
     * The classes of an encoded categorical column, {@code #na#} first.
     *
     * @param name an encoded categorical column
     * @return the classes
     */
    public List<String> classes(String name) {
        codes(name);
        return classes.get(name);
    }
}
