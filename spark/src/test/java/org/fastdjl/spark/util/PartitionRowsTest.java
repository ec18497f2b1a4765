package org.fastdjl.spark.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.fastdjl.spark.LocalSpark;
import org.fastdjl.spark.SparkInputs;

/** Row numbering: a file scan is counted without reading a column, a shuffled input with its whole rows. */
class PartitionRowsTest {

    @Test
    void fileScansAreCountedWithoutColumnsShuffledInputsWhole(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(",x").append(i).append('\n');
        }
        Path file = tmp.resolve("rows.csv");
        Files.writeString(file, csv);
        Dataset<Row> scan = SparkInputs.csv(spark, file.toString(), false).filter("a is not null");
        assertTrue(PartitionRows.readsNoColumn(scan));
        assertArrayEquals(new long[] {0, 100}, PartitionRows.offsets(scan));
        Dataset<Row> shuffled = scan.repartition(3);
        assertFalse(PartitionRows.readsNoColumn(shuffled));
        long[] offsets = PartitionRows.offsets(shuffled);
        assertTrue(offsets.length == 4 && offsets[3] == 100, java.util.Arrays.toString(offsets));
    }
}
