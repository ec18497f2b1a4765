package org.fastdjl.tabular.data;

import java.util.Arrays;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.tabular.transform.ColumnReader;

/**
 * The rows of the training and validation splits, as fastai v1's {@code split_by_*} compute them:
 * the validation rows in the order given, the training rows are the others in table order.
 *
 * @param train the training rows
 * @param valid the validation rows
 */
record SplitIndices(int[] train, int[] valid) {

    SplitIndices {
        if (train.length == 0) {
            throw new IllegalArgumentException("The training split is empty: every row went to validation");
        }
        if (valid.length == 0) {
            throw new IllegalArgumentException("The validation split is empty: no row went to validation");
        }
    }

    /** fastai's {@code split_by_idx}: these rows are the validation set. */
    static SplitIndices byIdx(int rowCount, int[] validIdx) {
        boolean[] isValid = new boolean[rowCount];
        for (int idx : validIdx) {
            if (idx < 0 || idx >= rowCount) {
                throw new IllegalArgumentException("Validation index " + idx + " is out of range: the table has "
                        + rowCount + " rows (0.." + (rowCount - 1) + ")");
            }
            if (isValid[idx]) {
                throw new IllegalArgumentException("Validation index " + idx + " is given twice");
            }
            isValid[idx] = true;
        }
        return fromMask(isValid, validIdx.clone());
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), like Python's {@code range(from, to)}. */
    static SplitIndices byIdxRange(int rowCount, int from, int to) {
        if (from < 0 || to > rowCount || from > to) {
            throw new IllegalArgumentException("Validation range [" + from + ", " + to + ") does not fit a table of "
                    + rowCount + " rows");
        }
        int[] valid = new int[to - from];
        Arrays.setAll(valid, i -> from + i);
        return byIdx(rowCount, valid);
    }

    /**
     * fastai's {@code split_by_rand_pct}: {@code np.random.seed(seed); rand_idx =
     * np.random.permutation(n); cut = int(valid_pct * n)}; the first {@code cut} rows of the
     * permutation are validation, in permutation order. {@link NumpyRandom} reproduces numpy's
     * permutation, so a seed picks the same rows as fastai.
     */
    static SplitIndices byRandPct(int rowCount, double validPct, NumpyRandom random) {
        if (!(validPct > 0 && validPct < 1)) {
            throw new IllegalArgumentException("validPct must be in (0, 1), got " + validPct);
        }
        int[] perm = random.permutation(rowCount);
        int cut = (int) (validPct * rowCount);
        return byIdx(rowCount, Arrays.copyOf(perm, cut));
    }

    /** fastai's {@code split_from_df}: rows where the boolean column is true are validation. */
    static SplitIndices fromCol(Table table, String name) {
        Column<?> column = ColumnReader.require(table, name, "splitFromCol");
        if (!(column instanceof BooleanColumn flags)) {
            throw new IllegalArgumentException("Split column '" + name + "' has type " + column.type().name()
                    + "; expected a BOOLEAN column (true = validation row)");
        }
        boolean[] isValid = new boolean[table.rowCount()];
        int count = 0;
        for (int row = 0; row < isValid.length; row++) {
            Boolean b = flags.get(row);
            if (b == null) {
                throw new IllegalArgumentException("Split column '" + name + "' is missing at "
                        + org.fastdjl.core.data.RowPositions.describe(table, row)
                        + "; expected true or false");
            }
            isValid[row] = b;
            count += b ? 1 : 0;
        }
        int[] valid = new int[count];
        for (int row = 0, k = 0; row < isValid.length; row++) {
            if (isValid[row]) {
                valid[k++] = row;
            }
        }
        return fromMask(isValid, valid);
    }

    private static SplitIndices fromMask(boolean[] isValid, int[] valid) {
        int[] train = new int[isValid.length - valid.length];
        for (int row = 0, k = 0; row < isValid.length; row++) {
            if (!isValid[row]) {
                train[k++] = row;
            }
        }
        return new SplitIndices(train, valid);
    }
}
