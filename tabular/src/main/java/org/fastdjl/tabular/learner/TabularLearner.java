package org.fastdjl.tabular.learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonObject;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import org.fastdjl.core.export.ExportContent;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.export.RecordPredictable;
import org.fastdjl.core.export.RecordPredictor;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularPipeline;
import org.fastdjl.tabular.data.TabularSplit;
import org.fastdjl.tabular.nn.TabularModel;

/**
 * A {@link Learner} for tables, as the learner fastai v1's {@code tabular_learner} returns: on top of
 * training, {@code getPreds} on the validation or test set and {@code validate}, it predicts new rows.
 * A new row or table goes through the processors learned on the training set (fill values, classes,
 * means and standard deviations), so it needs the input columns only; any other column (the label,
 * say) is ignored. A categorical value not seen in training is coded {@code #na#} (index 0), as fastai
 * does.
 *
 * <pre>{@code
 * TabularPrediction p = learn.predict(df.row(0));
 * System.out.println(p);                   // (Category >=50k, tensor(1), tensor([0.4402, 0.5598]))
 * List<TabularPrediction> all = learn.predict(newRows);
 * learn.export();                          // path/export.fdjl, for Learners.load in another program
 * }</pre>
 */
public class TabularLearner extends Learner implements RecordPredictable {

    /** The kind of a tabular learner's export. */
    public static final String EXPORT_KIND = "tabular";

    /** Rows per forward pass when predicting a table. */
    private static final int PREDICT_CHUNK = 4096;

    private final TabularDataBunch tabularData;
    private final TabularPipeline pipeline;

    /**
     * Creates the learner; use {@link Tabular#learner(TabularDataBunch)}.
     *
     * @param builder the settings
     * @param data the data
     */
    TabularLearner(Learner.Builder builder, TabularDataBunch data) {
        this(builder, data, data.tabularData().pipeline());
    }

    /**
     * Creates a learner, trained ({@code data} given) or loaded from an export ({@code data} null).
     *
     * @param builder the settings, with a {@link TabularModel}
     * @param data the data, or {@code null}
     * @param pipeline the fitted processors and the label
     */
    TabularLearner(Learner.Builder builder, TabularDataBunch data, TabularPipeline pipeline) {
        super(builder);
        this.tabularData = data;
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /**
     * The data the learner trains on.
     *
     * @return the data
     * @throws IllegalStateException for a learner loaded from an export (it has {@link #pipeline()} only)
     */
    public TabularDataBunch tabularData() {
        if (tabularData == null) {
            throw new IllegalStateException("this tabular learner was loaded from an export: it has the processors "
                    + "and classes (pipeline()) but no data");
        }
        return tabularData;
    }

    /** @return the fitted processors, the column roles and the label: what prediction needs */
    public TabularPipeline pipeline() {
        return pipeline;
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
     * @throws IllegalArgumentException for an empty table, absent input columns (all named), or a
     *     continuous column holding text (naming the column and the row)
     */
    public List<TabularPrediction> predict(Table table) {
        TabularSplit split = process(table);
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
                out.add(pipeline.isClassification()
                        ? TabularPrediction.ofClasses(pipeline.labelClasses(), p.row(r))
                        : TabularPrediction.ofValues(p.row(r)));
            }
        }
        return out;
    }

    private TabularSplit process(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("cannot predict: the table is null");
        }
        String name = table.name() == null || table.name().isEmpty() ? "" : " '" + table.name() + "'";
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("cannot predict: the table" + name + " is empty (0 rows); its columns are "
                    + table.columnNames());
        }
        List<String> absent = new ArrayList<>();
        for (String c : pipeline.inputCatNames()) {
            if (!table.containsColumn(c)) {
                absent.add("'" + c + "' (categorical)");
            }
        }
        for (String c : pipeline.inputContNames()) {
            if (!table.containsColumn(c)) {
                absent.add("'" + c + "' (continuous)");
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("cannot predict: the table" + name + " has no column "
                    + String.join(", ", absent) + "; the model reads cat_names " + pipeline.inputCatNames()
                    + " and cont_names " + pipeline.inputContNames() + ", the table has " + table.columnNames());
        }
        try {
            return pipeline.process(table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot predict on the table" + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV records the way {@code TabularCsv} reads a training file (text kept as is, pandas' NA
     * strings missing), each categorical column as the kind of values it held in training.
     */
    @Override
    public RecordPredictor recordPredictor(RecordHeader header) {
        return new TabularRecordPredictor(this, header);
    }

    @Override
    protected ExportContent exportContent() {
        JsonObject model = ((TabularModel) model()).config().toJson();
        model.addProperty("numThreads", numThreads());
        return new ExportContent(EXPORT_KIND, "fastdjl-tabular", model, pipeline.toJson());
    }
}
