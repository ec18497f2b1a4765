package org.fastdjl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.collab.learner.Collab;
import org.fastdjl.collab.learner.CollabLearner;
import org.fastdjl.core.TestData;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.spark.cli.GeneratedRows;
import org.fastdjl.spark.predict.ExecutorLearners;
import org.fastdjl.spark.predict.PredictOptions;
import org.fastdjl.spark.predict.SparkPrediction;
import org.fastdjl.spark.predict.SparkPredictor;
import org.fastdjl.spark.util.SparkErrors;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.learner.Tabular;
import org.fastdjl.tabular.learner.TabularLearner;
import org.fastdjl.tabular.learner.TabularPrediction;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/**
 * Exported tabular and collab learners predicting on a real local[2] Spark: the same values as
 * {@code predict(Table)} in one JVM, row for row and bit for bit; one load of the learner for the JVM;
 * bad rows kept and named.
 */
class SparkPredictTest {

    private static Path dir;
    private static Path tabularExport;
    private static Path collabExport;
    private static Path rowsCsv;

    @BeforeAll
    static void trainAndExport() throws IOException {
        dir = TestData.tempDir();
        Engine.getInstance().setRandomSeed(5);
        Table df = GeneratedRows.table(1200, 13);
        TabularDataBunch data = TabularDataBunch.from(TabularList.fromTable(df)
                .catNames(GeneratedRows.CAT_NAMES).contNames(GeneratedRows.CONT_NAMES)
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(1000, 1200)
                .labelFromCol(GeneratedRows.TARGET), 64, 5);
        try (TabularLearner learn = Tabular.learner(data).optLayers(20, 10).optSilent(true).optPath(dir).build()) {
            learn.fit(1, 1e-2);
            tabularExport = learn.export(dir.resolve("tabular.fdjl"));
        }
        CollabDataBunch ratings = CollabDataBunch.fromTable(GeneratedRows.ratings(30, 20, 7)).optSeed(42).optBs(32)
                .build();
        try (CollabLearner learn = Collab.learner(ratings).optNFactors(8).optYRange(0f, 5.5f).optSilent(true)
                .optPath(dir).build()) {
            learn.fitOneCycle(2, 5e-2);
            collabExport = learn.export(dir.resolve("collab.fdjl"));
        }
        rowsCsv = dir.resolve("rows.csv");
        GeneratedRows.writeCsv(rowsCsv, 3000, 99, false);
    }

    /** The rows read by Spark in several partitions, in file order. */
    private static Dataset<Row> read(SparkSession spark, Path csv, boolean typed) {
        String key = "spark.sql.files.maxPartitionBytes";
        String before = spark.conf().get(key);
        spark.conf().set(key, "40000");
        try {
            Dataset<Row> rows = typed
                    ? spark.read().option("header", true).option("inferSchema", true).csv(csv.toString())
                    : SparkInputs.csv(spark, csv.toString(), false);
            rows.rdd().getNumPartitions();
            return rows;
        } finally {
            spark.conf().set(key, before);
        }
    }

    private static void assertSameBits(float expected, float actual, String where) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                where + ": expected " + expected + ", got " + actual);
    }

    @Test
    void tabularPredictionsEqualPredictTableRowForRowLoadingOncePerJvm() throws IOException {
        SparkSession spark = LocalSpark.get();
        List<TabularPrediction> expected;
        List<String> classes;
        try (TabularLearner one = Learners.load(tabularExport, TabularLearner.class)) {
            expected = one.predict(TabularCsv.read(rowsCsv));
            classes = one.pipeline().labelClasses();
        }
        // CSV read as text (what spark-predict does) and CSV typed by Spark (as Parquet would be)
        for (boolean typed : new boolean[] {false, true}) {
            Dataset<Row> rows = read(spark, rowsCsv, typed);
            assertTrue(rows.rdd().getNumPartitions() >= 3, "several partitions needed, got "
                    + rows.rdd().getNumPartitions());
            SparkPrediction p = SparkPredictor.run(rows, tabularExport.toString(),
                    new PredictOptions().optBs(256).optKeepColumns("id"));
            List<Row> got = p.dataset().collectAsList();
            assertEquals(expected.size(), got.size());
            assertEquals(List.of("id", "prediction", "p_" + classes.get(0), "p_" + classes.get(1), "error"),
                    List.of(p.dataset().columns()));
            for (int i = 0; i < got.size(); i++) {
                Row r = got.get(i);
                String where = (typed ? "typed" : "text") + " row " + (i + 1);
                assertEquals(Long.toString(i), r.get(0).toString(), where);
                assertEquals(expected.get(i).label(), r.getString(1), where);
                for (int c = 0; c < classes.size(); c++) {
                    assertSameBits(expected.get(i).probs()[c], r.getFloat(2 + c), where);
                }
                assertNull(r.get(4), where);
            }
            assertEquals(0, p.badRows());
            assertEquals(Map.of("driver", 1), p.modelLoads(), "local mode: one JVM, one load");
            assertEquals(1, ExecutorLearners.loads(p.key()));
        }
    }

    @Test
    void collabPredictionsEqualPredictTable() throws IOException {
        SparkSession spark = LocalSpark.get();
        StringBuilder csv = new StringBuilder("userId,movieId\n");
        for (int u = 0; u <= 32; u++) {       // users 0, 31 and 32 and movie 121 were never rated: #na#
            for (int m = 100; m <= 121; m++) {
                csv.append(u).append(',').append(m).append('\n');
            }
        }
        Path pairs = dir.resolve("pairs.csv");
        Files.writeString(pairs, csv, StandardCharsets.UTF_8);
        float[] expected;
        try (CollabLearner one = Learners.load(collabExport, CollabLearner.class)) {
            expected = one.predict(TabularCsv.read(pairs));
        }
        Dataset<Row> rows = SparkInputs.csv(spark, pairs.toString(), false).repartition(3);
        List<Row> got = FastdjlSpark.predict(rows, collabExport.toString(), new PredictOptions().optBs(100)
                .optPredictionColumn("rating")).orderBy("userId", "movieId").collectAsList();
        assertEquals(expected.length, got.size());
        for (Row r : got) {
            int u = Integer.parseInt(r.getString(0));
            int m = Integer.parseInt(r.getString(1));
            assertSameBits(expected[u * 22 + (m - 100)], r.getFloat(2), "user " + u + ", movie " + m);
        }
    }

    /**
     * The first 40 generated rows ({@code clean}), and the same with two bad rows: text in the continuous
     * column 'x' on row 7, one field too many on row 12.
     */
    private static Path writeBadCsv(Path clean) throws IOException {
        List<String> lines = Files.readAllLines(rowsCsv).subList(0, 41); // header and 40 rows
        List<String> dirty = new java.util.ArrayList<>(lines);
        String[] f7 = dirty.get(7).split(",", -1);
        f7[3] = "abc";
        dirty.set(7, String.join(",", f7));
        dirty.set(12, dirty.get(12) + ",surplus");
        Path bad = dir.resolve("bad.csv");
        Files.write(clean, lines);
        Files.write(bad, dirty);
        return bad;
    }

    @Test
    void badRowsAreKeptWithTheirRowAndColumnOrFailTheJob() throws IOException {
        SparkSession spark = LocalSpark.get();
        Path clean = dir.resolve("clean.csv");
        Path bad = writeBadCsv(clean);
        List<TabularPrediction> expected;
        try (TabularLearner one = Learners.load(tabularExport, TabularLearner.class)) {
            expected = one.predict(TabularCsv.read(clean));
        }
        SparkPrediction p = SparkPredictor.run(SparkInputs.csv(spark, bad.toString(), false), tabularExport.toString(),
                new PredictOptions().optBs(16));
        List<Row> got = p.dataset().collectAsList();
        assertEquals(40, got.size(), "no row dropped");
        int err = got.get(0).fieldIndex("error");
        int pred = got.get(0).fieldIndex("prediction");
        for (int i = 0; i < 40; i++) {
            Row r = got.get(i);
            if (i + 1 == 7) {
                assertEquals("row 7, column 'x': 'abc' is not a number (the model reads 'x' as continuous)",
                        r.getString(err));
                assertNull(r.get(pred));
            } else if (i + 1 == 12) {
                assertTrue(r.getString(err).startsWith("row 12: malformed record, the reader could not split it into "
                        + "the header's columns: '11,"), r.getString(err));
                assertNull(r.get(pred));
            } else {
                assertNull(r.get(err), "row " + (i + 1));
                assertEquals(expected.get(i).label(), r.getString(pred), "row " + (i + 1));
                assertSameBits(expected.get(i).probs()[0], r.getFloat(pred + 1), "row " + (i + 1));
            }
        }
        assertEquals(2, p.badRows());
        assertEquals(2, p.firstBadRows(5).size());
        assertTrue(p.firstBadRows(5).get(0).startsWith("row 7, column 'x'"));

        SparkPrediction strict = SparkPredictor.run(SparkInputs.csv(spark, bad.toString(), false),
                tabularExport.toString(), new PredictOptions().optFailFast(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkErrors.run(() -> strict.dataset().collectAsList()));
        assertEquals("row 7, column 'x': 'abc' is not a number (the model reads 'x' as continuous)", e.getMessage());
    }

    @Test
    void sparkPredictCommandWritesTheOutputAndReportsBadRows() throws IOException {
        Path bad = writeBadCsv(dir.resolve("clean-for-command.csv"));
        Path out = dir.resolve("predicted");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errs = new java.io.PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = org.fastdjl.spark.cli.SparkMain.run(new String[] {"spark-predict", "--model", tabularExport.toString(),
            "--input", bad.toString(), "--output", out.toString(), "--keep", "id", "--bs", "8"}, System.out, errs);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, rc, msg);
        assertTrue(msg.contains("2 rows could not be predicted") && msg.contains("  row 7, column 'x': 'abc' is not a "
                + "number") && msg.contains("  row 12: malformed record"), msg);
        List<String> lines = new java.util.ArrayList<>();
        try (var parts = Files.list(out)) {
            for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                List<String> l = Files.readAllLines(part);
                lines.addAll(lines.isEmpty() ? l : l.subList(1, l.size()));
            }
        }
        assertEquals("id,prediction,p_no,p_yes,error", lines.get(0));
        assertEquals(41, lines.size(), "header and every row, the bad ones included");
        assertTrue(lines.get(7).startsWith("6,,,,"), lines.get(7));

        err.reset();
        Path strictOut = dir.resolve("strict");
        rc = org.fastdjl.spark.cli.SparkMain.run(new String[] {"spark-predict", "--model", tabularExport.toString(),
            "--input", bad.toString(), "--output", strictOut.toString(), "--fail-fast"}, System.out, errs);
        assertEquals(2, rc);
        assertEquals("fastdjl spark-predict: row 7, column 'x': 'abc' is not a number (the model reads 'x' as "
                + "continuous)\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(strictOut), "nothing written");
    }

    @Test
    void missingColumnsAreNamedOnTheDriver() {
        SparkSession spark = LocalSpark.get();
        Dataset<Row> rows = SparkInputs.csv(spark, rowsCsv.toString(), false).drop("x", "color");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FastdjlSpark.predict(rows, tabularExport.toString()));
        assertTrue(e.getMessage().startsWith("input has no columns 'color', 'x'"), e.getMessage());
        assertNotNull(e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FastdjlSpark.predict(rows, dir.resolve("absent.fdjl").toString()));
        assertTrue(e.getMessage().startsWith("no exported learner at "), e.getMessage());
    }
}
