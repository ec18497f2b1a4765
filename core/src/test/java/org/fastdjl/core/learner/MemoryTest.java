package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

import org.fastdjl.core.TestData;
import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.core.util.Memory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class MemoryTest {

    /** Counts the live NDArrays of the whole process and reads the RSS at the end of each epoch. */
    static final class Probe implements Callback {
        final List<Integer> live = new ArrayList<>();
        final List<Double> rss = new ArrayList<>();

        @Override
        public void epochEnd(FitState state) {
            NDManager root = state.learner().manager().getParentManager();
            live.add(((BaseNDManager) root).getManagedArrays().size());
            rss.add(Memory.rssMb());
        }
    }

    @Test
    void liveArraysAndRssDoNotGrowOver20Epochs() {
        DataBunch data = TestData.classification(2048, 64, 9); // 32 batches per epoch
        Probe probe = new Probe();
        try (Learner learn = Learner.builder(data, new ai.djl.nn.SequentialBlock()
                        .add(new org.fastdjl.core.nn.Linear(3, 256))
                        .add(ai.djl.nn.Activation.reluBlock())
                        .add(new org.fastdjl.core.nn.BatchNorm1d(256))
                        .add(new org.fastdjl.core.nn.Linear(256, 3)))
                .optSilent(true)
                .optMetrics(Metrics.accuracy())
                .build()) {
            learn.fitOneCycle(20, 1e-2, probe);
            learn.fit(20, org.fastdjl.core.optim.Lr.of(1e-3), Double.NaN, probe);
        }
        // after the first epoch (optimizer state created) the count of live arrays is flat
        for (int i = 1; i < probe.live.size(); i++) {
            assertEquals(probe.live.get(0), probe.live.get(i), "live NDArrays after epoch " + i + ": " + probe.live);
        }
        assertNoSteadyGrowth(probe.rss.subList(10, probe.rss.size()));
    }

    /**
     * RSS does not grow epoch after epoch. One-off steps happen (the JIT compiling a method, the
     * allocator opening an arena: jumps of 10-40 MB seen once or twice in a run, then flat; two steps of
     * 9 and 13 MB were seen in one run on a loaded machine), so the check is on the typical epoch: the
     * median growth per epoch stays under 0.5 MB, and the total without the two largest steps under
     * 10 MB. A leak of one batch's activations (64 x 256 floats) per batch adds 2 MB every epoch and
     * fails both.
     */
    static void assertNoSteadyGrowth(List<Double> rss) {
        double[] deltas = new double[rss.size() - 1];
        for (int i = 1; i < rss.size(); i++) {
            deltas[i - 1] = rss.get(i) - rss.get(i - 1);
        }
        double[] sorted = deltas.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double largestTwo = Math.max(0, sorted[sorted.length - 1]) + Math.max(0, sorted[sorted.length - 2]);
        double withoutLargest = rss.get(rss.size() - 1) - rss.get(0) - largestTwo;
        assertTrue(median < 0.5, "RSS grows " + median + " MB in a typical epoch: " + rss);
        assertTrue(withoutLargest < 10, "RSS grew " + withoutLargest + " MB besides its two largest steps: " + rss);
    }

    /** Leaks one array per batch on purpose, to show the checks catch it. */
    static final class Leaker implements Callback {
        private final long floats;

        Leaker(long floats) {
            this.floats = floats;
        }

        @Override
        public void batchEnd(FitState state) {
            // ones, not zeros: the pages must be written to count in the RSS
            ai.djl.ndarray.NDArray leaked = state.learner().manager().ones(new ai.djl.ndarray.types.Shape(floats));
            ai.djl.ndarray.NDScope.unregister(leaked);
        }
    }

    @Test
    void theLiveArrayCheckCatchesADeliberateLeak() {
        DataBunch data = TestData.classification(256, 64, 10);
        Probe probe = new Probe();
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 3)).optSilent(true).build()) {
            learn.fit(3, org.fastdjl.core.optim.Lr.of(1e-3), Double.NaN, probe, new Leaker(4));
        }
        // batchEnd fires for the 4 training batches and the 1 validation batch of each epoch
        assertEquals(5, probe.live.get(2) - probe.live.get(1), "one leaked array per batch: " + probe.live);
    }

    @Test
    void theRssCheckCatchesADeliberateLeak() {
        DataBunch data = TestData.classification(256, 64, 11);
        Probe probe = new Probe();
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 3)).optSilent(true).build()) {
            // 5 batches an epoch, 512 KB leaked each: 2.5 MB per epoch
            learn.fit(12, org.fastdjl.core.optim.Lr.of(1e-3), Double.NaN, probe, new Leaker(128 * 1024));
        }
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> assertNoSteadyGrowth(probe.rss), "a 2.5 MB-per-epoch leak must fail the RSS check: " + probe.rss);
    }
}
