package org.fastdjl.spark.predict;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.export.RecordHeader;

/**
 * How {@code FastdjlSpark.predict} predicts and what it adds, each setting with a default:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>setting</th><th>default</th></tr>
 * <tr><td>{@link #optBs} rows per forward pass</td><td>1024 (as {@code ./fastdjl predict})</td></tr>
 * <tr><td>{@link #optKeepColumns} input columns kept in the output</td><td>all</td></tr>
 * <tr><td>{@link #optPredictionColumn} the prediction's column</td><td>{@code prediction}</td></tr>
 * <tr><td>{@link #optProbabilityPrefix} before each class name</td><td>{@code p_}</td></tr>
 * <tr><td>{@link #optErrorColumn} why a row could not be predicted</td><td>{@code error}</td></tr>
 * <tr><td>{@link #optFailFast} fail the job on the first bad row</td><td>false: keep it, with the reason</td></tr>
 * <tr><td>{@link #optRowNumbers} number the rows for messages</td><td>true (one counting pass)</td></tr>
 * <tr><td>{@link #optTextColumn} the text column of a text learner</td><td>the learner's</td></tr>
 * <tr><td>{@link #optCorruptRecordColumn} Spark's malformed-record column</td><td>{@code _corrupt_record}</td></tr>
 * </table>
 *
 * <p>Serializable: it travels to the executors with the job.
 */
public final class PredictOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Spark's default name for the column where its CSV and JSON readers put a malformed record. */
    public static final String SPARK_CORRUPT_RECORD = "_corrupt_record";

    private int bs = CsvPredict.DEFAULT_BS;
    private List<String> keepColumns;
    private String predictionColumn = "prediction";
    private String probabilityPrefix = "p_";
    private String errorColumn = "error";
    private boolean failFast;
    private boolean rowNumbers = true;
    private String corruptRecordColumn = SPARK_CORRUPT_RECORD;
    private final LinkedHashMap<String, String> roles = new LinkedHashMap<>();

    /** Every setting at its default. */
    public PredictOptions() {
    }

    /**
     * Rows per forward pass (default 1024).
     *
     * @param bs at least 1
     * @return these options
     */
    public PredictOptions optBs(int bs) {
        if (bs < 1) {
            throw new IllegalArgumentException("bs must be at least 1, got " + bs);
        }
        this.bs = bs;
        return this;
    }

    /**
     * The input columns to keep in the output, in this order (default: all, in the input's order). The
     * model still reads every column it needs.
     *
     * @param columns the columns; none keeps only the predictions
     * @return these options
     */
    public PredictOptions optKeepColumns(String... columns) {
        this.keepColumns = List.of(columns);
        return this;
    }

    /**
     * The name of the prediction's column (default {@code prediction}): the class of a classifier, the
     * value of a regression or a collab model.
     *
     * @param name a column name
     * @return these options
     */
    public PredictOptions optPredictionColumn(String name) {
        this.predictionColumn = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * What goes before each class name in the probability columns (default {@code p_}: {@code p_>=50k}).
     *
     * @param prefix the prefix
     * @return these options
     */
    public PredictOptions optProbabilityPrefix(String prefix) {
        this.probabilityPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /**
     * The name of the column that says why a row could not be predicted (default {@code error}; null for
     * the rows that were).
     *
     * @param name a column name
     * @return these options
     */
    public PredictOptions optErrorColumn(String name) {
        this.errorColumn = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * With true, the first row the model cannot read fails the job with an error naming its row and
     * column; by default (false) every such row is kept, with empty predictions and the reason in the
     * error column, and the other rows are predicted.
     *
     * @param failFast whether to fail on the first bad row
     * @return these options
     */
    public PredictOptions optFailFast(boolean failFast) {
        this.failFast = failFast;
        return this;
    }

    /**
     * Whether messages name rows by their 1-based number in the input (default true: one extra pass counts
     * each partition's rows first; for Parquet it reads no column). With false they name the partition and
     * the row within it.
     *
     * @param rowNumbers whether to number the rows
     * @return these options
     */
    public PredictOptions optRowNumbers(boolean rowNumbers) {
        this.rowNumbers = rowNumbers;
        return this;
    }

    /**
     * The column where Spark's CSV or JSON reader put the raw text of a record it could not parse (a line
     * with too many or too few fields); a row with a value there is reported as malformed and not
     * predicted. Default {@value #SPARK_CORRUPT_RECORD}, used when the input has it. The column is not
     * kept in the output.
     *
     * @param name a column name
     * @return these options
     */
    public PredictOptions optCorruptRecordColumn(String name) {
        this.corruptRecordColumn = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * The column holding the text, for a text learner (its {@code --text-col}; default: the column the
     * learner was trained on).
     *
     * @param column the column
     * @return these options
     */
    public PredictOptions optTextColumn(String column) {
        return optRole(RecordHeader.TEXT, column);
    }

    /**
     * The column playing an input role the learner cannot tell by name ({@link RecordHeader#TEXT},
     * {@link RecordHeader#IMAGE}).
     *
     * @param role the role
     * @param column the column
     * @return these options
     */
    public PredictOptions optRole(String role, String column) {
        roles.put(Objects.requireNonNull(role, "role"), Objects.requireNonNull(column, "column"));
        return this;
    }

    /** @return rows per forward pass */
    public int bs() {
        return bs;
    }

    /** @return the columns to keep, or {@code null} for all */
    public List<String> keepColumns() {
        return keepColumns;
    }

    /** @return the prediction's column */
    public String predictionColumn() {
        return predictionColumn;
    }

    /** @return the prefix of the probability columns */
    public String probabilityPrefix() {
        return probabilityPrefix;
    }

    /** @return the error column */
    public String errorColumn() {
        return errorColumn;
    }

    /** @return whether the first bad row fails the job */
    public boolean failFast() {
        return failFast;
    }

    /** @return whether rows are numbered for messages */
    public boolean rowNumbers() {
        return rowNumbers;
    }

    /** @return the malformed-record column's name */
    public String corruptRecordColumn() {
        return corruptRecordColumn;
    }

    /** @return the columns given by role */
    public Map<String, String> roles() {
        return Map.copyOf(roles);
    }
}
