package org.fastdjl.spark.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * A prediction set up by {@link SparkPredictor#run}: the data set to write or collect, and, once an
 * action has run on it, how many rows could not be predicted, the first of them, and how often each
 * executor loaded the learner.
 *
 * <p>The counts come from Spark accumulators: each row is counted once per action, and again if Spark
 * re-runs a finished task (a lost executor); the output itself is always complete.
 */
public final class SparkPrediction {

    private final Dataset<Row> dataset;
    private final SparkContext sc;
    private final String key;
    private final LongAccumulator rows;
    private final LongAccumulator bad;
    private final CollectionAccumulator<String> firstErrors;

    SparkPrediction(Dataset<Row> dataset, SparkContext sc, String key, LongAccumulator rows, LongAccumulator bad,
            CollectionAccumulator<String> firstErrors) {
        this.dataset = dataset;
        this.sc = sc;
        this.key = key;
        this.rows = rows;
        this.bad = bad;
        this.firstErrors = firstErrors;
    }

    /**
     * The input's kept columns, then the prediction (the class, or the value of a regression or collab
     * model), one probability per class for a classifier, and the error column (null when the row was
     * predicted).
     *
     * @return the data set; nothing runs until an action
     */
    public Dataset<Row> dataset() {
        return dataset;
    }

    /** @return the export's identity: the start of its SHA-256 and its file name */
    public String key() {
        return key;
    }

    /** @return the rows gone through the model (predicted or not), in the actions run so far */
    public long rows() {
        return rows.value();
    }

    /** @return the rows that could not be predicted, in the actions run so far */
    public long badRows() {
        return bad.value();
    }

    /**
     * The first rows that could not be predicted, with why (a few per task).
     *
     * @param max the most to return
     * @return messages such as {@code row 17, column 'age': 'abc' is not a number (...)}, by row
     */
    public List<String> firstBadRows(int max) {
        List<String[]> entries = new ArrayList<>();
        for (String e : firstErrors.value()) {
            entries.add(e.split("\t", 2));
        }
        entries.sort((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])));
        List<String> out = new ArrayList<>();
        for (String[] e : entries) {
            if (out.size() == max) {
                break;
            }
            if (out.isEmpty() || !out.get(out.size() - 1).equals(e[1])) {
                out.add(e[1]);
            }
        }
        return out;
    }

    /**
     * How many times each executor (and the driver) loaded this export so far: 1 each, however many
     * partitions and jobs.
     *
     * @return loads by executor id ({@code driver} in local mode)
     */
    public Map<String, Integer> modelLoads() {
        return ModelLoads.perExecutor(sc, key);
    }
}
