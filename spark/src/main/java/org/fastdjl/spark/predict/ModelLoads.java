package org.fastdjl.spark.predict;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Counts, across the cluster, the loads of exported learners: each executor (and the driver) adds one
 * entry, its id and the export's key, when it actually loads a learner ({@link ExecutorLearners}). Read on
 * the driver after an action with {@link #perExecutor}.
 */
public final class ModelLoads {

    private static final Map<SparkContext, CollectionAccumulator<String>> ACCUMULATORS = new WeakHashMap<>();

    private ModelLoads() {
    }

    /**
     * The accumulator of a Spark context, registered on first use.
     *
     * @param sc the context
     * @return its accumulator
     */
    static synchronized CollectionAccumulator<String> accumulator(SparkContext sc) {
        return ACCUMULATORS.computeIfAbsent(sc, c -> c.collectionAccumulator("fastdjl model loads"));
    }

    /**
     * The id of the executor this code runs in ({@code driver} on the driver and in local mode).
     *
     * @return the id
     */
    static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "driver" : env.executorId();
    }

    /**
     * How many times each executor loaded the export with this key, so far in this context.
     *
     * @param sc the context
     * @param key the export's key ({@code SparkPredictor.Prepared.key()})
     * @return loads by executor id, in id order ({@code driver} in local mode)
     */
    public static synchronized Map<String, Integer> perExecutor(SparkContext sc, String key) {
        Map<String, Integer> out = new TreeMap<>();
        CollectionAccumulator<String> acc = ACCUMULATORS.get(sc);
        if (acc == null) {
            return out;
        }
        List<String> entries = acc.value();
        for (String e : entries) {
            int tab = e.indexOf('\t');
            if (e.substring(tab + 1).equals(key)) {
                out.merge(e.substring(0, tab), 1, Integer::sum);
            }
        }
        return out;
    }
}
