package org.fastdjl.tabular.learner;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.tabular.data.TabularData;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularProcessor;
import org.fastdjl.tabular.data.TabularSplit;

/**
 * A {@link Learner} for tables, as the learner fastai v1's {@code tabular_learner} returns: on top of
 * training, {@code getPreds} on the validation or test set and {@code validate}, it predicts new rows.
 * A new row or table goes through the processors learned on the training set (fill values, classes,
 * means and standard deviations), so it needs the input columns only; any other column (the label,
 * say) is ignored.
 *
 * <pre>{@code
 * TabularPrediction p = learn.predict(df.row(0));
 * System.out.println(p);                   // (Category >=50k, tensor(1), tensor([0.4402, 0.5598]))
 * List<TabularPrediction> all = learn.predict(newRows);
 * }</pre>
 */
public class TabularLearner extends Learner {

    /** Rows per forward pass when predicting a table. */
    private static final int PREDICT_CHUNK = 4096;

    private final TabularDataBunch tabularData;

    /**
     * Creates the learner; use {@link Tabular#learner(TabularDataBunch)}.
     *
     * @param builder the settings
     * @param data the data
     */
    TabularLearner(Learner.Builder builder, TabularDataBunch data) {
        super(builder);
        this.tabularData = data;
    }

    /** @return the data */
    public TabularDataBunch tabularData() {
        return tabularData;
    }

    /**
     * Predicts one row, as fastai's {@code learn.predict(df.iloc[i])}.
     *
     * @param row a row of a table with the input columns (e.g. {@code df.row(0)})
     * @return the class, its index and the probabilities (or the value, for regression)
     * @throws IllegalArgumentException naming the column when an input column is absent or a
     *     continuous value is not a number
     */
    public TabularPrediction predict(Row row) {
        return predict(RowTables.of(row)).get(0);
    }

    /**
     * Predicts every row of a table, processed with the learned processors.
     *
     * @param table rows with the input columns; other columns are ignored
     * @return one prediction per row, in table order
     * @throws IllegalArgumentException for an empty table, an absent input column, or a continuous
     *     column holding text (naming the column and the row)
     */
    public List<TabularPrediction> predict(Table table) {
        TabularData data = tabularData.tabularData();
        TabularSplit split = process(data, table);
        List<TabularPrediction> out = new ArrayList<>(split.size());
        int n = split.size();
        int k = split.catCount();
        int m = split.contCount();
        int[] cats = split.catCodes();
        float[] conts = split.conts();
        for (int from = 0; from < n; from += PREDICT_CHUNK) {
            int rows = Math.min(PREDICT_CHUNK, n - from);
            long[] c = new long[rows * k];
            for (int i = 0; i < c.length; i++) {
                c[i] = cats[from * k + i];
            }
            float[] x = new float[rows * m];
            System.arraycopy(conts, from * m, x, 0, x.length);
            Predictions p = predictOn(mgr -> new NDList(mgr.create(c, new Shape(rows, k)),
                    mgr.create(x, new Shape(rows, m))));
            for (int r = 0; r < rows; r++) {
                out.add(data.isClassification()
                        ? TabularPrediction.ofClasses(data.labelClasses(), p.row(r))
                        : TabularPrediction.ofValues(p.row(r)));
            }
        }
        return out;
    }

    private static TabularSplit process(TabularData data, Table table) {
        if (table == null) {
            throw new IllegalArgumentException("cannot predict: the table is null");
        }
        String name = table.name() == null || table.name().isEmpty() ? "" : " '" + table.name() + "'";
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("cannot predict: the table" + name + " is empty (0 rows); its columns are "
                    + table.columnNames());
        }
        TabularProcessor proc = data.processor();
        List<String> absent = new ArrayList<>();
        for (String c : proc.inputCatNames()) {
            if (!table.containsColumn(c)) {
                absent.add("'" + c + "' (categorical)");
            }
        }
        for (String c : proc.inputContNames()) {
            if (!table.containsColumn(c)) {
                absent.add("'" + c + "' (continuous)");
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("cannot predict: the table" + name + " has no column "
                    + String.join(", ", absent) + "; the model reads cat_names " + proc.inputCatNames()
                    + " and cont_names " + proc.inputContNames() + ", the table has " + table.columnNames());
        }
        try {
            return data.process(table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot predict on the table" + name + ": " + e.getMessage(), e);
        }
    }
}
