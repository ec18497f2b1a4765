package org.fastdjl.spark.predict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.export.RecordPredictable;
import org.fastdjl.core.export.RecordPredictor;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.spark.util.PartitionRows;

/**
 * Batch prediction of a Spark {@code Dataset} with an exported learner ({@code learn.export()}), of any kind
 * whose loader is on the class path (tabular, collab; text and vision through the same interface).
 *
 * <h2>How it runs</h2>
 * <ol>
 * <li>On the driver: the export's SHA-256 names it; it is handed to Spark with
 *     {@code SparkContext.addFile}, which copies it to every executor (no shared file system needed); the
 *     driver loads it once to check that the input has the columns the model reads (one error naming
 *     them all) and to learn the output columns.</li>
 * <li>On each executor: the first task finds the file with {@code SparkFiles.get} and loads the learner
 *     once for the JVM ({@link ExecutorLearners}); every task of every later job shares it.</li>
 * <li>Each partition is predicted {@code bs} rows at a time by the learner's record predictor, the code of
 *     {@code ./fastdjl predict}: a batch of rows becomes a small Tablesaw table read as the training data
 *     was, and goes through {@code predict(Table)}. The output keeps the partitioning and the row
 *     order.</li>
 * </ol>
 *
 * <h2>Rows the model cannot read</h2>
 * A row with a field the model cannot read (text in a continuous column) or that Spark's reader could not
 * parse ({@code _corrupt_record}) is never dropped. By default it stays in the output with empty
 * predictions and the reason in the {@code error} column ({@code "row 17, column 'age': 'abc' is not a
 * number (...)"}); the rest of its batch is predicted. With {@link PredictOptions#optFailFast} the job
 * fails instead, on the first such row, with that message.
 */
public final class SparkPredictor {

    /** What the record predictor calls the input in its messages (replaced by row numbers). */
    static final String SOURCE = "input";

    private static final Map<SparkContext, Set<String>> SHIPPED = new WeakHashMap<>();

    private SparkPredictor() {
    }

    /**
     * Sets up the prediction of a data set: checks the columns and ships the export; nothing is predicted
     * until an action runs on {@link SparkPrediction#dataset()}.
     *
     * @param input the rows to predict
     * @param exportFile the export, a file on the driver
     * @param o the options
     * @return the prediction: its data set, and after an action its counts
     * @throws IllegalArgumentException when the file is absent or not an export a loader on the class path
     *     reads, when the input lacks columns the model reads (all named), or when an output column would
     *     clash with a kept one
     */
    public static SparkPrediction run(Dataset<Row> input, String exportFile, PredictOptions o) {
        Path file = Path.of(exportFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no exported learner at " + exportFile
                    + " (write one with learn.export())");
        }
        SparkContext sc = input.sparkSession().sparkContext();
        String sha = sha256(file);
        String key = sha.substring(0, 16) + "-" + file.getFileName();
        String shipped = ship(sc, file, "fastdjl-" + key);
        CollectionAccumulator<String> loads = ModelLoads.accumulator(sc);

        Learner learner;
        try {
            learner = ExecutorLearners.get(key, file, () -> loads.add(ModelLoads.executorId() + "\t" + key));
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        }
        if (!(learner instanceof RecordPredictable rp)) {
            throw new IllegalArgumentException(exportFile + " holds a " + learner.getClass().getSimpleName()
                    + ", which cannot predict rows");
        }
        List<String> columns = new ArrayList<>(Arrays.asList(input.columns()));
        int corrupt = columns.indexOf(o.corruptRecordColumn());
        List<String> modelColumns = new ArrayList<>(columns);
        if (corrupt >= 0) {
            modelColumns.remove(corrupt);
        }
        RecordPredictor check = rp.recordPredictor(new RecordHeader(SOURCE, modelColumns, null, o.roles()));
        List<String> outputs = check.outputColumns();

        List<String> kept = o.keepColumns() != null ? o.keepColumns() : modelColumns;
        int[] keptIdx = new int[kept.size()];
        for (int i = 0; i < keptIdx.length; i++) {
            keptIdx[i] = columns.indexOf(kept.get(i));
            if (keptIdx[i] < 0 || keptIdx[i] == corrupt) {
                throw new IllegalArgumentException("cannot keep column '" + kept.get(i) + "': the input has no such "
                        + "column; its columns are " + modelColumns);
            }
        }
        StructType schema = new StructType();
        for (int i : keptIdx) {
            schema = schema.add(input.schema().fields()[i]);
        }
        boolean classifier = outputs.size() > 1;
        List<String> outNames = new ArrayList<>();
        outNames.add(o.predictionColumn());
        for (String c : outputs.subList(1, outputs.size())) {
            outNames.add(o.probabilityPrefix() + (c.startsWith("p_") ? c.substring(2) : c));
        }
        outNames.add(o.errorColumn());
        Set<String> taken = new HashSet<>(kept);
        for (String n : outNames) {
            if (!taken.add(n)) {
                throw new IllegalArgumentException("the output column '" + n + "' would clash with "
                        + (kept.contains(n) ? "a kept input column; rename it, leave it out (optKeepColumns) or "
                        + "choose other output names" : "another output column"));
            }
        }
        schema = schema.add(outNames.get(0), classifier ? DataTypes.StringType : DataTypes.FloatType, true);
        for (String n : outNames.subList(1, outNames.size() - 1)) {
            schema = schema.add(n, DataTypes.FloatType, true);
        }
        schema = schema.add(o.errorColumn(), DataTypes.StringType, true);

        long[] offsets = o.rowNumbers() ? PartitionRows.offsets(input) : null;
        LongAccumulator rowCount = sc.longAccumulator("fastdjl rows predicted");
        LongAccumulator bad = sc.longAccumulator("fastdjl bad rows");
        CollectionAccumulator<String> firstErrors = sc.collectionAccumulator("fastdjl first bad rows");
        PartitionPredictor fn = new PartitionPredictor(key, shipped, loads, modelColumns, o.roles(), corrupt, keptIdx,
                outputs.size(), classifier, o.bs(), o.failFast(), offsets, rowCount, bad, firstErrors);
        Dataset<Row> out = input.mapPartitions(fn, Encoders.row(schema));
        return new SparkPrediction(out, sc, key, rowCount, bad, firstErrors);
    }

    /** Hands the export to Spark once per context, under a name made from its content. */
    private static String ship(SparkContext sc, Path file, String name) {
        synchronized (SHIPPED) {
            Set<String> names = SHIPPED.computeIfAbsent(sc, c -> new HashSet<>());
            if (names.add(name)) {
                try {
                    Path dir = Files.createTempDirectory("fastdjl-spark-files");
                    Path copy = dir.resolve(name);
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    copy.toFile().deleteOnExit();
                    dir.toFile().deleteOnExit();
                    sc.addFile(copy.toString());
                } catch (IOException e) {
                    names.remove(name);
                    throw new UncheckedIOException("cannot hand " + file + " to Spark: " + e.getMessage(), e);
                }
            }
            return name;
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no exported learner at " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
