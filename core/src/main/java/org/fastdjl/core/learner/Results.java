package org.fastdjl.core.learner;

import ai.djl.ndarray.NDManager;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.util.TextTable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * fastai's {@code learn.show_results(ds_type, rows)}: the first items of a data set decoded by the
 * data's formatter (inputs and target), with the model's prediction beside them: the class name for a
 * classifier, the value otherwise.
 */
final class Results {

    private Results() {}

    /**
     * The first {@code rows} items of the first batch of a data set with their predictions, as a table.
     *
     * @param learner the learner
     * @param type which data set
     * @param rows how many items (fewer if the first batch is smaller)
     * @return the table: the formatter's columns, then {@code prediction}
     */
    static String format(Learner learner, DatasetType type, int rows) {
        DataBunch data = learner.data();
        List<String> header = new ArrayList<>(data.formatter().columns());
        header.add("prediction");
        List<List<String>> body = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(learner.device())) {
            Iterator<Batch> it = data.dl(type).iterator(manager);
            if (!it.hasNext()) {
                return "(empty " + type.name().toLowerCase(Locale.ROOT) + " set)\n";
            }
            try (Batch batch = it.next()) {
                Predictions p = learner.predictOn(m -> batch.x());
                List<String> classes = data.classes();
                int[] best = p.argMax();
                for (int r = 0; r < Math.min(rows, batch.size()); r++) {
                    List<String> row = new ArrayList<>(data.formatter().format(batch, r, type));
                    row.add(prediction(p, r, best[r], classes));
                    body.add(row);
                }
            }
        }
        return TextTable.format(header, body);
    }

    private static String prediction(Predictions p, int row, int best, List<String> classes) {
        if (p.width() > 1 && classes.size() == p.width()) {
            return classes.get(best);
        }
        if (p.width() > 1) {
            return Integer.toString(best);
        }
        return String.format(Locale.ROOT, "%.4f", p.row(row)[0]);
    }
}
