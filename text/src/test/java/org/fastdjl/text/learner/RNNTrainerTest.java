package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.text.nn.AwdLstm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** AR and TAR as fastai computes them, the output the loss sees, and the state resets. */
class RNNTrainerTest {

    @Test
    void arAndTarEqualAHandComputation() {
        int bs = 3, sl = 4, n = 5;
        Random r = new Random(1);
        float[] raw = new float[bs * sl * n];
        float[] out = new float[bs * sl * n];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) r.nextGaussian();
            out[i] = (float) r.nextGaussian();
        }
        double ar = 0;
        for (float v : out) {
            ar += v * v;
        }
        ar /= out.length;
        double tar = 0;
        for (int b = 0; b < bs; b++) {
            for (int t = 1; t < sl; t++) {
                for (int k = 0; k < n; k++) {
                    double d = raw[(b * sl + t) * n + k] - raw[(b * sl + t - 1) * n + k];
                    tar += d * d;
                }
            }
        }
        tar /= bs * (sl - 1) * n;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray decoded = m.ones(new Shape(bs, sl, 7));
            NDArray raw0 = m.zeros(new Shape(bs, sl, 6));
            NDArray rawLast = m.create(raw, new Shape(bs, sl, n));
            NDArray out0 = m.ones(new Shape(bs, sl, 6));
            NDArray outLast = m.create(out, new Shape(bs, sl, n));
            FitState state = new FitState(null, 1);
            state.beginBatch(null, true);
            state.setLastOutput(new NDList(decoded, raw0, rawLast, out0, outLast));
            RNNTrainer cb = new RNNTrainer(2, 1);
            cb.lossBegin(state);
            assertEquals(1, state.lastOutput().size(), "the loss sees the decoded output only");
            assertSame(decoded, state.lastOutput().head());
            state.setLastLoss(m.create(1.5f));
            cb.backwardBegin(state);
            assertEquals(1.5 + 2 * ar + tar, state.lastLoss().getFloat(), 1e-5);

            // alpha only; and no TAR on a single step
            assertEquals(3 * ar, RNNTrainer.regularization(rawLast, outLast, 3, 0).getFloat(), 1e-5);
            NDArray oneStep = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 1, 2));
            assertEquals(0f, RNNTrainer.regularization(oneStep, oneStep, 0, 1).getFloat());
        }
    }

    /** Records whether the encoder's state is zeros at epoch starts and at the first validation batch. */
    static final class StateProbe implements Callback {
        final List<Boolean> zeroAtEpochBegin = new ArrayList<>();
        final List<Boolean> zeroAtValidation = new ArrayList<>();
        final List<Boolean> carriedInTraining = new ArrayList<>();
        private boolean firstValid;

        @Override
        public int order() {
            return 50; // after the RNNTrainer
        }

        private static AwdLstm enc(FitState s) {
            return ((LanguageLearner) s.learner()).encoder();
        }

        @Override
        public void epochBegin(FitState state) {
            zeroAtEpochBegin.add(enc(state).hidden(0) == null);
            firstValid = true;
        }

        @Override
        public void batchBegin(FitState state) {
            if (state.isTrain() && state.numBatch() == 1) {
                carriedInTraining.add(enc(state).hidden(0) != null);
            }
            if (!state.isTrain() && firstValid) {
                firstValid = false;
                zeroAtValidation.add(enc(state).hidden(0) == null);
            }
        }
    }

    @Test
    void theStateIsCarriedAcrossBatchesAndResetAtEpochStartAndBeforeValidation(@TempDir Path dir) throws Exception {
        StateProbe probe = new StateProbe();
        try (LanguageLearner learn = TinyLm.learner(TinyLm.data(), TinyLm.config(), dir)) {
            learn.fit(3, org.fastdjl.core.optim.Lr.of(1e-3), Double.NaN, probe);
            assertEquals(List.of(true, true, true), probe.zeroAtEpochBegin);
            assertEquals(List.of(true, true, true), probe.zeroAtValidation);
            assertEquals(List.of(true, true, true), probe.carriedInTraining);
            // validate() resets first: twice in a row gives the same loss
            List<Double> a = learn.validate();
            List<Double> b = learn.validate();
            assertEquals(a, b);
            assertTrue(learn.encoder().hidden(0) != null);
            learn.reset();
            assertNull(learn.encoder().hidden(0));
        }
    }
}
