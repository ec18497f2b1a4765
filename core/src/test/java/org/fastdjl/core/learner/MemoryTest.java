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
        // RSS settles after warm-up (JIT, allocator arenas: one-off steps seen in the first ~25 epochs);
        // over the last 15 epochs it must stay flat. A leak of one batch's activations (64 x 256 floats)
        // per batch would add 64 KB * 32 * 15 = 30 MB there.
        double growth = probe.rss.get(probe.rss.size() - 1) - probe.rss.get(probe.rss.size() - 16);
        assertTrue(growth < 10, "RSS grew by " + growth + " MB over the last 15 epochs: " + probe.rss);
    }

    /** Leaks one array per batch on purpose, to show the live-array check catches it. */
    static final class Leaker implements Callback {
        @Override
        public void batchEnd(FitState state) {
            ai.djl.ndarray.NDArray leaked = state.learner().manager().zeros(new ai.djl.ndarray.types.Shape(4));
            ai.djl.ndarray.NDScope.unregister(leaked);
        }
    }

    @Test
    void theLiveArrayCheckCatchesADeliberateLeak() {
        DataBunch data = TestData.classification(256, 64, 10);
        Probe probe = new Probe();
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 3)).optSilent(true).build()) {
            learn.fit(3, org.fastdjl.core.optim.Lr.of(1e-3), Double.NaN, probe, new Leaker());
        }
        // batchEnd fires for the 4 training batches and the 1 validation batch of each epoch
        assertEquals(5, probe.live.get(2) - probe.live.get(1), "one leaked array per batch: " + probe.live);
    }
}
