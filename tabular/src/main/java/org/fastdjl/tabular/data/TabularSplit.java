package org.fastdjl.tabular.data;

import java.util.List;
import java.util.Objects;

import org.fastdjl.tabular.transform.TabularFrame;

/**
 * One processed split as flat primitive arrays, ready for one bulk copy per field into a tensor.
 *
 * <h2>Layout contract</h2>
 * <ul>
 *   <li>{@link #catCodes()}: {@code int[size * catCount]}, row-major: the code of row {@code r},
 *       categorical column {@code j} is at {@code r * catCount + j}; columns in
 *       {@link TabularData#catNames()} order (inputs, then FillMissing's {@code _na} flags); codes
 *       index {@link TabularData#categoryClasses(String)}, 0 = {@code #na#}. Shape
 *       {@code (size, catCount)}.</li>
 *   <li>{@link #conts()}: {@code float[size * contCount]}, row-major, columns in
 *       {@link TabularData#contNames()} order; already filled and normalized.
 *       Shape {@code (size, contCount)}.</li>
 *   <li>{@link #labelIndices()} ({@code int[size]}, classification) or {@link #labelValues()}
 *       ({@code float[size]}, regression); a test split has no labels.</li>
 *   <li>{@link #sourceRows()}: {@code int[size]}, the row of each item in the table it came from.</li>
 * </ul>
 * Every accessor returns a copy; the instance is immutable.
 */
public final class TabularSplit {

    private final int size;
    private final int catCount;
    private final int contCount;
    private final int[] catCodes;
    private final float[] conts;
    private final int[] labelIndices;
    private final float[] labelValues;
    private final int[] sourceRows;

    private TabularSplit(int size, int catCount, int contCount, int[] catCodes, float[] conts,
                         int[] labelIndices, float[] labelValues, int[] sourceRows) {
        this.size = size;
        this.catCount = catCount;
        this.contCount = contCount;
        this.catCodes = catCodes;
        this.conts = conts;
        this.labelIndices = labelIndices;
        this.labelValues = labelValues;
        this.sourceRows = sourceRows;
    }

    /**
     * Flattens a processed frame; at most one of the label arrays is non-null.
     */
    static TabularSplit of(TabularFrame frame, List<String> catNames, List<String> contNames,
                           int[] labelIndices, float[] labelValues) {
        int n = frame.rowCount();
        int k = catNames.size();
        int m = contNames.size();
        int[] codes = new int[n * k];
        for (int j = 0; j < k; j++) {
            int[] column = frame.codes(catNames.get(j));
            for (int r = 0; r < n; r++) {
                codes[r * k + j] = column[r];
            }
        }
        float[] values = new float[n * m];
        for (int j = 0; j < m; j++) {
            double[] column = frame.continuous(contNames.get(j));
            for (int r = 0; r < n; r++) {
                values[r * m + j] = (float) column[r];
            }
        }
        if (labelIndices != null && labelIndices.length != n || labelValues != null && labelValues.length != n) {
            throw new IllegalArgumentException("Labels and rows differ in number");
        }
        return new TabularSplit(n, k, m, codes, values, labelIndices, labelValues, frame.sourceRows());
    }

    /**
     * The number of rows.
     *
     * @return the row count
     */
    public int size() {
        return size;
    }

    /**
     * The number of categorical columns (FillMissing flags included).
     *
     * @return the column count {@code k}
     */
    public int catCount() {
        return catCount;
    }

    /**
     * The number of continuous columns.
     *
     * @return the column count {@code m}
     */
    public int contCount() {
        return contCount;
    }

    /**
     * All category codes, row-major {@code size × catCount}.
     *
     * @return a copy
     */
    public int[] catCodes() {
        return catCodes.clone();
    }

    /**
     * One category code.
     *
     * @param row a row of this split
     * @param col a categorical column index
     * @return the code, 0 for {@code #na#}
     */
    public int catCode(int row, int col) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(col, catCount);
        return catCodes[row * catCount + col];
    }

    /**
     * All continuous values, row-major {@code size × contCount}.
     *
     * @return a copy
     */
    public float[] conts() {
        return conts.clone();
    }

    /**
     * One continuous value, processed (filled and normalized).
     *
     * @param row a row of this split
     * @param col a continuous column index
     * @return the value
     */
    public float cont(int row, int col) {
        Objects.checkIndex(row, size);
        Objects.checkIndex(col, contCount);
        return conts[row * contCount + col];
    }

    /**
     * Whether this split has labels (a test split has none).
     *
     * @return true for labelled splits
     */
    public boolean hasLabels() {
        return labelIndices != null || labelValues != null;
    }

    /**
     * Whether the labels are class indices.
     *
     * @return true for classification labels, false for regression or no labels
     */
    public boolean hasClassLabels() {
        return labelIndices != null;
    }

    /**
     * The class index of every row (classification).
     *
     * @return a copy
     * @throws IllegalStateException for regression labels or a test split
     */
    public int[] labelIndices() {
        if (labelIndices == null) {
            throw new IllegalStateException(hasLabels() ? "The labels are regression values: use labelValues()"
                    : "This split has no labels (a test split)");
        }
        return labelIndices.clone();
    }

    /**
     * The float target of every row (regression).
     *
     * @return a copy
     * @throws IllegalStateException for classification labels or a test split
     */
    public float[] labelValues() {
        if (labelValues == null) {
            throw new IllegalStateException(hasLabels() ? "The labels are class indices: use labelIndices()"
                    : "This split has no labels (a test split)");
        }
        return labelValues.clone();
    }

    /**
     * The row of each item in the table it was read from.
     *
     * @return a copy
     */
    public int[] sourceRows() {
        return sourceRows.clone();
    }

    /** Package access without a copy, for decoding one row. */
    int labelIndexAt(int row) {
        return labelIndices[row];
    }

    float labelValueAt(int row) {
        return labelValues[row];
    }
}
