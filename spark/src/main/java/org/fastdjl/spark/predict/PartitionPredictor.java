package org.fastdjl.spark.predict;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

import org.fastdjl.core.export.InputRecord;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.export.RecordPredictable;
import org.fastdjl.core.export.RecordPredictor;
import org.fastdjl.spark.util.PartitionRows;

/**
 * What each task runs (see {@link SparkPredictor}): this JVM's learner, then the partition's rows in
 * batches through its record predictor, lazily, one batch in memory at a time.
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    /** Bad rows whose message a task reports to the driver (all are in the output). */
    private static final int ERRORS_PER_TASK = 5;

    private final String key;
    private final String shippedName;
    private final CollectionAccumulator<String> loads;
    private final List<String> modelColumns;
    private final Map<String, String> roles;
    private final int corrupt;
    private final int[] keptIdx;
    private final int nOutputs;
    private final boolean classifier;
    private final int bs;
    private final boolean failFast;
    private final long[] offsets;
    private final LongAccumulator rowCount;
    private final LongAccumulator bad;
    private final CollectionAccumulator<String> firstErrors;

    PartitionPredictor(String key, String shippedName, CollectionAccumulator<String> loads, List<String> modelColumns,
            Map<String, String> roles, int corrupt, int[] keptIdx, int nOutputs, boolean classifier, int bs,
            boolean failFast, long[] offsets, LongAccumulator rowCount, LongAccumulator bad,
            CollectionAccumulator<String> firstErrors) {
        this.key = key;
        this.shippedName = shippedName;
        this.loads = loads;
        this.modelColumns = new ArrayList<>(modelColumns);
        this.roles = Map.copyOf(roles);
        this.corrupt = corrupt;
        this.keptIdx = keptIdx;
        this.nOutputs = nOutputs;
        this.classifier = classifier;
        this.bs = bs;
        this.failFast = failFast;
        this.offsets = offsets;
        this.rowCount = rowCount;
        this.bad = bad;
        this.firstErrors = firstErrors;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        RecordPredictable learner = (RecordPredictable) ExecutorLearners.get(key, Path.of(SparkFiles.get(shippedName)),
                () -> loads.add(ModelLoads.executorId() + "\t" + key));
        RecordPredictor predictor = learner.recordPredictor(
                new RecordHeader(SparkPredictor.SOURCE, modelColumns, null, roles));
        long first = offsets != null ? PartitionRows.start(offsets) + 1 : 1;
        String partition = offsets != null ? "" : "partition " + TaskContext.getPartitionId() + ", ";
        return new Batches(rows, predictor, first, partition);
    }

    /** The output rows, one input batch at a time. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> in;
        private final RecordPredictor predictor;
        private final String partition;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private long next;
        private int reported;

        Batches(Iterator<Row> in, RecordPredictor predictor, long first, String partition) {
            this.in = in;
            this.predictor = predictor;
            this.next = first;
            this.partition = partition;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && in.hasNext()) {
                predictBatch();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private String where(long row) {
            return partition + "row " + row;
        }

        private void predictBatch() {
            List<Row> batch = new ArrayList<>(bs);
            while (batch.size() < bs && in.hasNext()) {
                batch.add(in.next());
            }
            int n = batch.size();
            String[] errors = new String[n];
            List<InputRecord> records = new ArrayList<>(n);
            List<Integer> at = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Row r = batch.get(i);
                long row = next + i;
                if (corrupt >= 0 && r.get(corrupt) != null) {
                    errors[i] = where(row) + ": malformed record, the reader could not split it into the header's "
                            + "columns: " + preview(r.get(corrupt).toString());
                    continue;
                }
                String[] fields = new String[modelColumns.size()];
                for (int c = 0, k = 0; c < r.length(); c++) {
                    if (c != corrupt) {
                        fields[k++] = RowFields.of(r.get(c));
                    }
                }
                records.add(new InputRecord(row, fields));
                at.add(i);
            }
            String[][] outputs = new String[n][];
            predict(records, at, outputs, errors);
            for (int i = 0; i < n; i++) {
                if (errors[i] != null) {
                    if (failFast) {
                        throw new IllegalArgumentException(errors[i]);
                    }
                    bad.add(1);
                    if (reported++ < ERRORS_PER_TASK) {
                        firstErrors.add((next + i) + "\t" + errors[i]);
                    }
                }
                ready.add(output(batch.get(i), outputs[i], errors[i]));
            }
            next += n;
            rowCount.add(n);
        }

        /** The batch at once; when a row spoils it, each row alone to find the bad ones, then the good ones. */
        private void predict(List<InputRecord> records, List<Integer> at, String[][] outputs, String[] errors) {
            if (records.isEmpty()) {
                return;
            }
            List<String[]> out;
            try {
                out = predictor.predict(records);
            } catch (IllegalArgumentException spoiled) {
                List<InputRecord> good = new ArrayList<>();
                List<Integer> goodAt = new ArrayList<>();
                for (int k = 0; k < records.size(); k++) {
                    try {
                        predictor.predict(List.of(records.get(k)));
                        good.add(records.get(k));
                        goodAt.add(at.get(k));
                    } catch (IllegalArgumentException e) {
                        errors[at.get(k)] = message(e.getMessage(), records.get(k).line());
                        if (failFast) {
                            return;
                        }
                    }
                }
                if (good.size() == records.size()) {
                    throw spoiled; // not a row's fault after all
                }
                predict(good, goodAt, outputs, errors);
                return;
            }
            if (out.size() != records.size()) {
                throw new IllegalStateException(out.size() + " predictions for " + records.size() + " rows");
            }
            for (int k = 0; k < out.size(); k++) {
                outputs[at.get(k)] = out.get(k);
            }
        }

        /** The record predictor's "input, line N, column ..." as "row N, column ...". */
        private String message(String m, long row) {
            String prefix = SparkPredictor.SOURCE + ", line " + row + ", ";
            return m != null && m.startsWith(prefix) ? where(row) + ", " + m.substring(prefix.length())
                    : where(row) + ": " + m;
        }
    }

    private Row output(Row in, String[] predicted, String error) {
        Object[] values = new Object[keptIdx.length + nOutputs + 1];
        for (int i = 0; i < keptIdx.length; i++) {
            values[i] = in.get(keptIdx[i]);
        }
        if (predicted != null) {
            int k = keptIdx.length;
            values[k] = classifier ? predicted[0] : (Object) Float.parseFloat(predicted[0]);
            for (int c = 1; c < nOutputs; c++) {
                values[k + c] = Float.parseFloat(predicted[c]); // Float.toString's text: the same bits back
            }
        }
        values[values.length - 1] = error;
        return RowFactory.create(values);
    }

    private static String preview(String raw) {
        String oneLine = raw.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= 80 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 77) + "...'";
    }
}
