package org.fastdjl.tabular.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import ai.djl.engine.Engine;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import org.fastdjl.core.ForkedJvm;
import org.fastdjl.core.TestData;
import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.tabular.GeneratedTables;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/**
 * A tabular learner exported, loaded in a new JVM with no data, predicting the same bits; what the
 * export holds and what it refuses.
 */
class TabularExportTest {

    private static Table df;
    private static TabularLearner learn;
    private static Path dir;
    private static Path export;
    private static Path input;

    @BeforeAll
    static void trainAndExport() throws IOException {
        Engine.getInstance().setRandomSeed(5);
        df = GeneratedTables.adultLike(1200, 13);
        TabularDataBunch data = TabularDataBunch.from(TabularList.fromTable(df)
                .catNames("color", "size").contNames("x", "z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(1000, 1200)
                .labelFromCol("target"), 64, 5);
        dir = TestData.tempDir();
        learn = Tabular.learner(data).optLayers(20, 10).optSilent(true).optPath(dir).build();
        learn.fit(2, 1e-2);
        export = learn.export();
        // new rows: the validation rows, one with a colour never seen (" purple") and one with every input missing
        Table rows = df.inRange(1000, 1200);
        ((StringColumn) rows.column("color")).set(3, " purple");
        rows.column("color").setMissing(4);
        rows.column("x").setMissing(4);
        input = dir.resolve("new rows.csv");
        writeCsv(rows, input);
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    /** Writes a table as pandas would (no quoting of leading spaces needed by readers, missing as empty). */
    static void writeCsv(Table t, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            p.printRecord(t.columnNames());
            for (int r = 0; r < t.rowCount(); r++) {
                List<String> row = new ArrayList<>();
                for (Column<?> c : t.columns()) {
                    row.add(c.isMissing(r) ? "" : c instanceof DoubleColumn d ? Double.toString(d.getDouble(r))
                            : c instanceof NumericColumn<?> n ? Long.toString((long) n.getDouble(r)) : c.getString(r));
                }
                p.printRecord(row);
            }
        }
    }

    /** The bits of every prediction, one line per row: what the forked JVM prints. */
    static List<String> bits(List<TabularPrediction> preds) {
        List<String> lines = new ArrayList<>();
        for (TabularPrediction p : preds) {
            StringBuilder sb = new StringBuilder(p.label());
            for (float v : p.outputs()) {
                sb.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /**
     * The other JVM: loads the export (no data set exists there), predicts the CSV's rows as a table and
     * its first row alone, and prints the bits.
     *
     * @param args the export and the CSV
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (TabularLearner loaded = Learners.load(Path.of(args[0]), TabularLearner.class)) {
            Table t = TabularCsv.read(Path.of(args[1]));
            System.out.println("train items: " + loaded.data().train().size());
            System.out.println("row 0: " + bits(List.of(loaded.predict(t.row(0)))).get(0));
            bits(loaded.predict(t)).forEach(System.out::println);
        }
    }

    @Test
    void exportLoadedInANewJvmPredictsTheSameBits() throws Exception {
        Table rows = TabularCsv.read(input);
        List<String> expected = bits(learn.predict(rows));
        String expectedRow0 = bits(List.of(learn.predict(rows.row(0)))).get(0);
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Xmx256m"), TabularExportTest.class.getName(), 120,
                export.toString(), input.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertEquals("train items: 0", lines.get(0), "the loaded learner has no training data");
        assertEquals("row 0: " + expectedRow0, lines.get(1), "predict(Row)");
        assertEquals(expected, lines.subList(2, lines.size()), "predict(Table): every bit of every probability");
        assertEquals(200, expected.size());
    }

    @Test
    void theExportHoldsThePipelineAndNothingOfTheTrainingRows() throws IOException {
        String pipeline;
        String manifest;
        try (ZipFile zip = new ZipFile(export.toFile())) {
            pipeline = new String(zip.getInputStream(zip.getEntry("pipeline.json")).readAllBytes(), StandardCharsets.UTF_8);
            manifest = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(manifest.contains("\"kind\": \"tabular\""), manifest);
        for (String part : new String[] {"\"catNames\"", "\"color\"", "\"x_na\"", "\"FillMissing\"", "\"naDict\"",
            "\"Categorify\"", "\"normalizeWhitespace\": true", "\"red\"", "\"#na#\"", "\"Normalize\"", "\"means\"", "\"stds\"", "\"classification\"",
            "\"yes\""}) {
            assertTrue(pipeline.contains(part), part + " in " + pipeline);
        }
        DoubleColumn z = df.doubleColumn("z");
        for (int r = 0; r < 1000; r++) {
            String v = Double.toString(z.getDouble(r));
            assertFalse(pipeline.contains(v) || manifest.contains(v), "training value " + v + " (z, row " + r + ")");
        }
        assertTrue(Files.size(export) < 64_000, "weights and statistics only: " + Files.size(export) + " bytes");
    }

    @Test
    void anUnseenCategoryPredictsAsNa() throws IOException {
        try (TabularLearner loaded = Learners.load(export, TabularLearner.class)) {
            Table purple = df.inRange(0, 1);
            ((StringColumn) purple.column("color")).set(0, " purple");
            Table missing = df.inRange(0, 1);
            missing.column("color").setMissing(0);
            Table red = df.inRange(0, 1);
            ((StringColumn) red.column("color")).set(0, " red");
            float[] p = loaded.predict(purple).get(0).outputs();
            assertArrayEquals(loaded.predict(missing).get(0).outputs(), p, "' purple' is coded #na#, as a missing colour");
            assertFalse(java.util.Arrays.equals(loaded.predict(red).get(0).outputs(), p), "a known colour differs");
        }
    }

    @Test
    void batchPredictionOfACsvEqualsPredictingTheTable() throws IOException {
        try (TabularLearner loaded = Learners.load(export, TabularLearner.class)) {
            Path out = dir.resolve("preds.csv");
            CsvPredict.Result r = CsvPredict.run(loaded, input, out, 64, Map.of());
            assertEquals(200, r.rows());
            Table preds = TabularCsv.read(out);
            List<TabularPrediction> expected = learn.predict(TabularCsv.read(input));
            assertEquals(List.of("prediction", "p_no", "p_yes"),
                    preds.columnNames().subList(preds.columnCount() - 3, preds.columnCount()));
            for (int i = 0; i < 200; i++) {
                assertEquals(expected.get(i).label(), preds.stringColumn("prediction").get(i));
                assertEquals(expected.get(i).probs()[1], (float) preds.numberColumn("p_yes").getDouble(i), 0f);
            }
        }
    }

    @Test
    void missingInputColumnsAreAllNamed() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "color,z,target\n red,100,yes\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvPredict.run(learn, bad, dir.resolve("bad-out.csv"), 10, Map.of()));
        assertTrue(e.getMessage().contains("has no columns 'size', 'x' (2 of the 4 columns the tabular model reads"),
                e.getMessage());
        Table t = df.inRange(0, 3).removeColumns("size", "x");
        e = assertThrows(IllegalArgumentException.class, () -> learn.predict(t));
        assertTrue(e.getMessage().contains("no column 'size' (categorical), 'x' (continuous)"), e.getMessage());
        Files.writeString(bad, "color,size,x,z\n red,1,2.5,100\n blue,0,lots,90\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> CsvPredict.run(learn, bad, dir.resolve("bad-out.csv"), 10, Map.of()));
        assertTrue(e.getMessage().contains("bad.csv, line 3, column 'x': 'lots' is not a number"), e.getMessage());
    }

    @Test
    void categorifyKeepingWhitespaceStaysSoAfterLoading() throws IOException {
        TabularDataBunch kept = TabularDataBunch.from(TabularList.fromTable(df).catNames("color", "size").contNames("x")
                .procs(FillMissing::new, Categorify::keepingWhitespace, Normalize::new)
                .splitByIdxRange(1000, 1200).labelFromCol("target"), 64, 3);
        try (TabularLearner k = Tabular.learner(kept).optLayers(8).optSilent(true).build()) {
            k.fit(1, 1e-2);
            Path file = k.export(dir.resolve("kept.fdjl"));
            try (TabularLearner loaded = Learners.load(file, TabularLearner.class)) {
                assertTrue(loaded.pipeline().categoryClasses().get("color").contains(" red"),
                        loaded.pipeline().categoryClasses().toString());
                Table rows = df.inRange(1000, 1100);
                assertEquals(bits(k.predict(rows)), bits(loaded.predict(rows)));
            }
        }
    }

    @Test
    void aRegressionLearnerRoundTripsToo() throws IOException {
        TabularDataBunch reg = TabularDataBunch.from(TabularList.fromTable(df).catNames("color", "size").contNames("x")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(1000, 1200).labelFromCol("score"), 64, 2);
        try (TabularLearner r = Tabular.learner(reg).optLayers(8).optYRange(-10f, 12f).optSilent(true).build()) {
            r.fit(1, 1e-2);
            Path file = r.export(dir.resolve("regression.fdjl"));
            Table rows = df.inRange(1000, 1100);
            try (TabularLearner loaded = Learners.load(file, TabularLearner.class)) {
                assertFalse(loaded.pipeline().isClassification());
                assertEquals(bits(r.predict(rows)), bits(loaded.predict(rows)));
            }
        }
    }
}
