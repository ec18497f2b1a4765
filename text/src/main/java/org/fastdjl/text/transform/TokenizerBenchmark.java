package org.fastdjl.text.transform;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures tokenization speed on {@code imdb_sample/texts.csv}: fastai's full pipeline
 * ({@code xxbos}, pre-rules, spaCy-style tokenizer, post-rules) on all cores, then on one thread.
 *
 * <p>It prints, in documents and tokens per second:
 * <ol>
 *   <li>the very first pass after the JVM started (nothing compiled by the JIT yet, tokenizer cache empty);</li>
 *   <li>after a JIT warm-up, for all cores and for one thread: a pass on a new tokenizer whose cache of
 *       already-seen pieces is empty (as a fresh fastai worker starts), then the median of timed passes
 *       once that cache is warm;</li>
 *   <li>the JVM's uptime at the end, so the total with start-up is visible.</li>
 * </ol>
 *
 * <pre>
 * java ... org.fastdjl.text.transform.TokenizerBenchmark [texts.csv] [--passes N]
 * </pre>
 * Without a file it reads {@code imdb_sample/texts.csv} under the folder of system property
 * {@code fastdjl.data} (default {@code ../shared/data}).
 */
public final class TokenizerBenchmark {

    private static final int JIT_WARMUP_PASSES = 15;

    private TokenizerBenchmark() {
    }

    /**
     * Runs the benchmark and prints its results.
     *
     * @param args an optional CSV path (column {@code text}) and {@code --passes N} (timed warm passes,
     *     default 10)
     * @throws Exception when the CSV cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path csv = null;
        int passes = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--passes") && i + 1 < args.length) {
                passes = Integer.parseInt(args[++i]);
            } else {
                csv = Path.of(args[i]);
            }
        }
        if (csv == null) {
            csv = Path.of(System.getProperty("fastdjl.data", "../shared/data"), "imdb_sample", "texts.csv");
        }
        List<String> texts = CsvTexts.readColumn(csv, "text");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d documents from %s; %d processors; Java %s%n", texts.size(), csv, cores,
                System.getProperty("java.version"));

        TokenizeProcessor first = new TokenizeProcessor(Tokenizer.builder().cpus(cores).build());
        long t0 = System.nanoTime();
        long tokens = count(first.processTexts(texts));
        report("first pass after JVM start, all cores", texts.size(), tokens, System.nanoTime() - t0);
        for (int i = 0; i < JIT_WARMUP_PASSES; i++) {
            first.processTexts(texts);
            new TokenizeProcessor(Tokenizer.builder().cpus(1).build()).processTexts(texts.subList(0, 100));
        }
        run("all cores (" + cores + " threads)", texts, tokens, cores, passes);
        run("single thread", texts, tokens, 1, passes);
        System.out.printf(Locale.ROOT, "JVM uptime at the end (start-up, data loading and all passes): %.2f s%n",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "system load average over the last minute: %.2f%s%n", load, load > cores
                ? " (more than " + cores + ": other work shared the processors, the numbers above are low)" : "");
    }

    private static void run(String label, List<String> texts, long tokens, int cpus, int passes) {
        TokenizeProcessor proc = new TokenizeProcessor(Tokenizer.builder().cpus(cpus).build());
        long t0 = System.nanoTime();
        proc.processTexts(texts);
        report(label + ", empty cache", texts.size(), tokens, System.nanoTime() - t0);
        long[] times = new long[passes];
        for (int i = 0; i < passes; i++) {
            long t = System.nanoTime();
            proc.processTexts(texts);
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        report(label + ", warm, median of " + passes, texts.size(), tokens, times[passes / 2]);
    }

    private static long count(List<List<String>> docs) {
        long n = 0;
        for (List<String> d : docs) {
            n += d.size();
        }
        return n;
    }

    private static void report(String label, int docs, long tokens, long nanos) {
        double s = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%-44s %8.0f docs/s %10.0f tokens/s  (%.3f s a pass)%n", label, docs / s,
                tokens / s, s);
    }
}
