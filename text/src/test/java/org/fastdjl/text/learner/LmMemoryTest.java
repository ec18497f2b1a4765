package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.optim.Lr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The carried hidden state, the optimizer and the batches leave the count of live arrays flat. */
class LmMemoryTest {

    static final class Probe implements Callback {
        final List<Integer> live = new ArrayList<>();

        @Override
        public void epochEnd(FitState state) {
            NDManager root = state.learner().manager().getParentManager();
            live.add(((BaseNDManager) root).getManagedArrays().size());
        }
    }

    @Test
    void liveArraysStayFlatOverSeveralLanguageModelEpochs(@TempDir Path dir) throws Exception {
        Probe probe = new Probe();
        try (LanguageLearner learn = TinyLm.learner(TinyLm.data(), TinyLm.config(), dir)) {
            learn.fitOneCycle(6, Lr.of(1e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN, Double.NaN, probe);
            learn.predict("The cat", 3);
            learn.fit(2, Lr.of(1e-3), Double.NaN, probe);
        }
        for (int i = 1; i < probe.live.size(); i++) {
            assertEquals(probe.live.get(0), probe.live.get(i), "live NDArrays after epoch " + i + ": " + probe.live);
        }
    }
}
