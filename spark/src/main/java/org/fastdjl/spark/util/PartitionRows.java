package org.fastdjl.spark.util;

import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Set;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Numbers the rows of a data set in the order Spark holds it (partition by partition; for one file, its
 * order): one pass counts each partition's rows, and a row's number is then its partition's start plus
 * its place in the partition, known inside any later pass over the same partitions without a shuffle.
 * For file sources the partitions are the same on every pass; a data set computed differently each time
 * (random, or from an unordered shuffle) should be cached first.
 *
 * <p>When the data set's plan has no shuffle, the counting pass reads no column (Parquet then reads only
 * its row counts, CSV only finds the line ends): a file's splits do not depend on the columns read. With a
 * shuffle, the whole rows are counted, so that adaptive execution sizes the partitions as the later pass
 * will.
 */
public final class PartitionRows {

    private PartitionRows() {
    }

    /**
     * Where each partition's rows start.
     *
     * @param ds the data set
     * @return {@code partitions + 1} offsets: partition p's rows are numbered from {@code offsets[p]} (0
     *     first), and the last entry is the row count
     */
    public static long[] offsets(Dataset<Row> ds) {
        StructType cs = new StructType().add("p", DataTypes.IntegerType, false).add("n", DataTypes.LongType, false);
        Dataset<Row> counted = readsNoColumn(ds) ? ds.select(lit(1).as("one")) : ds;
        List<Row> counts = SparkErrors.run(() -> counted.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
            long c = 0;
            while (it.hasNext()) {
                it.next();
                c++;
            }
            return List.of(RowFactory.create(TaskContext.getPartitionId(), c)).iterator();
        }, Encoders.row(cs)).collectAsList());
        long[] per = new long[counts.size()];
        for (Row r : counts) {
            per[r.getInt(0)] = r.getLong(1);
        }
        long[] offsets = new long[per.length + 1];
        for (int p = 0; p < per.length; p++) {
            offsets[p + 1] = offsets[p] + per[p];
        }
        return offsets;
    }

    /** Logical operators that keep their input's partitions (no shuffle, no change with the columns read). */
    private static final Set<String> NARROW = Set.of("Project", "Filter", "LogicalRelation", "LocalRelation",
            "LogicalRDD", "DataSourceV2Relation", "DataSourceV2ScanRelation", "SubqueryAlias", "SerializeFromObject",
            "DeserializeToObject", "MapPartitions", "MapElements", "TypedFilter", "AppendColumns", "ResolvedHint", "View");

    /**
     * Whether the counting pass can read no column: the plan has no shuffle.
     *
     * @param ds the data set
     * @return true when its optimized plan is made of narrow operators only
     */
    static boolean readsNoColumn(Dataset<Row> ds) {
        return narrow(ds.queryExecution().optimizedPlan());
    }

    /** Whether a plan is made of narrow operators only. */
    private static boolean narrow(LogicalPlan plan) {
        if (!NARROW.contains(plan.getClass().getSimpleName())) {
            return false;
        }
        for (LogicalPlan child : Seqs.<LogicalPlan>list(plan.children())) {
            if (!narrow(child)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The start of the current task's partition.
     *
     * @param offsets from {@link #offsets}
     * @return the number of the partition's first row
     * @throws IllegalStateException when the partition did not exist when the rows were counted
     */
    public static long start(long[] offsets) {
        int p = TaskContext.getPartitionId();
        if (p >= offsets.length - 1) {
            throw new IllegalStateException("partition " + p + " was not there when the rows were counted ("
                    + (offsets.length - 1) + " partitions): the input is not the same on every pass; cache it first");
        }
        return offsets[p];
    }
}
