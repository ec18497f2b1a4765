package org.fastdjl.spark.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Learners;

/**
 * The exported learners this JVM has loaded (an executor's, or the driver's), one per export file: every
 * task of every job that predicts with the same file shares it, so a learner is read and its weights
 * loaded once per JVM, not per partition or per row. The learners stay for the JVM's life.
 *
 * <p>A file is known by the SHA-256 of its bytes (with its name), so a changed file under the same name is
 * a new learner. Loading is counted ({@link #loads}) so tests and the benchmark can show it happened once.
 */
public final class ExecutorLearners {

    private static final Map<String, Learner> LEARNERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOADS = new ConcurrentHashMap<>();

    private ExecutorLearners() {
    }

    /**
     * The learner of an export, loaded on first use in this JVM (concurrent first uses load it once).
     *
     * @param key the export's identity (its content's hash and name)
     * @param file where the export is in this JVM
     * @param onLoad run once, after a load, with the key (to count loads across the cluster)
     * @return the learner, shared: do not close it
     * @throws UncheckedIOException if the export cannot be read
     */
    public static Learner get(String key, Path file, Runnable onLoad) {
        Learner l = LEARNERS.get(key);
        if (l != null) {
            return l;
        }
        synchronized (ExecutorLearners.class) {
            l = LEARNERS.get(key);
            if (l == null) {
                try {
                    l = Learners.load(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                LEARNERS.put(key, l);
                LOADS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                onLoad.run();
            }
            return l;
        }
    }

    /**
     * How many times this JVM loaded an export.
     *
     * @param key the export's identity
     * @return the count: 0 before the first prediction with it, 1 after
     */
    public static int loads(String key) {
        AtomicInteger n = LOADS.get(key);
        return n == null ? 0 : n.get();
    }
}
