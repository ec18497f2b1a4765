package org.fastdjl.core.util;

import ai.djl.pytorch.jni.LibUtils;

/**
 * Starts loading libtorch on a background thread, so that the half second the dynamic linker spends on
 * it overlaps whatever the program does first (reading a CSV file, processing a table) instead of
 * adding to it. Call it first thing in {@code main}:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     NativePreload.start();
 *     Table df = TabularCsv.read(csv);      // runs while libtorch loads
 *     ...
 * }
 * }</pre>
 *
 * <p>Only the native libraries are loaded there (process-wide state). The engine itself is still
 * created by the first thread that asks for it, so the per-thread settings DJL makes then (grad mode
 * off, intra-op threads) apply to that thread, exactly as without the preload; its own load then finds
 * the libraries in place. A failure on the background thread is ignored: the first real use reports it.
 * The JVM does not exit before the load has finished (a shutdown hook waits for it): exiting while
 * libtorch's static initialisers run crashes or hangs the process.
 */
public final class NativePreload {

    private static Thread thread;

    private NativePreload() {}

    /**
     * Starts the background load once; later calls do nothing, and so does {@code -Dfastdjl.preload=false}
     * (to measure what the preload gains).
     */
    public static synchronized void start() {
        if (thread != null || "false".equals(System.getProperty("fastdjl.preload"))) {
            return;
        }
        // SLF4J starts here, on the caller's thread: DJL logs while loading, and when this thread and the
        // caller's first engine use both start SLF4J at once it prints three "replay" warnings on stderr
        org.slf4j.LoggerFactory.getILoggerFactory();
        thread = new Thread(NativePreload::load, "fastdjl-native-preload");
        thread.setDaemon(true);
        // the process must not exit while libtorch's static initialisers run: exit() would run the
        // destructors of a half-initialised libtorch, which crashes the JVM (SIGSEGV in the dispatcher)
        // or deadlocks it on the dispatcher's lock (seen when a command failed fast, mid-load)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitLoaded(60_000), "fastdjl-native-preload-exit"));
        thread.start();
    }

    /**
     * Waits until the background load has finished (at once when none was started).
     *
     * @param timeoutMillis the longest wait
     * @return whether no load is running any more
     */
    public static boolean awaitLoaded(long timeoutMillis) {
        Thread t;
        synchronized (NativePreload.class) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        try {
            t.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private static void load() {
        long t0 = System.nanoTime();
        try {
            LibUtils.loadLibrary(); // synchronized in DJL: a concurrent engine start waits for it
        } catch (Throwable e) { // NOPMD: the first real use of the engine reports the problem
            // ignored on purpose
        }
        Breakdown.detail("libtorch load (background thread)", (System.nanoTime() - t0) / 1e9);
        Breakdown.detail("libtorch ready, seconds after main", Breakdown.sinceMain());
    }
}
