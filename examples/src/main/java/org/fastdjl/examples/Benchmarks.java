package org.fastdjl.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.URLs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks that print numbers side by side with a reference measured in the same run. Each side runs
 * as its own child process, timed from outside, so start-up is included alike: fastdjl in a fresh JVM
 * (the same one the launcher starts), the reference in {@code /usr/bin/python3} with PyTorch when it is
 * installed (Debian's {@code python3-torch}). fastai v1's own figures quoted in the issues are printed
 * beside them for scale; they were measured on the same kind of 2-core machine, not in this run.
 */
public final class Benchmarks {

    /** {@code bench-collab}: its options, help and README row. */
    static final Command COLLAB = Command.builder("bench-collab", "seconds per epoch, whole-process time and peak "
                    + "RSS of the ML-sample fit, beside a plain-PyTorch run of the same fit")
            .inputDir("data", "the folder holding ratings.csv", "fastai's ML_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("runs", "runs of each side (the table shows medians)", 3, 1)
            .integer("epochs", "epochs of fit_one_cycle", 3, 1)
            .flag("no-reference", "skip the PyTorch reference")
            .run(Benchmarks::collab);

    /** {@code bench-tabular}: its options, help and README row. */
    static final Command TABULAR = Command.builder("bench-tabular", "the same for the adult-sample `fit(1, 1e-2)`")
            .inputDir("data", "the folder holding adult.csv", "fastai's ADULT_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("runs", "runs of each side (the table shows medians)", 3, 1)
            .integer("epochs", "epochs of fit", 1, 1)
            .flag("no-reference", "skip the PyTorch reference")
            .run(Benchmarks::tabular);

    /** {@code bench-tokenize}: its options, help and README row. */
    static final Command TOKENIZE = Command.builder("bench-tokenize", "tokenization throughput on the IMDB sample, "
                    + "whole process and in-process")
            .inputDir("data", "the folder holding texts.csv", "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("runs", "whole-process runs (the table shows the median)", 3, 1)
            .run(Benchmarks::tokenize);

    /** {@code bench-text}: its options, help and README row. */
    static final Command TEXT = Command.builder("bench-text", "fastai's reference LM epoch on the IMDB sample (full "
                    + "AWD-LSTM, bs 64, bptt 70, drop_mult 0.3, `fit_one_cycle(1, 1e-2, moms=(0.8,0.7))`): s/epoch, "
                    + "training tokens/s, valid loss, accuracy, peak RSS and a step profile, beside the same epoch in "
                    + "plain PyTorch and fastai's figures")
            .inputDir("data", "the folder holding texts.csv (and tokens_fastai_v1.jsonl for the reference)",
                    "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("runs", "runs of each side (the tables show medians)", 1, 1)
            .choice("size", "the AWD-LSTM preset", "full", "tiny", "small", "full")
            .text("threads", "LIST", "libtorch threads of fastdjl's runs, e.g. 2,1 (one run each); default the "
                    + "learner's choice", false)
            .integer("profile", "time the parts of this many training steps after fastdjl's first run", 0, 0)
            .flag("no-reference", "skip the PyTorch reference")
            .run(Benchmarks::text);

    private Benchmarks() {}

    /** One side's results. */
    static final class Result {
        final String name;
        final List<Double> epochSeconds = new ArrayList<>();
        double processSeconds = Double.NaN;
        double peakRssMb = Double.NaN;
        /** The quality figure of each run (the last epoch's). */
        final List<Double> quality = new ArrayList<>();
        final List<Double> runs = new ArrayList<>();
        String note = "";
        /** The report key of the quality figure: the last epoch's valid_loss, or a metric. */
        String qualityKey = "valid_loss";
        /** Quoted figures printed as given (fastai's ranges), instead of measured numbers. */
        String quotedEpoch;
        String quotedProcess;
        /** Each run's JSON report, for figures beyond the table's. */
        final List<JsonObject> reports = new ArrayList<>();

        Result(String name) {
            this.name = name;
        }

        Result(String name, String qualityKey) {
            this.name = name;
            this.qualityKey = qualityKey;
        }
    }

    /**
     * The ML-sample collab fit: {@code fit_one_cycle(3, 5e-3)}, 50 factors, y_range (0, 5.5), seed 42.
     *
     * @param args the checked options of {@link #COLLAB}
     * @return the exit code
     * @throws Exception if a run fails
     */
    static int collab(Args args) throws Exception {
        Path data = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.ML_SAMPLE);
        int runs = args.getInt("runs");
        String epochs = Integer.toString(args.getInt("epochs"));
        Result ours = new Result("fastdjl");
        Result ref = new Result(referenceName());
        if (args.has("no-reference")) {
            ref.note = "skipped (--no-reference)";
        }
        for (int i = 0; i < runs; i++) {
            measureJava(ours, List.of("lesson4-collab", "--data", data.toString(), "--epochs", epochs,
                    "--no-lr-find"));
            if (!args.has("no-reference")) {
                measurePython(ref, "collab_reference.py", List.of("--data", data.toString(), "--epochs", epochs));
            }
        }
        Result fastai = new Result("fastai v1 (issue figures)");
        fastai.epochSeconds.add(0.3);
        fastai.processSeconds = 3.0;
        fastai.peakRssMb = 400;
        fastai.quality.add(0.67);
        print("collab: ML sample, fit_one_cycle(" + epochs + ", 5e-3), median of " + runs + " runs", "valid MSE",
                List.of(ours, ref, fastai));
        return 0;
    }

    /**
     * Tokenization throughput on the IMDB sample: the whole {@code tokenize} command in a fresh JVM,
     * timed from outside (start-up, reading the CSV and writing the tokens included), then the
     * in-process figures of {@code TokenizerBenchmark} (first pass, cold and warm caches, 1 and all
     * threads). spaCy is not installable here, so fastai v1's quoted figure is printed for scale.
     *
     * @param args the checked options of {@link #TOKENIZE}
     * @return the exit code
     * @throws Exception if a run fails
     */
    static int tokenize(Args args) throws Exception {
        Path data = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.IMDB_SAMPLE);
        Path csv = data.resolve("texts.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException("no texts.csv in " + data + "; expected fastai's IMDB sample (label,text,is_valid)");
        }
        int runs = args.getInt("runs");
        List<Double> wall = new ArrayList<>();
        long docs = 0;
        long tokens = 0;
        for (int i = 0; i < runs; i++) {
            Path out = Files.createTempFile("fastdjl-tokens", ".jsonl");
            List<String> cmd = javaCommand(List.of("tokenize", "--csv", csv.toString(), "--text-col", "text",
                    "--out", out.toString()));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            int rc = p.waitFor();
            wall.add((System.nanoTime() - t0) / 1e9);
            if (rc != 0) {
                throw new IOException("tokenize failed (exit " + rc + "):\n" + new String(output, StandardCharsets.UTF_8));
            }
            List<String> lines = Files.readAllLines(out);
            docs = lines.size();
            tokens = 0;
            for (String line : lines) {
                tokens += JsonParser.parseString(line).getAsJsonArray().size();
            }
            Files.deleteIfExists(out);
        }
        double secs = med(wall);
        System.out.println();
        System.out.printf(Locale.ROOT, "tokenize: %d IMDB reviews, %d tokens; whole process (JVM start-up, CSV read,"
                + " JSON written), median of %d runs%n", docs, tokens, runs);
        System.out.printf(Locale.ROOT, "%-44s %10s %12s %12s%n", "", "process s", "docs/s", "tokens/s");
        System.out.printf(Locale.ROOT, "%-44s %10.2f %12.0f %12.0f%n", "fastdjl (" + Runtime.getRuntime()
                .availableProcessors() + " threads)", secs, docs / secs, tokens / secs);
        System.out.printf(Locale.ROOT, "%-44s %10s %12s %12s%n", "fastai v1 + spaCy (issue figures, in-process)", "",
                "600-730", "~200000");
        System.out.println("\nin-process throughput (TokenizerBenchmark):");
        org.fastdjl.text.transform.TokenizerBenchmark.main(new String[] {csv.toString(), "--passes", "5"});
        return 0;
    }

    static List<String> javaCommand(List<String> command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(command);
        return cmd;
    }

    /**
     * The adult-sample tabular fit of lesson 4: {@code fit(1, 1e-2)}, layers [200, 100], bs 64, beside
     * a plain-PyTorch reference of the same fit ({@code examples/reference/tabular_reference.py}) and
     * fastai v1's quoted figures.
     *
     * @param args the checked options of {@link #TABULAR}
     * @return the exit code
     * @throws Exception if a run fails
     */
    static int tabular(Args args) throws Exception {
        Path data = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.ADULT_SAMPLE);
        int runs = args.getInt("runs");
        String epochs = Integer.toString(args.getInt("epochs"));
        Result ours = new Result("fastdjl", "accuracy");
        Result ref = new Result(referenceName(), "accuracy");
        if (args.has("no-reference")) {
            ref.note = "skipped (--no-reference)";
        }
        for (int i = 0; i < runs; i++) {
            measureJava(ours, List.of("lesson4-tabular", "--data", data.toString(), "--epochs", epochs));
            if (!args.has("no-reference")) {
                measurePython(ref, "tabular_reference.py", List.of("--data", data.toString(), "--epochs", epochs));
            }
        }
        Result fastai = new Result("fastai v1 (issue figures)", "accuracy");
        fastai.quotedEpoch = "1.6-2.2";
        fastai.quotedProcess = "3.4-3.9";
        fastai.peakRssMb = 410;
        fastai.quality.add(0.82);
        print("tabular: adult sample, fit(" + epochs + ", 1e-2), layers [200, 100], bs 64, median of " + runs
                + " runs", "accuracy", List.of(ours, ref, fastai));
        return 0;
    }

    /**
     * fastai's reference language-model epoch on the IMDB sample ({@link TextLmBench}: full-size AWD-LSTM,
     * no pretrained weights, bs 64, bptt 70, drop_mult 0.3, {@code fit_one_cycle(1, 1e-2, moms=(0.8,0.7))})
     * beside the same epoch in plain PyTorch ({@code examples/reference/text_lm_reference.py}) and fastai
     * v1's quoted figures; with {@code --threads 1,2} fastdjl runs once per thread count.
     *
     * @param args the checked options of {@link #TEXT}
     * @return the exit code
     * @throws Exception if a run fails
     */
    static int text(Args args) throws Exception {
        Path data = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.IMDB_SAMPLE);
        int runs = args.getInt("runs");
        String size = args.get("size");
        List<String> threads = List.of((args.has("threads") ? args.get("threads") : "").split(","));
        List<Result> sides = new ArrayList<>();
        Result ref = new Result(referenceName(), "accuracy");
        for (String t : threads) {
            sides.add(new Result("fastdjl" + (t.isBlank() ? "" : " (" + t + " thread" + (t.equals("1") ? ")" : "s)")),
                    "accuracy"));
        }
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < threads.size(); k++) {
                List<String> cmd = new ArrayList<>(List.of("bench-text-fit", "--data", data.toString(), "--size", size));
                if (!threads.get(k).isBlank()) {
                    cmd.addAll(List.of("--threads", threads.get(k).strip()));
                }
                if (args.getInt("profile") > 0 && i == 0) {
                    cmd.addAll(List.of("--profile", Integer.toString(args.getInt("profile"))));
                }
                measureJava(sides.get(k), cmd);
            }
            if (!args.has("no-reference")) {
                String t = threads.get(threads.size() - 1).strip();
                measurePython(ref, "text_lm_reference.py", List.of("--data", data.toString(), "--size", size,
                        "--threads", t.isBlank() ? Integer.toString(Runtime.getRuntime().availableProcessors()) : t));
            }
        }
        Result fastai = new Result("fastai v1 (issue figures, 1 thread)", "accuracy");
        fastai.quotedEpoch = "238-348";
        fastai.quotedProcess = "";
        fastai.peakRssMb = 4600;
        fastai.quality.add(0.079);
        sides.add(ref);
        sides.add(fastai);
        print("text: IMDB sample language model, " + size + " AWD-LSTM, fit_one_cycle(1, 1e-2, moms=(0.8,0.7)),"
                + " median of " + runs + " run(s)", "accuracy", sides);
        System.out.printf(Locale.ROOT, "%-46s %14s %14s %14s%n", "", "train s", "tokens/s", "valid loss");
        for (Result r : sides) {
            if (r.reports.isEmpty()) {
                continue;
            }
            List<Double> secs = new ArrayList<>();
            List<Double> rate = new ArrayList<>();
            List<Double> loss = new ArrayList<>();
            for (JsonObject rep : r.reports) {
                JsonObject e = rep.getAsJsonArray("epochs").get(0).getAsJsonObject();
                double s = rep.has("train_seconds") ? rep.get("train_seconds").getAsDouble()
                        : e.get("train_seconds").getAsDouble();
                double tok = rep.has("train_tokens") ? rep.get("train_tokens").getAsDouble()
                        : e.get("train_tokens").getAsDouble();
                secs.add(s);
                rate.add(tok / s);
                loss.add(e.get("valid_loss").getAsDouble());
            }
            System.out.printf(Locale.ROOT, "%-46s %14.1f %14.0f %14.4f%n", r.name, med(secs), med(rate), med(loss));
        }
        System.out.printf(Locale.ROOT, "%-46s %14s %14s %14s%n", "fastai v1 (issue figures, 1 thread)", "", "730-1060",
                "5.71");
        for (Result r : sides) {
            for (JsonObject rep : r.reports) {
                if (rep.has("profile_seconds")) {
                    System.out.println("\n" + r.name + ", where a training step's time goes (seconds):");
                    rep.getAsJsonObject("profile_seconds").entrySet().forEach(e -> System.out.printf(Locale.ROOT,
                            "  %-34s %8.3f%n", e.getKey(), e.getValue().getAsDouble()));
                }
            }
        }
        return 0;
    }

    /**
     * Runs a fastdjl command in a fresh JVM, timing the whole process, and reads its JSON report.
     *
     * @param into where the numbers go
     * @param command the command and its arguments
     * @throws Exception if the child fails
     */
    static void measureJava(Result into, List<String> command) throws Exception {
        Path report = Files.createTempFile("fastdjl-bench", ".json");
        Path out = Files.createTempDirectory("fastdjl-bench");
        List<String> cmd = javaCommand(command);
        cmd.addAll(List.of("--report", report.toString(), "--out", out.toString()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IOException("the fastdjl run failed (exit " + rc + "):\n" + new String(output, StandardCharsets.UTF_8));
        }
        addRun(into, JsonParser.parseString(Files.readString(report)).getAsJsonObject(), secs);
    }

    /**
     * Runs a reference script with {@code /usr/bin/python3}, timing the whole process; it prints its
     * JSON report on the last line. Skipped with a note when PyTorch is not installed.
     *
     * @param into where the numbers go
     * @param script the script in {@code examples/reference/}
     * @param scriptArgs its arguments
     * @throws Exception if the script fails
     */
    static void measurePython(Result into, String script, List<String> scriptArgs) throws Exception {
        if (torchVersion() == null) {
            into.note = "skipped: " + TORCH_MISSING;
            return;
        }
        Path file = Lessons.repoRoot().resolve("examples/reference").resolve(script);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", file.toString()));
        cmd.addAll(scriptArgs);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int rc = p.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IOException("the reference " + script + " failed (exit " + rc + "): " + output);
        }
        String[] lines = output.split("\n");
        addRun(into, JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject(), secs);
    }

    private static String torchVersionCache;

    private static final String TORCH_MISSING = "/usr/bin/python3 cannot import torch (install Debian's python3-torch)";

    /** The reference row's name: PyTorch and its version, or just PyTorch when it is not installed. */
    static String referenceName() {
        String v = torchVersion();
        return v == null ? "PyTorch (same fit, plain loop)" : "PyTorch " + v + " (same fit, plain loop)";
    }

    static synchronized String torchVersion() {
        if (torchVersionCache == null) {
            try {
                Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch; print(torch.__version__)")
                        .redirectErrorStream(true).start();
                String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                torchVersionCache = p.waitFor() == 0 ? v : "";
            } catch (IOException | InterruptedException e) {
                torchVersionCache = "";
            }
        }
        return torchVersionCache.isEmpty() ? null : torchVersionCache;
    }

    private static void addRun(Result into, JsonObject report, double processSeconds) {
        JsonArray epochs = report.getAsJsonArray("epochs");
        double[] secs = new double[epochs.size()];
        double quality = Double.NaN;
        for (int i = 0; i < secs.length; i++) {
            JsonObject e = epochs.get(i).getAsJsonObject();
            secs[i] = e.get("seconds").getAsDouble();
            quality = e.get(into.qualityKey).getAsDouble();
        }
        into.quality.add(quality);
        into.epochSeconds.add(Arrays.stream(secs).average().orElse(Double.NaN));
        JsonElement rss = report.get("peak_rss_mb");
        if (rss != null) {
            into.peakRssMb = Double.isNaN(into.peakRssMb) ? rss.getAsDouble() : Math.max(into.peakRssMb, rss.getAsDouble());
        }
        into.runs.add(processSeconds);
        into.reports.add(report);
    }

    /**
     * Prints the comparison table.
     *
     * @param title what was measured
     * @param qualityName the name of the quality figure (the last epoch's validation loss or metric,
     *     median over the runs)
     * @param results the sides
     */
    static void print(String title, String qualityName, List<Result> results) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "%-46s %14s %14s %14s %12s%n", "", "s/epoch", "process s", "peak RSS MB",
                qualityName);
        for (Result r : results) {
            if (!r.note.isEmpty()) {
                System.out.printf(Locale.ROOT, "%-46s %s%n", r.name, r.note);
                continue;
            }
            String epoch = r.quotedEpoch != null ? r.quotedEpoch : String.format(Locale.ROOT, "%.3f", med(r.epochSeconds));
            String process = r.quotedProcess != null ? r.quotedProcess
                    : String.format(Locale.ROOT, "%.2f", r.runs.isEmpty() ? r.processSeconds : med(r.runs));
            System.out.printf(Locale.ROOT, "%-46s %14s %14s %14.0f %12.4f%n", r.name, epoch, process, r.peakRssMb,
                    med(r.quality));
            if (r.runs.size() > 1) {
                System.out.printf(Locale.ROOT, "  runs: s/epoch %s; process s %s; %s %s%n", describe(r.epochSeconds),
                        describe(r.runs), qualityName, describe(r.quality));
            }
        }
        System.out.println("(s/epoch: training + validation, median over runs; process s: wall time of the whole"
                + " process, start-up included; peak RSS: the largest of the runs; " + qualityName
                + ": median over runs)");
    }

    private static String describe(List<Double> xs) {
        StringBuilder sb = new StringBuilder();
        for (double x : xs) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, x < 1 ? "%.3f" : x < 10 ? "%.2f" : "%.1f", x));
        }
        return sb.toString();
    }

    static double med(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
