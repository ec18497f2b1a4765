package org.fastdjl.core.util;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether glibc's malloc is tuned for libtorch's tensors. libtorch's CPU allocator has no cache: every
 * tensor is a {@code malloc} and every release a {@code free}. In a JVM the thread that calls the engine
 * is not the process's main thread, so glibc serves it from an mmap'd arena that it shrinks after each
 * large free; the next step faults the same pages in again. For a full-size AWD-LSTM training step
 * (bs 64, bptt 70) that was 1.7 M page faults and half of the step's time on this project's machines.
 *
 * <p>Three environment variables, read by glibc when the process starts, fix it: {@code
 * MALLOC_ARENA_MAX=1} (one arena, grown with {@code brk}), {@code MALLOC_MMAP_MAX_=0} (no mmap'd chunks)
 * and {@code MALLOC_TRIM_THRESHOLD_=68719476736} (never give freed memory back). The {@code fastdjl}
 * launcher and the build's tests set them; an application embedding fastdjl sets them in the
 * environment that starts its JVM (they cannot be changed from inside the process). {@link
 * #warnIfUntuned(String)} says so once when a large model is built without them.
 */
public final class NativeAllocator {

    /** The variables and the values the launcher gives them, by name. */
    public static final SortedMap<String, String> SETTINGS = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            "MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_MAX_", "0", "MALLOC_TRIM_THRESHOLD_", "68719476736")));

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private NativeAllocator() {
    }

    /**
     * Whether the allocator is tuned: not Linux (no glibc), or {@code MALLOC_ARENA_MAX} set (the
     * variable without which the others do not help).
     *
     * @return whether training will not pay the page faults described above
     */
    public static boolean isTuned() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return !os.contains("linux") || System.getenv("MALLOC_ARENA_MAX") != null;
    }

    /** @return the settings as a shell would set them: {@code NAME=value ...} */
    static String environment() {
        StringBuilder sb = new StringBuilder();
        SETTINGS.forEach((name, value) -> sb.append(sb.length() == 0 ? "" : " ").append(name).append('=').append(value));
        return sb.toString();
    }

    /**
     * Warns once per process, through {@link Warnings}, when the allocator is not tuned.
     *
     * @param what the model being built, for the message
     */
    public static void warnIfUntuned(String what) {
        if (!isTuned() && WARNED.compareAndSet(false, true)) {
            Warnings.warn(what + ": glibc's malloc is not tuned for libtorch, so training may run up to 2x slower "
                    + "from page faults; start the JVM with " + environment() + " in its environment (the fastdjl "
                    + "launcher does)");
        }
    }
}
