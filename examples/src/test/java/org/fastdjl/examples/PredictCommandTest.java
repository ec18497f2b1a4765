package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fastdjl.core.ForkedJvm;
import org.fastdjl.core.TestData;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.learner.Tabular;
import org.fastdjl.tabular.learner.TabularLearner;
import org.fastdjl.tabular.learner.TabularPrediction;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./fastdjl predict}: a generated 250,000-row file through a JVM whose heap is far smaller than
 * the file (what only a streaming prediction survives, shown by reading the same file whole under the
 * same heap), and bad input ending with exit code 2 and one line naming it. The 1,000,000-row run is
 * {@code ./fastdjl bench-predict} (about 30 s on a loaded machine: too long for the test suite).
 */
class PredictCommandTest {

    static final int ROWS = 250_000;
    static final String HEAP = "-Xmx64m";
    static final List<String> CATS = List.of("workclass", "education", "marital-status", "occupation",
            "relationship", "race");
    static final List<String> CONTS = List.of("age", "fnlwgt", "education-num");

    private static Path dir;
    private static Path export;
    private static TabularLearner learn;

    @BeforeAll
    static void trainAndExport() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(11);
        Table df = TabularCsv.read(SyntheticDataTest.testData().resolve("adult_tiny/adult.csv"));
        TabularDataBunch data = TabularDataBunch.from(TabularList.fromTable(df).catNames(CATS).contNames(CONTS)
                .procs(FillMissing::new, Categorify::new, Normalize::new).splitByIdxRange(3600, 4000)
                .labelFromCol("salary"), 64, 11);
        dir = TestData.tempDir();
        learn = Tabular.learner(data).optLayers(50, 20).optMetrics(Metrics.accuracy()).optSilent(true).optPath(dir)
                .build();
        learn.fit(1, 1e-2);
        export = learn.export();
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    /** adult_tiny's input columns, an {@code id} first, its rows repeated to {@code rows}. */
    static Path generate(Path file, int rows) throws IOException {
        List<String> lines = new ArrayList<>();
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(SyntheticDataTest.testData().resolve("adult_tiny/adult.csv")))) {
            for (CSVRecord r : p) {
                List<String> f = new ArrayList<>();
                for (String c : CATS) {
                    f.add(r.get(c));
                }
                for (String c : CONTS) {
                    f.add(r.get(c));
                }
                lines.add(String.join(",", f));
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id," + String.join(",", CATS) + "," + String.join(",", CONTS) + "\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + "," + lines.get(i % lines.size()) + "\n");
            }
        }
        return file;
    }

    /**
     * What a non-streaming prediction would do first: read the whole file into a table.
     *
     * @param args the CSV
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.out.println("read " + TabularCsv.read(Path.of(args[0])).rowCount() + " rows");
    }

    @Test
    void aQuarterMillionRowsStreamThroughA64MbHeapInInputOrder() throws Exception {
        Path input = generate(dir.resolve("rows.csv"), ROWS);
        Path out = dir.resolve("rows.predictions.csv");
        long t0 = System.nanoTime();
        ForkedJvm.Result r = ForkedJvm.run(List.of(HEAP, "-XX:+UseSerialGC"), Main.class.getName(), 600, "predict",
                "--model", export.toString(), "--input", input.toString(), "--bs", "1024");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exitCode(), r.toString());
        System.out.print(r.stdout());
        Matcher m = Pattern.compile("predicted (\\d+) rows in [0-9.]+ s: (\\d+) rows/s \\(bs 1024\\); peak RSS (\\d+) MB")
                .matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        assertEquals(ROWS, Long.parseLong(m.group(1)));
        System.out.printf("%d rows (%.0f MB) with %s: whole process %.1f s, %s rows/s, peak RSS %s MB%n", ROWS,
                Files.size(input) / 1e6, HEAP, secs, m.group(2), m.group(3));

        // the first batch, predicted here from the same rows: the same bits
        List<String> head = new ArrayList<>();
        try (BufferedReader b = Files.newBufferedReader(input)) {
            for (int i = 0; i <= 1024; i++) {
                head.add(b.readLine());
            }
        }
        Path headCsv = Files.write(dir.resolve("head.csv"), head);
        List<TabularPrediction> expected = learn.predict(TabularCsv.read(headCsv));
        List<String> classes = learn.pipeline().labelClasses();
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(out))) {
            assertEquals("id", p.getHeaderNames().get(0));
            assertEquals(List.of("prediction", "p_" + classes.get(0), "p_" + classes.get(1)),
                    p.getHeaderNames().subList(p.getHeaderNames().size() - 3, p.getHeaderNames().size()));
            Iterator<CSVRecord> it = p.iterator();
            int i = 0;
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                assertEquals(i, Integer.parseInt(rec.get("id")), "row order");
                float p0 = Float.parseFloat(rec.get("p_" + classes.get(0)));
                float p1 = Float.parseFloat(rec.get("p_" + classes.get(1)));
                assertEquals(1f, p0 + p1, 1e-5f, "row " + i);
                assertEquals(classes.get(p1 > p0 ? 1 : 0), rec.get("prediction"), "row " + i);
                if (i < 1024) {
                    assertEquals(expected.get(i).probs()[1], p1, 0f, "row " + i + ": the exact float");
                }
                i++;
            }
            assertEquals(ROWS, i);
        }

        ForkedJvm.Result whole = ForkedJvm.run(List.of(HEAP, "-XX:+UseSerialGC"), PredictCommandTest.class.getName(),
                300, input.toString());
        assertNotEquals(0, whole.exitCode(), "reading the whole file fits in " + HEAP + ": " + whole);
        assertTrue(whole.stderr().contains("OutOfMemoryError"), whole.toString());
    }

    private static String[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static void exitsWithOneLine(String[] r, String... parts) {
        assertEquals("2", r[0], r[2]);
        List<String> lines = r[2].lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace: " + r[2]);
        for (String part : parts) {
            assertTrue(lines.get(0).contains(part), part + " in: " + lines.get(0));
        }
    }

    @Test
    void badInputExitsWithTwoAndOneLineNamingIt() throws IOException {
        Path noCols = Files.writeString(dir.resolve("no-age.csv"), "workclass,education,marital-status,occupation,"
                + "relationship,fnlwgt,education-num\n Private, HS-grad, Divorced, Sales, Unmarried,1000,9\n");
        exitsWithOneLine(run("predict", "--model", export.toString(), "--input", noCols.toString()),
                "fastdjl predict: " + noCols + " has no columns 'race', 'age' (2 of the 9 columns");

        byte[] bytes = Files.readAllBytes(export);
        bytes[bytes.length / 2] ^= 1;
        Path corrupted = Files.write(dir.resolve("corrupted.fdjl"), bytes);
        exitsWithOneLine(run("predict", "--model", corrupted.toString(), "--input", noCols.toString()),
                corrupted + " is corrupted");

        exitsWithOneLine(run("predict", "--model", noCols.toString(), "--input", noCols.toString()),
                noCols + " is not a fastdjl export");
        exitsWithOneLine(run("predict", "--input", noCols.toString()), "--model FILE");
        exitsWithOneLine(run("predict", "--model", export.toString(), "--input", dir.resolve("none.csv").toString()),
                "none.csv");
        Path text = Files.writeString(dir.resolve("text-age.csv"), "workclass,education,marital-status,occupation,"
                + "relationship,race,age,fnlwgt,education-num\n Private, HS-grad, Divorced, Sales, Unmarried, White,"
                + "forty,1000,9\n");
        exitsWithOneLine(run("predict", "--model", export.toString(), "--input", text.toString()),
                text + ", line 2, column 'age': 'forty' is not a number");
    }

    @Test
    void theDefaultOutputSitsBesideTheInput() throws IOException {
        Path input = generate(dir.resolve("small.csv"), 10);
        String[] r = run("predict", "--model", export.toString(), "--input", input.toString(), "--bs", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("predicted 10 rows"), r[1]);
        assertEquals(11, Files.readAllLines(dir.resolve("small.predictions.csv")).size());
    }
}
