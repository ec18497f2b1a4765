package org.fastdjl.spark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ai.djl.engine.Engine;

import org.apache.spark.sql.SparkSession;

import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.spark.SparkInputs;
import org.fastdjl.spark.predict.ExecutorLearners;
import org.fastdjl.spark.predict.PredictOptions;
import org.fastdjl.spark.predict.SparkPrediction;
import org.fastdjl.spark.predict.SparkPredictor;
import org.fastdjl.spark.util.SparkErrors;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.learner.Tabular;
import org.fastdjl.tabular.learner.TabularLearner;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/**
 * {@code spark-bench}: batch prediction of a generated N-row tabular CSV file (1,000,000 rows by default)
 * with the lesson's tabular learner shape (layers [200, 100]), in one JVM ({@code CsvPredict}, what
 * {@code ./fastdjl predict} runs) and on Spark ({@code local[2]} by default), both reading the CSV,
 * predicting in batches of 1024 and writing CSV. Prints rows per second side by side (medians over the
 * runs, the two alternating) and how many times each executor loaded the learner (1).
 */
final class SparkBench {

    static final String USAGE = String.join("\n",
            "usage: spark-bench [--rows N] [--bs N] [--master URL] [--runs N]",
            "  --rows N     rows of the generated CSV (default 1000000)",
            "  --bs N       rows per forward pass, both sides (default 1024)",
            "  --master URL Spark master (default local[2])",
            "  --runs N     runs of each side, alternating; medians printed (default 3)");

    private SparkBench() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(argv, Set.of("rows", "bs", "master", "runs"), Set.of("help"));
        if (a.has("help")) {
            out.println(USAGE);
            return 0;
        }
        int rows = a.getInt("rows", 1_000_000);
        int bs = a.getInt("bs", CsvPredict.DEFAULT_BS);
        int runs = a.getInt("runs", 3);
        String master = a.get("master", "local[2]");
        Path tmp = Files.createTempDirectory("fastdjl-spark-bench");
        try {
            err.println("spark-bench: training the tabular learner on 10,000 generated rows ...");
            Path export = train(tmp);
            Path csv = tmp.resolve("rows.csv");
            long t0 = System.nanoTime();
            GeneratedRows.writeCsv(csv, rows, 99, false);
            err.printf(Locale.ROOT, "spark-bench: wrote %,d rows (%.0f MB) in %.1f s%n", rows, Files.size(csv) / 1e6,
                    (System.nanoTime() - t0) / 1e9);

            long s0 = System.nanoTime();
            SparkSession spark = Sessions.start("fastdjl spark-bench", master);
            double startup = (System.nanoTime() - s0) / 1e9;
            // warm-up, not timed: Spark compiles its code for the query and the JIT warms up on a first job
            Path head = tmp.resolve("head.csv");
            GeneratedRows.writeCsv(head, Math.min(rows, 50_000), 98, false);
            spark(spark, export, head, tmp.resolve("warm-up"), new PredictOptions().optBs(bs), Math.min(rows, 50_000));
            double[] single = new double[runs];
            double[] spread = new double[runs];
            double[] unnumbered = new double[runs];
            SparkPrediction last = null;
            for (int i = 0; i < runs; i++) {
                single[i] = single(export, csv, tmp.resolve("single.csv"), bs, rows);
                long t1 = System.nanoTime();
                last = spark(spark, export, csv, tmp.resolve("spark-" + i), new PredictOptions().optBs(bs), rows);
                spread[i] = (System.nanoTime() - t1) / 1e9;
                t1 = System.nanoTime();
                spark(spark, export, csv, tmp.resolve("spark-u" + i), new PredictOptions().optBs(bs).optRowNumbers(false),
                        rows);
                unnumbered[i] = (System.nanoTime() - t1) / 1e9;
            }
            out.printf(Locale.ROOT, "%nspark-bench: %,d generated rows (%.0f MB CSV), tabular learner (layers [200, 100], "
                    + "cat color,size, cont x,z), bs %d, %d run%s each; load average %s%n", rows, Files.size(csv) / 1e6,
                    bs, runs, runs == 1 ? "" : "s", loadAverage());
            out.printf(Locale.ROOT, "%-52s %10s %12s%n", "CSV in, predict, CSV out", "seconds", "rows/s");
            print(out, "one JVM (CsvPredict, as ./fastdjl predict)", median(single), rows);
            print(out, "Spark " + master + " (row numbers for messages: 2 passes)", median(spread), rows);
            print(out, "Spark " + master + ", optRowNumbers(false) (1 pass)", median(unnumbered), rows);
            out.printf(Locale.ROOT, "Spark start-up (once, not in the figures): %.1f s%n", startup);
            out.printf(Locale.ROOT, "model loads per executor: %s (this JVM: %d, for %d Spark jobs)%n",
                    last.modelLoads(), ExecutorLearners.loads(last.key()), 2 * runs + 1);
            spark.stop();
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    /** Trains the lesson's tabular shape on generated rows and exports it. */
    private static Path train(Path dir) throws IOException {
        Engine.getInstance().setRandomSeed(5);
        TabularDataBunch data = TabularDataBunch.from(TabularList.fromTable(GeneratedRows.table(10_000, 13))
                .catNames(GeneratedRows.CAT_NAMES).contNames(GeneratedRows.CONT_NAMES)
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(8_000, 10_000)
                .labelFromCol(GeneratedRows.TARGET), 64, 5);
        try (TabularLearner learn = Tabular.learner(data).optLayers(200, 100).optSilent(true).optPath(dir).build()) {
            learn.fit(1, 1e-2);
            return learn.export(dir.resolve("export.fdjl"));
        }
    }

    private static double single(Path export, Path csv, Path outCsv, int bs, int rows) throws IOException {
        long t0 = System.nanoTime();
        try (Learner learner = Learners.load(export)) {
            CsvPredict.Result r = CsvPredict.run(learner, csv, outCsv, bs, Map.of());
            if (r.rows() != rows) {
                throw new IllegalStateException("one JVM predicted " + r.rows() + " rows of " + rows);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static SparkPrediction spark(SparkSession spark, Path export, Path csv, Path out, PredictOptions o, int rows) {
        SparkPrediction p = SparkPredictor.run(SparkInputs.csv(spark, csv.toString(), false), export.toString(), o);
        SparkErrors.run(() -> {
            Sessions.csv(p.dataset().write()).save(out.toString());
            return null;
        });
        if (p.rows() != rows || p.badRows() != 0) {
            throw new IllegalStateException("Spark predicted " + p.rows() + " rows of " + rows + ", " + p.badRows()
                    + " bad");
        }
        return p;
    }

    private static void print(PrintStream out, String what, double secs, int rows) {
        out.printf(Locale.ROOT, "%-52s %10.1f %,12.0f%n", what, secs, rows / secs);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return String.join(" ", new ArrayList<>(List.of(f).subList(0, 3)));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
