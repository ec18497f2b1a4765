package org.fastdjl.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.util.Breakdown;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The breakdowns of a bench command's child runs, and their medians: each child JVM is started with
 * {@link #jvmOption(Path)} and writes its {@link Breakdown} as JSON when it ends; {@link #add} reads it
 * back with the whole-process time measured from outside, and {@link #print} shows the median of every
 * figure over the runs, the "exit" row being what the child's own timeline does not cover.
 *
 * <pre>{@code
 * BenchBreakdown bd = new BenchBreakdown();
 * for (int i = 0; i < runs; i++) {
 *     Path file = BenchBreakdown.newFile();
 *     List<String> cmd = javaCommand(List.of(BenchBreakdown.jvmOption(file)), List.of("lesson4-text", ...));
 *     double secs = ... run it, timed from outside ...;
 *     bd.add(file, secs);
 * }
 * bd.print("where the time goes", System.out);
 * }</pre>
 */
final class BenchBreakdown {

    private final List<Map<String, Map<String, Double>>> runs = new ArrayList<>();
    private final List<Double> processSeconds = new ArrayList<>();

    /**
     * A fresh file for a child's breakdown.
     *
     * @return the path (the file exists, empty)
     * @throws IOException if it cannot be created
     */
    static Path newFile() throws IOException {
        return Files.createTempFile("fastdjl-breakdown", ".json");
    }

    /**
     * The JVM option that makes a child write its breakdown.
     *
     * @param file where
     * @return {@code -Dfastdjl.breakdown=FILE}
     */
    static String jvmOption(Path file) {
        return "-Dfastdjl.breakdown=" + file;
    }

    /**
     * Reads a child's breakdown and deletes the file.
     *
     * @param file the file given to {@link #jvmOption}
     * @param wallSeconds the child's whole-process time, measured from outside
     * @throws IOException if the file is missing or not a breakdown
     */
    void add(Path file, double wallSeconds) throws IOException {
        String text = Files.readString(file);
        Files.deleteIfExists(file);
        if (text.isBlank()) {
            throw new IOException(file + ": the child wrote no breakdown (was it started with "
                    + jvmOption(file) + "?)");
        }
        Map<String, Map<String, Double>> run = new LinkedHashMap<>();
        JsonObject root = JsonParser.parseString(text).getAsJsonObject();
        for (String part : root.keySet()) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject(part).entrySet()) {
                values.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble());
            }
            run.put(part, values);
        }
        runs.add(run);
        processSeconds.add(wallSeconds);
    }

    /** @return the number of runs read */
    int size() {
        return runs.size();
    }

    /**
     * The median of each figure over the runs, keys in the order they first appear.
     *
     * @return the same shape as {@link Breakdown#snapshot()}
     */
    Map<String, Map<String, Double>> median() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map<String, Map<String, Double>> run : runs) {
            for (Map.Entry<String, Map<String, Double>> part : run.entrySet()) {
                Map<String, Double> target = out.computeIfAbsent(part.getKey(), k -> new LinkedHashMap<>());
                for (String key : part.getValue().keySet()) {
                    target.putIfAbsent(key, Double.NaN);
                }
            }
        }
        for (Map.Entry<String, Map<String, Double>> part : out.entrySet()) {
            for (Map.Entry<String, Double> e : part.getValue().entrySet()) {
                List<Double> xs = new ArrayList<>();
                for (Map<String, Map<String, Double>> run : runs) {
                    Double v = run.getOrDefault(part.getKey(), Map.of()).get(e.getKey());
                    if (v != null && !v.isNaN()) {
                        xs.add(v);
                    }
                }
                e.setValue(Benchmarks.med(xs));
            }
        }
        return out;
    }

    /**
     * Prints the median breakdown.
     *
     * @param title a heading
     * @param out where
     */
    void print(String title, PrintStream out) {
        if (runs.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%n%s (median of %d run%s; CPU in seconds, 'all CPU' counts every thread: JIT, GC,"
                + " the libtorch load):%n", title, runs.size(), runs.size() == 1 ? "" : "s");
        out.print(Breakdown.format(median(), Benchmarks.med(processSeconds)));
    }
}
