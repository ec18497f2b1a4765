package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.Init;
import org.junit.jupiter.api.Test;

/** fastai's three dropouts of the AWD-LSTM: RNNDropout, EmbeddingDropout, WeightDropout. */
class DropoutsTest {

    @Test
    void rnnDropoutUsesOneMaskForEveryTimeStep() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            int bs = 3, sl = 7, n = 10;
            RNNDropout dp = new RNNDropout(0.5);
            NDArray x = m.randomUniform(1f, 2f, new Shape(bs, sl, n));
            float[] y = dp.apply(x, true).toFloatArray();
            float[] xv = x.toFloatArray();
            int zeros = 0;
            for (int b = 0; b < bs; b++) {
                for (int f = 0; f < n; f++) {
                    float scale0 = y[(b * sl) * n + f] / xv[(b * sl) * n + f];
                    assertTrue(scale0 == 0f || Math.abs(scale0 - 2f) < 1e-5, "kept units are scaled by 1/(1-p): " + scale0);
                    zeros += scale0 == 0f ? 1 : 0;
                    for (int t = 1; t < sl; t++) {
                        int i = (b * sl + t) * n + f;
                        assertEquals(scale0, y[i] / xv[i], 1e-5, "row " + b + " feature " + f + " step " + t);
                    }
                }
            }
            assertTrue(zeros > 0 && zeros < bs * n, "some units dropped, not all: " + zeros);
            assertSame(x, dp.apply(x, false), "identity in evaluation");
            assertSame(x, new RNNDropout(0).apply(x, true), "identity for p = 0");
        }
    }

    @Test
    void embeddingDropoutZeroesWholeRowsAndScalesTheRest() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            int vocab = 40, dim = 6;
            Embedding emb = new Embedding(vocab, dim, Init.uniform(0.1));
            emb.initialize(m, DataType.FLOAT32, new Shape(1));
            EmbeddingDropout dp = new EmbeddingDropout(emb, 0.5, 1);
            ParameterStore ps = new ParameterStore(m, false);
            long[] all = new long[vocab];
            for (int i = 0; i < vocab; i++) {
                all[i] = i;
            }
            NDArray words = m.create(all, new Shape(1, vocab));
            float[] w = emb.weight().getArray().toFloatArray();
            float[] out = dp.lookup(ps, words, true).toFloatArray();
            int dropped = 0;
            for (int r = 0; r < vocab; r++) {
                boolean zero = out[r * dim] == 0f;
                dropped += zero ? 1 : 0;
                for (int c = 0; c < dim; c++) {
                    float expected = zero ? 0f : 2f * w[r * dim + c];
                    assertEquals(expected, out[r * dim + c], 1e-6, "row " + r + " column " + c);
                }
            }
            assertTrue(dropped > 0 && dropped < vocab, "some rows dropped, not all: " + dropped);
            assertArrayEquals(w, dp.lookup(ps, words, false).toFloatArray(), "the plain matrix in evaluation");
            // the same token twice in a batch is dropped or kept as a whole, both times
            NDArray twice = m.create(new long[] {5, 5, 5, 5}, new Shape(2, 2));
            float[] t = dp.lookup(ps, twice, true).toFloatArray();
            for (int k = 1; k < 4; k++) {
                assertEquals(t[0], t[k * dim], 0f);
            }
        }
    }

    @Test
    void thePaddingRowGetsNoGradientFromTheLookup() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            Embedding emb = new Embedding(5, 3, Init.uniform(0.1));
            emb.initialize(m, DataType.FLOAT32, new Shape(1));
            EmbeddingDropout dp = new EmbeddingDropout(emb, 0, 1);
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = dp.lookup(ps, m.create(new long[] {1, 2, 1, 3}, new Shape(1, 4)), true);
                gc.backward(out.sum());
            }
            float[] g = emb.weight().getArray().getGradient().toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertTrue(g[3 + c] == 0f, "pad row 1: " + g[3 + c]);
                assertEquals(1f, g[6 + c], "row 2, looked up once");
                assertEquals(1f, g[9 + c], "row 3, looked up once");
            }
        }
    }

    @Test
    void weightDropoutDropsOnlyInTrainingAndItsGradientReachesTheRawWeight() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            int in = 3, hid = 4;
            WeightDropout wd = new WeightDropout(in, hid, 0.5);
            wd.initialize(m, DataType.FLOAT32, new Shape(2, 5, in));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray raw = wd.weightHhRaw().getArray();
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 5, in));
            NDArray h0 = m.zeros(new Shape(1, 2, hid));
            NDArray c0 = m.zeros(new Shape(1, 2, hid));

            // evaluation: the raw weight itself, and the LSTM run with it
            assertSame(raw, wd.effectiveWeightHh(ps, x, false));
            NDArray evalOut = wd.run(ps, x, h0, c0, false).head();
            NDArray byHand = wd.module().run(ps, x, h0, c0, raw, false).head();
            assertEquals(0f, Tiny.maxAbsDiff(evalOut, byHand));
            assertEquals(0f, Tiny.maxAbsDiff(evalOut, wd.run(ps, x, h0, c0, false).head()), "evaluation repeats");

            // training: entries zeroed or scaled by 2, a different draw each call
            float[] r = raw.toFloatArray();
            float[] d = wd.effectiveWeightHh(ps, x, true).toFloatArray();
            int dropped = 0;
            for (int i = 0; i < r.length; i++) {
                assertTrue(d[i] == 0f || Math.abs(d[i] - 2 * r[i]) < 1e-6, "entry " + i);
                dropped += d[i] == 0f ? 1 : 0;
            }
            assertTrue(dropped > 0 && dropped < r.length, "dropped " + dropped + " of " + r.length);
            assertTrue(Tiny.maxAbsDiff(wd.run(ps, x, h0, c0, true).head(), evalOut) > 1e-4,
                    "training runs with a dropped weight");

            // the gradient flows through the dropout into the raw weight: zero exactly where dropped
            NDArray dropped2;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                dropped2 = wd.effectiveWeightHh(ps, x, true);
                NDList out = wd.module().run(ps, x, h0, c0, dropped2, true);
                gc.backward(out.head().sum());
            }
            float[] g = raw.getGradient().toFloatArray();
            float[] dv = dropped2.toFloatArray();
            int nonZero = 0;
            for (int i = 0; i < g.length; i++) {
                if (dv[i] == 0f) {
                    assertTrue(g[i] == 0f, "no gradient for a dropped entry " + i + ": " + g[i]);
                } else if (g[i] != 0f) {
                    nonZero++;
                }
            }
            assertTrue(nonZero > 0, "the raw weight gets a gradient");
        }
    }
}
