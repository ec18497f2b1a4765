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
    static final Command TOKENIZE = Command.builder("bench-tokenize", "tokenizing 5,000 IMDB reviews (the sample's "
                    + "1,000 five times over) in a fresh JVM, with its breakdown, beside fastai v1; then the in-process rates")
            .inputDir("data", "the folder holding texts.csv", "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("runs", "whole-process runs (the table shows the median)", 3, 1)
            .integer("repeat", "how many times the sample's reviews are written into the file tokenized", 5, 1)
            .run(Benchmarks::tokenize);

    /** {@code bench-text}: its options, help and README row. */
    static final Command TEXT = Command.builder("bench-text", "fastai's reference LM epoch on the IMDB sample (full "
                    + "AWD-LSTM, bs 64, bptt 70, drop_mult 0.3, `fit_one_cycle(1, 1e-2, moms=(0.8,0.7))`): s/epoch, "
                    + "training tokens/s, valid loss, accuracy, peak RSS and a step profile, beside the same epoch in "
                    + "plain PyTorch and fastai's figures; then the reference run's classifier epoch (the LM's "
                    + "encoder, frozen, drop_mult 0.5, bs 64, `fit_one_cycle(1, 2e-2, moms=(0.8,0.7))`) beside fastai's")
            .inputDir("data", "the folder holding texts.csv (and tokens_fastai_v1.jsonl for the reference)",
                    "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("runs", "runs of each side (the tables show medians)", 1, 1)
            .choice("size", "the AWD-LSTM preset", "full", "tiny", "small", "full")
            .text("threads", "LIST", "libtorch threads of fastdjl's runs, e.g. 2,1 (one run each); default the "
                    + "learner's choice", false)
            .integer("profile", "time the parts of this many training steps after fastdjl's first run", 0, 0)
            .flag("no-reference", "skip the PyTorch reference")
            .flag("no-classifier", "skip the classifier epoch")
            .run(Benchmarks::text);

    /** fastai v1's whole-process figures from issue 11, measured on the same kind of 2-core machine. */
    static final double FASTAI_COLLAB_SECONDS = 3.26;
    static final double FASTAI_COLLAB_RSS_MB = 388;
    static final double FASTAI_TABULAR_SECONDS = 4.88;
    static final double FASTAI_TABULAR_RSS_MB = 400;
    static final double FASTAI_TOKENIZE_SECONDS = 12.77;
    static final double FASTAI_TOKENIZE_RSS_MB = 520;

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
        /** The child runs' breakdowns (fastdjl's side only). */
        final BenchBreakdown breakdown = new BenchBreakdown();
        /** The phases a reference script reports (seconds per run, by name, in order). */
        final java.util.Map<String, List<Double>> phases = new java.util.LinkedHashMap<>();

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
        fastai.processSeconds = FASTAI_COLLAB_SECONDS;
        fastai.peakRssMb = FASTAI_COLLAB_RSS_MB;
        fastai.quality.add(0.67);
        print("collab: ML sample, fit_one_cycle(" + epochs + ", 5e-3), median of " + runs + " runs", "valid MSE",
                List.of(ours, ref, fastai));
        ours.breakdown.print("where fastdjl's time and memory go", System.out);
        printPhases(ref);
        ratios(ours, ref, fastai);
        return 0;
    }

    /**
     * Tokenization on 5,000 IMDB reviews, the measure: the IMDB sample's 1,000 reviews written
     * five times over into one CSV file (a temporary file; the {@code --repeat} option changes the
     * count), tokenized by the whole {@code tokenize} command in a fresh JVM, timed from outside (start-up,
     * reading the CSV and writing the tokens included), beside fastai v1's figure for the same 5,000
     * reviews, with the child's breakdown; then the in-process rates of {@code TokenizerBenchmark} (first
     * pass, cold and warm caches, 1 and all threads) on the same file. spaCy is not installable here, so
     * fastai's figure is the one quoted in the issue.
     *
     * @param args the checked options of {@link #TOKENIZE}
     * @return the exit code
     * @throws Exception if a run fails
     */
    static int tokenize(Args args) throws Exception {
        Path data = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.IMDB_SAMPLE);
        Path texts = data.resolve("texts.csv");
        if (!Files.isRegularFile(texts)) {
            throw new IOException("no texts.csv in " + data + "; expected fastai's IMDB sample (label,text,is_valid)");
        }
        int runs = args.getInt("runs");
        int repeat = args.getInt("repeat");
        Path csv = repeatedTexts(texts, repeat);
        try {
            Result ours = new Result("fastdjl");
            long docs = 0;
            long tokens = 0;
            for (int i = 0; i < runs; i++) {
                Path out = Files.createTempFile("fastdjl-tokens", ".jsonl");
                Path breakdown = BenchBreakdown.newFile();
                List<String> cmd = javaCommand(List.of(BenchBreakdown.jvmOption(breakdown)), List.of("tokenize",
                        "--csv", csv.toString(), "--text-col", "text", "--out", out.toString()));
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                byte[] output = p.getInputStream().readAllBytes();
                int rc = p.waitFor();
                double secs = (System.nanoTime() - t0) / 1e9;
                if (rc != 0) {
                    throw new IOException("tokenize failed (exit " + rc + "):\n"
                            + new String(output, StandardCharsets.UTF_8));
                }
                ours.runs.add(secs);
                ours.breakdown.add(breakdown, secs);
                List<String> lines = Files.readAllLines(out);
                docs = lines.size();
                tokens = 0;
                for (String line : lines) {
                    tokens += JsonParser.parseString(line).getAsJsonArray().size();
                }
                Files.deleteIfExists(out);
            }
            ours.peakRssMb = ours.breakdown.median().get("memory").getOrDefault("peak RSS (VmHWM)", Double.NaN);
            double secs = med(ours.runs);
            Result fastai = new Result("fastai v1 + spaCy (issue figures)");
            fastai.processSeconds = FASTAI_TOKENIZE_SECONDS;
            fastai.peakRssMb = FASTAI_TOKENIZE_RSS_MB;
            System.out.println();
            System.out.printf(Locale.ROOT, "tokenize: %d IMDB reviews (the sample's 1,000, %d times over), %d tokens;"
                    + " whole process (JVM start-up, CSV read, JSON written), median of %d runs%n", docs, repeat,
                    tokens, runs);
            System.out.printf(Locale.ROOT, "%-44s %10s %12s %12s %12s%n", "", "process s", "docs/s", "tokens/s",
                    "peak RSS MB");
            System.out.printf(Locale.ROOT, "%-44s %10.2f %12.0f %12.0f %12.0f%n", "fastdjl (" + Runtime.getRuntime()
                    .availableProcessors() + " threads)", secs, docs / secs, tokens / secs, ours.peakRssMb);
            System.out.printf(Locale.ROOT, "%-44s %10.2f %12.0f %12s %12.0f%n", fastai.name, fastai.processSeconds,
                    5000 / fastai.processSeconds, "", fastai.peakRssMb);
            System.out.println("  runs: process s " + describe(ours.runs));
            ours.breakdown.print("where fastdjl's time and memory go", System.out);
            ratios(ours, null, fastai);
            System.out.println("\nin-process throughput on the same file (TokenizerBenchmark):");
            org.fastdjl.text.transform.TokenizerBenchmark.main(new String[] {csv.toString(), "--passes", "5"});
        } finally {
            Files.deleteIfExists(csv);
        }
        return 0;
    }

    /**
     * Writes the texts of a CSV file's {@code text} column {@code times} times over into a new CSV file
     * with one column, {@code text}: the 5,000-review set made from the 1,000-review sample.
     *
     * @param csv the sample's {@code texts.csv}
     * @param times how many times each review appears (in order: the whole file, then again)
     * @return the temporary file; the caller deletes it
     * @throws IOException if it cannot be read or written
     */
    static Path repeatedTexts(Path csv, int times) throws IOException {
        List<String> texts = org.fastdjl.text.transform.CsvTexts.readColumn(csv, "text");
        Path out = Files.createTempFile("fastdjl-texts-x" + times, ".csv");
        try (java.io.Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(w,
                        org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader("text").get())) {
            for (int r = 0; r < times; r++) {
                for (String t : texts) {
                    printer.printRecord(t);
                }
            }
        }
        return out;
    }

    /**
     * Prints the whole-process ratios against fastai v1 (the goals: 0.4x its time for the fits,
     * 0.2x for tokenizing; 0.75x its peak RSS) and against the plain PyTorch loop (its peak RSS or less).
     *
     * @param ours fastdjl's runs
     * @param ref the PyTorch reference's runs, or {@code null}
     * @param fastai fastai's quoted figures
     */
    static void ratios(Result ours, Result ref, Result fastai) {
        double secs = med(ours.runs);
        double goal = fastai == null || !fastai.name.contains("spaCy") ? 0.4 : 0.2;
        System.out.println();
        System.out.printf(Locale.ROOT, "fastdjl / fastai v1: process time %.2fx (goal <= %.2fx: %s), peak RSS %.2fx"
                + " (goal <= 0.75x: %s)%n", secs / fastai.processSeconds, goal, secs / fastai.processSeconds <= goal
                ? "met" : "missed", ours.peakRssMb / fastai.peakRssMb, ours.peakRssMb / fastai.peakRssMb <= 0.75
                ? "met" : "missed");
        if (ref != null && !ref.runs.isEmpty()) {
            double refSecs = med(ref.runs);
            System.out.printf(Locale.ROOT, "fastdjl / %s: process time %.2fx, peak RSS %.2fx (goal <= 1.00x: %s)%n",
                    ref.name, secs / refSecs, ours.peakRssMb / ref.peakRssMb, ours.peakRssMb <= ref.peakRssMb
                    ? "met" : "missed");
        }
    }

    /**
     * The command line of a child fastdjl JVM started as this one was; see {@link #javaCommand(List, List)}.
     *
     * @param command the fastdjl command and its arguments
     * @return the command line
     */
    static List<String> javaCommand(List<String> command) {
        return javaCommand(List.of(), command);
    }

    /**
     * The command line of a child fastdjl JVM started as this one was (same JVM options, class path and
     * class-data archive), less the options that belong to this process only: its own breakdown file and
     * the archive dump of a launcher's first run.
     *
     * @param jvmOptions extra JVM options
     * @param command the fastdjl command and its arguments
     * @return the command line
     */
    static List<String> javaCommand(List<String> jvmOptions, List<String> command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Dfastdjl.breakdown=") && !a.startsWith("-XX:ArchiveClassesAtExit")) {
                cmd.add(a);
            }
        }
        cmd.addAll(jvmOptions);
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
        fastai.processSeconds = FASTAI_TABULAR_SECONDS;
        fastai.peakRssMb = FASTAI_TABULAR_RSS_MB;
        fastai.quality.add(0.82);
        print("tabular: adult sample, fit(" + epochs + ", 1e-2), layers [200, 100], bs 64, median of " + runs
                + " runs", "accuracy", List.of(ours, ref, fastai));
        ours.breakdown.print("where fastdjl's time and memory go", System.out);
        printPhases(ref);
        ratios(ours, ref, fastai);
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
                if (args.has("no-classifier")) {
                    cmd.add("--no-classifier");
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
        if (!args.has("no-classifier")) {
            System.out.println("\nthe classifier epoch (the LM's encoder, frozen; text_classifier_learner(drop_mult=0.5), bs 64,"
                    + " fit_one_cycle(1, 2e-2, moms=(0.8,0.7))):");
            System.out.printf(Locale.ROOT, "%-46s %14s %14s %14s%n", "", "s/epoch", "valid loss", "accuracy");
            for (Result r : sides) {
                List<Double> secs = new ArrayList<>();
                List<Double> loss = new ArrayList<>();
                List<Double> acc = new ArrayList<>();
                for (JsonObject rep : r.reports) {
                    for (JsonElement el : rep.getAsJsonArray("epochs")) {
                        JsonObject e = el.getAsJsonObject();
                        if (e.has("stage") && e.get("stage").getAsString().equals("classifier")) {
                            secs.add(e.get("seconds").getAsDouble());
                            loss.add(e.get("valid_loss").getAsDouble());
                            acc.add(e.get("accuracy").getAsDouble());
                        }
                    }
                }
                if (!secs.isEmpty()) {
                    System.out.printf(Locale.ROOT, "%-46s %14.1f %14.4f %14.4f%n", r.name, med(secs), med(loss), med(acc));
                } else if (r == ref) {
                    System.out.printf(Locale.ROOT, "%-46s %s%n", r.name, "(the reference script has no classifier)");
                }
            }
            System.out.printf(Locale.ROOT, "%-46s %14s %14s %14s%n", "fastai v1 (issue figures)", "132-146",
                    "0.69-0.70", "0.535-0.555");
            System.out.println("(the validation set's majority class is 0.535)");
        }
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
        Path breakdown = BenchBreakdown.newFile();
        List<String> cmd = javaCommand(List.of(BenchBreakdown.jvmOption(breakdown)), command);
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
        into.breakdown.add(breakdown, secs);
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
        JsonArray all = report.getAsJsonArray("epochs");
        // the first stage's epochs (bench-text's report follows the LM's epoch with the classifier's)
        JsonElement stage = all.isEmpty() ? null : all.get(0).getAsJsonObject().get("stage");
        JsonArray epochs = new JsonArray();
        for (JsonElement el : all) {
            if (stage == null || stage.equals(el.getAsJsonObject().get("stage"))) {
                epochs.add(el);
            }
        }
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
        JsonElement phases = report.get("phases");
        if (phases != null && phases.isJsonObject()) {
            for (String k : phases.getAsJsonObject().keySet()) {
                into.phases.computeIfAbsent(k, x -> new ArrayList<>()).add(phases.getAsJsonObject().get(k).getAsDouble());
            }
        }
    }

    /**
     * Prints where a reference script's time went, medians over its runs; the rest of its whole-process
     * time is the interpreter's start before the script's first line and its exit.
     *
     * @param ref the reference's runs
     */
    static void printPhases(Result ref) {
        if (ref.phases.isEmpty() || ref.runs.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nwhere the %s's time goes (median of %d runs):%n", ref.name, ref.runs.size());
        double sum = 0;
        for (var e : ref.phases.entrySet()) {
            double v = med(e.getValue());
            sum += v;
            System.out.printf(Locale.ROOT, "  %-52s %9.3f%n", e.getKey(), v);
        }
        System.out.printf(Locale.ROOT, "  %-52s %9.3f%n", "interpreter start-up before the script, and exit", med(ref.runs) - sum);
        System.out.printf(Locale.ROOT, "  %-52s %9.3f%n", "whole process (timed from outside)", med(ref.runs));
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
