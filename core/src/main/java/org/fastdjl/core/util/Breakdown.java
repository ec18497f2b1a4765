package org.fastdjl.core.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a whole process's time and memory go: a timeline of phases on the main thread (JVM start to
 * {@code main}, data read, processing, model build, each epoch's training and validation, plots and
 * files), the figures that cut across them (class loading, static initialisers, JIT, GC, the libtorch
 * load on its background thread, the optimizer step's share of training) and the make-up of the resident
 * memory. The bench commands print it and write it into their JSON reports; it costs nothing when not
 * started (every method is then a no-op), so library code can record into it freely.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Breakdown.start();                  // first thing: the timeline starts at main
 *     Table df = TabularCsv.read(csv);
 *     Breakdown.lap("data read");         // the time since the previous lap is "data read"
 *     ...
 *     Breakdown.lap("plots and files");
 *     System.out.print(Breakdown.format());
 * }
 * }</pre>
 *
 * <p>A lap names the time since the previous lap (or since {@code main}); laps with the same name add
 * up. {@link #detail} records a figure that overlaps the timeline (it is not part of the sum). A
 * {@code Learner} records its epochs by itself while a breakdown is active ({@code PhaseTimer}).
 */
public final class Breakdown {

    /** The name of the first lap: from the process's start (fork/exec) to the first line of {@code main}. */
    public static final String JVM_START = "JVM start to main";

    private static volatile Breakdown active;

    private final long mainNanos;
    private final double startToMain;
    private long lastLap;
    private double lastThreadCpu;
    private double lastProcessCpu;
    private final Map<String, Double> laps = new LinkedHashMap<>();
    private final Map<String, Double> threadCpu = new LinkedHashMap<>();
    private final Map<String, Double> processCpu = new LinkedHashMap<>();
    private final Map<String, Double> details = new LinkedHashMap<>();

    private Breakdown(long mainNanos, double startToMain) {
        this.mainNanos = mainNanos;
        this.lastLap = mainNanos;
        this.startToMain = startToMain;
        this.lastThreadCpu = threadCpuSeconds();
        this.lastProcessCpu = processCpuSeconds();
        if (!Double.isNaN(startToMain)) {
            laps.put(JVM_START, startToMain);
            threadCpu.put(JVM_START, lastThreadCpu);
            processCpu.put(JVM_START, lastProcessCpu);
        }
    }

    /**
     * Starts the process's breakdown (once; later calls return the same one). Call it first thing in
     * {@code main}: the time before it is "JVM start to main".
     *
     * @return the breakdown
     */
    public static synchronized Breakdown start() {
        if (active == null) {
            long now = System.nanoTime();
            active = new Breakdown(now, secondsSinceProcessStart());
        }
        return active;
    }

    /**
     * Ends the breakdown: later laps and details are dropped again and {@link #start()} begins a new
     * one. A command keeps its breakdown to the end; tests stop theirs so other tests run without it.
     */
    public static synchronized void stop() {
        active = null;
    }

    /** @return whether a breakdown was started in this process */
    public static boolean isActive() {
        return active != null;
    }

    /**
     * Ends a phase of the main timeline: the time since the previous lap is added to {@code name}.
     *
     * @param name what the program did since the previous lap
     */
    public static void lap(String name) {
        Breakdown b = active;
        if (b != null) {
            b.addLap(name, System.nanoTime());
        }
    }

    /**
     * Records a figure that overlaps the timeline (a background thread, a share of a phase); figures
     * with the same name add up.
     *
     * @param name what it measures
     * @param seconds the seconds
     */
    public static void detail(String name, double seconds) {
        Breakdown b = active;
        if (b != null) {
            synchronized (b) {
                b.details.merge(name, seconds, Double::sum);
            }
        }
    }

    /**
     * The seconds since {@code main} started, for marking when something happened.
     *
     * @return the seconds, or {@code NaN} when no breakdown is active
     */
    public static double sinceMain() {
        Breakdown b = active;
        return b == null ? Double.NaN : (System.nanoTime() - b.mainNanos) / 1e9;
    }

    private synchronized void addLap(String name, long now) {
        double thread = threadCpuSeconds();
        double process = processCpuSeconds();
        laps.merge(name, (now - lastLap) / 1e9, Double::sum);
        threadCpu.merge(name, thread - lastThreadCpu, Double::sum);
        processCpu.merge(name, process - lastProcessCpu, Double::sum);
        lastLap = now;
        lastThreadCpu = thread;
        lastProcessCpu = process;
    }

    /** @return the CPU seconds of the calling thread, from {@code /proc/thread-self/schedstat} (ns) */
    private static double threadCpuSeconds() {
        try {
            String s = Files.readString(Path.of("/proc/thread-self/schedstat"), StandardCharsets.US_ASCII);
            return Long.parseLong(s.substring(0, s.indexOf(' '))) / 1e9;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return the CPU seconds (user + system) of the whole process so far, from {@code /proc/self/stat} */
    private static double processCpuSeconds() {
        try {
            String[] f = procStatFields();
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15, in 1/100 s
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return the fields of {@code /proc/self/stat} after the command name (field 3 first) */
    private static String[] procStatFields() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        // the command name (field 2) is in parentheses and may hold spaces: count from after it
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /**
     * Everything measured so far, as ordered maps: {@code timeline} (wall seconds of each lap, in order,
     * from process start), {@code main_thread_cpu} and {@code process_cpu} (the CPU seconds of the main
     * thread and of all threads in each lap: under load, wall time is noisy and CPU time is not),
     * {@code details} (seconds: overlapping figures, the JVM's class-loading, JIT and GC counters) and
     * {@code memory} (MB: peak and current RSS and what they are made of). Empty maps when no breakdown
     * is active.
     *
     * @return the maps by name
     */
    public static Map<String, Map<String, Double>> snapshot() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Breakdown b = active;
        if (b == null) {
            for (String part : new String[] {"timeline", "main_thread_cpu", "process_cpu", "details", "memory"}) {
                out.put(part, Map.of());
            }
            return out;
        }
        Map<String, Double> details;
        synchronized (b) {
            out.put("timeline", new LinkedHashMap<>(b.laps));
            out.put("main_thread_cpu", new LinkedHashMap<>(b.threadCpu));
            out.put("process_cpu", new LinkedHashMap<>(b.processCpu));
            details = new LinkedHashMap<>(b.details);
        }
        double since = (System.nanoTime() - b.mainNanos) / 1e9 + (Double.isNaN(b.startToMain) ? 0 : b.startToMain);
        details.put("process so far (start to this report)", since);
        Map<String, Long> c = JvmCounters.read();
        if (!c.isEmpty()) {
            double clinit = JvmCounters.seconds(c, "sun.cls.classInitTime.self");
            details.put("class loading: load, parse, link, verify", JvmCounters.seconds(c, "sun.cls.time") - clinit);
            details.put("class loading: static initialisers", clinit);
            details.put("classes loaded (count)", (double) count(c, "java.cls.loadedClasses")
                    + count(c, "java.cls.sharedLoadedClasses"));
            details.put("  of which from a CDS archive (count)", (double) count(c, "java.cls.sharedLoadedClasses"));
            details.put("JIT compilation (compiler threads)", JvmCounters.seconds(c, "java.ci.totalTime"));
            details.put("garbage collection", JvmCounters.seconds(c, "sun.gc.collector.0.time")
                    + (c.containsKey("sun.gc.collector.1.time") ? JvmCounters.seconds(c, "sun.gc.collector.1.time") : 0));
        }
        out.put("details", details);
        out.put("memory", Memory.composition());
        return out;
    }

    private static long count(Map<String, Long> c, String key) {
        Long v = c.get(key);
        return v == null ? 0 : v;
    }

    /**
     * The breakdown as a text table: the timeline with each phase's share, then the details and memory.
     *
     * @return the table, several lines
     */
    public static String format() {
        return format(snapshot(), Double.NaN);
    }

    /**
     * Formats a breakdown (this process's, or medians of several read back from reports).
     *
     * @param snapshot the three maps of {@link #snapshot()}
     * @param processSeconds the whole process's time measured from outside, or {@code NaN}: then the
     *     shares are of the timeline's sum, and an "exit" row shows what the timeline does not cover
     * @return the table
     */
    public static String format(Map<String, Map<String, Double>> snapshot, double processSeconds) {
        Map<String, Double> timeline = snapshot.getOrDefault("timeline", Map.of());
        Map<String, Double> mainCpu = snapshot.getOrDefault("main_thread_cpu", Map.of());
        Map<String, Double> allCpu = snapshot.getOrDefault("process_cpu", Map.of());
        double sum = 0;
        for (double v : timeline.values()) {
            sum += v;
        }
        double total = Double.isNaN(processSeconds) ? sum : processSeconds;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-52s %9s %7s %9s %9s%n", "phase (main thread, in order)", "wall s",
                "share", "main CPU", "all CPU"));
        for (Map.Entry<String, Double> e : timeline.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-52s %9.3f %6.1f%% %9.3f %9.2f%n", e.getKey(), e.getValue(),
                    100 * e.getValue() / total, mainCpu.getOrDefault(e.getKey(), Double.NaN),
                    allCpu.getOrDefault(e.getKey(), Double.NaN)));
        }
        if (!Double.isNaN(processSeconds)) {
            double rest = processSeconds - sum;
            sb.append(String.format(Locale.ROOT, "  %-52s %9.3f %6.1f%%%n", "exit (after the breakdown; JVM shutdown)",
                    rest, 100 * rest / total));
            sb.append(String.format(Locale.ROOT, "  %-52s %9.3f%n", "whole process (timed from outside)", processSeconds));
        }
        Map<String, Double> details = snapshot.getOrDefault("details", Map.of());
        if (!details.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  %-52s %9s%n", "overlapping the phases above", "seconds"));
            for (Map.Entry<String, Double> e : details.entrySet()) {
                boolean isCount = e.getKey().contains("(count");
                sb.append(String.format(Locale.ROOT, isCount ? "  %-52s %9.0f%n" : "  %-52s %9.3f%n", e.getKey(),
                        e.getValue()));
            }
        }
        Map<String, Double> memory = snapshot.getOrDefault("memory", Map.of());
        if (!memory.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  %-52s %9s%n", "memory (at the report)", "MB"));
            for (Map.Entry<String, Double> e : memory.entrySet()) {
                sb.append(String.format(Locale.ROOT, "  %-52s %9.1f%n", e.getKey(), e.getValue()));
            }
        }
        return sb.toString();
    }

    /**
     * The breakdown as JSON: {@code {"timeline": {...}, "details": {...}, "memory": {...}}}, numbers in
     * seconds and MB (written by hand: this class loads no JSON library, so it works in commands whose
     * class path is small).
     *
     * @return one JSON object on one line
     */
    public static String toJson() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Map<String, Double>> part : snapshot().entrySet()) {
            sb.append(sb.length() > 1 ? ", " : "").append(quote(part.getKey())).append(": {");
            int n = 0;
            for (Map.Entry<String, Double> e : part.getValue().entrySet()) {
                double v = e.getValue();
                sb.append(n++ > 0 ? ", " : "").append(quote(e.getKey())).append(": ")
                        .append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null");
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * Ends the timeline and hands the breakdown over: {@code "stderr"} prints the table on the error
     * stream; anything else is a file the JSON is written to (atomically). Does nothing when no
     * breakdown is active.
     *
     * @param target {@code "stderr"} or a file path
     * @param lastLap the name for the time since the last lap (what the command did after it)
     * @throws IOException if the file cannot be written
     */
    public static void finish(String target, String lastLap) throws IOException {
        if (active == null) {
            return;
        }
        lap(lastLap);
        if (target.equals("stderr") || target.equals("true")) {
            System.err.print("time and memory breakdown of this process:\n" + format());
        } else {
            org.fastdjl.core.io.AtomicFiles.writeString(Path.of(target), toJson() + "\n");
        }
    }

    /**
     * The seconds since this process was started (fork/exec), from {@code /proc/self/stat}'s start
     * time and {@code /proc/uptime} (10 ms resolution: Linux counts the start in 1/100 s, its fixed
     * {@code USER_HZ}).
     *
     * @return the seconds, or {@code NaN} where {@code /proc} is not there
     */
    static double secondsSinceProcessStart() {
        try {
            String[] f = procStatFields();
            double startTicks = Double.parseDouble(f[19]); // field 22 of the whole line
            String uptime = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII);
            double up = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return Math.max(0, up - startTicks / 100.0);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
