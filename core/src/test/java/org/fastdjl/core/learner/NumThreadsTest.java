package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import org.fastdjl.core.TestData;
import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.util.NativePreload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** {@code optNumThreads}: libtorch's intra-op threads during a fit or a prediction, restored afterwards. */
class NumThreadsTest {

    @Test
    void fitAndPredictionsRunWithTheRequestedThreadsAndRestoreThem() {
        Engine.getInstance();
        int before = JniUtils.getNumThreads();
        int wanted = before == 1 ? 2 : 1;
        List<Integer> seen = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void batchEnd(FitState state) {
                seen.add(JniUtils.getNumThreads());
            }
        };
        try (Learner learn = Learner.builder(TestData.regression(64, 16, 1), TestData.mlp(4, 1))
                .optSilent(true).optNumThreads(wanted).optCallbacks(probe).build()) {
            assertEquals(wanted, learn.numThreads());
            learn.fit(1, 1e-2);
            assertFalse(seen.isEmpty());
            for (int n : seen) {
                assertEquals(wanted, n, "threads during the fit");
            }
            assertEquals(before, JniUtils.getNumThreads(), "restored after the fit");
            learn.getPreds(DatasetType.VALID);
            assertEquals(before, JniUtils.getNumThreads(), "restored after getPreds");
        }
    }

    @Test
    void zeroLeavesTheEngineAloneAndNegativeIsRefused() {
        Engine.getInstance();
        int before = JniUtils.getNumThreads();
        try (Learner learn = Learner.builder(TestData.regression(32, 16, 2), TestData.mlp(4, 1))
                .optSilent(true).build()) {
            assertEquals(0, learn.numThreads());
            learn.fit(1, 1e-2);
            assertEquals(before, JniUtils.getNumThreads());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Learner.builder(TestData.regression(32, 16, 2), TestData.mlp(4, 1)).optNumThreads(-1));
    }

    @Test
    void nativePreloadIsHarmlessAndIdempotent() {
        NativePreload.start();
        NativePreload.start();
        Engine.getInstance();
        assertEquals(false, JniUtils.isGradMode(), "grad mode off outside a fit, as without the preload");
    }
}
