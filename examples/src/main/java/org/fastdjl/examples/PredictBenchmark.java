package org.fastdjl.examples;

import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.URLs;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./fastdjl bench-predict}: batch prediction at scale. The lesson's tabular learner is trained
 * and exported ({@code lesson4-tabular}), the adult sample's rows are repeated into an N-row CSV (1,000,000
 * by default, an {@code id} column first), and {@code ./fastdjl predict} runs on it in a fresh JVM with a
 * small heap ({@code -Xmx64m} by default: far less than the file, so only a streaming prediction
 * finishes). Prints the rows per second, the whole process's time and its peak resident memory.
 */
public final class PredictBenchmark {

    private static final Pattern RESULT = Pattern.compile(
            "predicted (\\d+) rows in ([0-9.]+) s: (\\d+) rows/s \\(bs (\\d+)\\); peak RSS (\\d+) MB");

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("bench-predict", "rows per second and peak memory of `predict` "
                    + "on a generated N-row adult file, in a fresh JVM with a small heap")
            .inputDir("data", "the folder holding adult.csv", "fastai's ADULT_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("rows", "rows of the generated file", 1_000_000, 1)
            .integer("bs", "rows per forward pass", 1024, 1)
            .text("xmx", "SIZE", "the predicting JVM's heap, as -Xmx takes it (default: 64m)", false)
            .integer("runs", "runs of predict (the table shows each)", 1, 1)
            .run(PredictBenchmark::run);

    private static final Pattern HEAP = Pattern.compile("[0-9]+[kKmMgG]?");

    private PredictBenchmark() {}

    /**
     * Runs the benchmark from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if a step fails
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the benchmark.
     *
     * @param args the checked options
     * @return the exit code
     * @throws Exception if a step fails
     */
    static int run(Args args) throws Exception {
        String xmx = args.get("xmx") != null ? args.get("xmx") : "64m";
        if (!HEAP.matcher(xmx).matches()) {
            throw new IllegalArgumentException("--xmx must be a heap size such as 64m or 2g, got '" + xmx + "'");
        }
        Path data = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.ADULT_SAMPLE);
        long rows = args.getInt("rows");
        int bs = args.getInt("bs");
        int runs = args.getInt("runs");
        Path tmp = Files.createTempDirectory("fastdjl-bench-predict");
        try {
            Path learner = tmp.resolve("learner");
            run(Benchmarks.javaCommand(List.of("lesson4-tabular", "--data", data.toString(), "--out",
                    learner.toString())), "lesson4-tabular");
            Path export = learner.resolve("export.fdjl");
            Path input = tmp.resolve("rows.csv");
            repeatRows(data.resolve("adult.csv"), input, rows);
            double mb = Files.size(input) / 1e6;
            System.out.printf(Locale.ROOT, "%nbench-predict: %d rows (%.0f MB, adult sample rows repeated), the lesson's "
                    + "tabular learner, bs %d, -Xmx%s%n", rows, mb, bs, xmx);
            System.out.printf(Locale.ROOT, "%-8s %12s %12s %12s %14s%n", "run", "process s", "predict s", "rows/s",
                    "peak RSS MB");
            for (int i = 0; i < runs; i++) {
                List<String> cmd = Benchmarks.javaCommand(List.of("predict", "--model", export.toString(), "--input",
                        input.toString(), "--out", tmp.resolve("preds.csv").toString(), "--bs", Integer.toString(bs)));
                cmd.add(1, "-Xmx" + xmx); // after the JVM binary, before the launcher's options' class path
                long t0 = System.nanoTime();
                String out = run(cmd, "predict");
                double secs = (System.nanoTime() - t0) / 1e9;
                Matcher m = RESULT.matcher(out);
                if (!m.find()) {
                    throw new IOException("predict printed no result line:\n" + out);
                }
                System.out.printf(Locale.ROOT, "%-8d %12.2f %12s %12s %14s%n", i + 1, secs, m.group(2), m.group(3),
                        m.group(5));
            }
            System.out.println("(process s: the whole `predict` JVM, start-up and model load included; predict s and "
                    + "rows/s: reading, predicting and writing the file; peak RSS: the process's VmHWM, libtorch "
                    + "included)");
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }

    private static String run(List<String> cmd, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(what + " failed (exit " + rc + "):\n" + out);
        }
        return out;
    }

    /**
     * Writes a CSV of {@code rows} data rows: an {@code id} column, then the source's rows repeated in
     * order (the source has one record per line, as the adult sample does).
     *
     * @param source a CSV with a header
     * @param target the file to write
     * @param rows how many rows
     * @throws IOException if a file cannot be read or written
     */
    static void repeatRows(Path source, Path target, long rows) throws IOException {
        List<String> lines = new ArrayList<>();
        String header;
        try (BufferedReader r = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
            header = r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        if (header == null || lines.isEmpty()) {
            throw new IOException(source + " has no rows");
        }
        try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("id,");
            w.write(header);
            w.write('\n');
            for (long i = 0; i < rows; i++) {
                w.write(Long.toString(i));
                w.write(',');
                w.write(lines.get((int) (i % lines.size())));
                w.write('\n');
            }
        }
    }
}
