package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import org.fastdjl.core.nn.StateDict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/** The classifier's two parts: fastai's MultiBatchEncoder and PoolingLinearClassifier. */
class ClassifierModelTest {

    private static final float TOL = 1e-6f;

    private static AwdLstm encoder(NDManager m, AwdLstmConfig config, int vocab) {
        Engine.getInstance().setRandomSeed(5);
        AwdLstm enc = new AwdLstm(vocab, config);
        enc.initialize(m, DataType.FLOAT32, new Shape(2, 5));
        return enc;
    }

    private static NDArray ids(NDManager m, int bs, int sl, int vocab, long seed) {
        Random r = new Random(seed);
        long[] v = new long[bs * sl];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 + r.nextInt(vocab - 2); // no padding
        }
        return m.create(v, new Shape(bs, sl));
    }

    @Test
    void chunkedEncodingEqualsOnePassWhenMaxLenCoversTheText() {
        try (NDManager m = NDManager.newBaseManager()) {
            AwdLstm enc = encoder(m, Tiny.config(), Tiny.VOCAB);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = ids(m, 3, 23, Tiny.VOCAB, 1);
            enc.reset();
            NDList whole = enc.forward(ps, new NDList(x), false);
            // 23 tokens in chunks of 5 (5 chunks, the last of 3), every chunk kept
            MultiBatchEncoder mbe = new MultiBatchEncoder(5, 24, enc, 1);
            NDList chunked = mbe.forward(ps, new NDList(x), false);
            assertEquals(whole.size() + 1, chunked.size());
            for (int k = 0; k < whole.size(); k++) {
                assertEquals(whole.get(k).getShape(), chunked.get(k).getShape());
                assertTrue(Tiny.maxAbsDiff(whole.get(k), chunked.get(k)) < TOL, "output " + k);
            }
            NDArray mask = chunked.get(chunked.size() - 1);
            assertEquals(new Shape(3, 23), mask.getShape());
            assertEquals(0, mask.toType(DataType.INT64, false).sum().getLong(), "no padding, no mask");

            // maxLen 10: fastai keeps the chunks starting after 23 - 10 = 13, i.e. at 15 and 20: 8 tokens,
            // whose outputs equal the last 8 of the single pass (the state was carried through the others)
            MultiBatchEncoder last = new MultiBatchEncoder(5, 10, enc, 1);
            assertEquals(15, last.firstKept(23));
            NDList kept = last.forward(ps, new NDList(x), false);
            for (int k = 0; k < whole.size(); k++) {
                NDArray tail = whole.get(k).get(new NDIndex(":, 15:, :"));
                assertEquals(tail.getShape(), kept.get(k).getShape());
                assertTrue(Tiny.maxAbsDiff(tail, kept.get(k)) < TOL, "kept output " + k);
            }
            // fastai's strict '>': with maxLen == sl the first chunk is dropped
            assertEquals(5, new MultiBatchEncoder(5, 23, enc, 1).firstKept(23));
            assertEquals(0, new MultiBatchEncoder(5, 24, enc, 1).firstKept(23));
        }
    }

    @Test
    void theMaskMarksThePaddingOfTheKeptChunksAndTheStateIsResetFirst() {
        try (NDManager m = NDManager.newBaseManager()) {
            AwdLstm enc = encoder(m, Tiny.noDropout(), Tiny.VOCAB);
            ParameterStore ps = new ParameterStore(m, false);
            MultiBatchEncoder mbe = new MultiBatchEncoder(4, 100, enc, 1);
            NDArray x = ids(m, 2, 9, Tiny.VOCAB, 2);
            x.set(new NDIndex("1, :3"), 1); // the second text is padded at the start
            NDList a = mbe.forward(ps, new NDList(x), false);
            boolean[] mask = a.get(a.size() - 1).toBooleanArray();
            for (int t = 0; t < 9; t++) {
                assertEquals(false, mask[t]);
                assertEquals(t < 3, mask[9 + t], "position " + t);
            }
            NDList b = mbe.forward(ps, new NDList(x), false); // no state carried from the previous call
            assertTrue(Tiny.maxAbsDiff(a.get(0), b.get(0)) == 0);
        }
    }

    @Test
    void concatPoolingIgnoresExtraPadding() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(4);
            int sl = 6;
            int n = 5;
            int pad = 4;
            float[] out = new float[sl * n];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) r.nextGaussian();
            }
            NDArray plain = m.create(out, new Shape(1, sl, n));
            NDArray noMask = m.zeros(new Shape(1, sl), DataType.BOOLEAN);
            // the same document with `pad` positions of padding in front, holding large values the pooling
            // must not see
            float[] padded = new float[(sl + pad) * n];
            for (int i = 0; i < pad * n; i++) {
                padded[i] = 50f + i;
            }
            System.arraycopy(out, 0, padded, pad * n, out.length);
            NDArray withPad = m.create(padded, new Shape(1, sl + pad, n));
            boolean[] mk = new boolean[sl + pad];
            for (int t = 0; t < pad; t++) {
                mk[t] = true;
            }
            NDArray mask = m.create(mk, new Shape(1, sl + pad));
            float[] a = PoolingLinearClassifier.concatPool(plain, noMask).toFloatArray();
            float[] b = PoolingLinearClassifier.concatPool(withPad, mask).toFloatArray();
            assertArrayEquals(a, b, 1e-6f);
            // and it is [last, max, mean] by hand
            for (int f = 0; f < n; f++) {
                float max = Float.NEGATIVE_INFINITY;
                double sum = 0;
                for (int t = 0; t < sl; t++) {
                    max = Math.max(max, out[t * n + f]);
                    sum += out[t * n + f];
                }
                assertEquals(out[(sl - 1) * n + f], a[f], 1e-6f);
                assertEquals(max, a[n + f], 1e-6f);
                assertEquals(sum / sl, a[2 * n + f], 1e-5f);
            }
            // without the mask the padding would change the max and the mean
            float[] c = PoolingLinearClassifier.concatPool(withPad, m.zeros(new Shape(1, sl + pad), DataType.BOOLEAN))
                    .toFloatArray();
            assertTrue(Math.abs(c[n] - a[n]) > 1, "the unmasked max sees the padding");
        }
    }

    @Test
    void theHeadGivesTheSameLogitsWithAndWithoutExtraPaddingAndHasFastaisKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(8);
            AwdLstmConfig config = Tiny.config();
            PoolingLinearClassifier head = new PoolingLinearClassifier(new int[] {3 * config.embSz(), 7, 3},
                    new double[] {0.4, 0.1});
            int n = config.embSz();
            head.initialize(m, DataType.FLOAT32, new Shape(2, 4, 12), new Shape(2, 4, n), new Shape(2, 4, 12),
                    new Shape(2, 4, n), new Shape(2, 4));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray out = m.randomNormal(new Shape(1, 4, n));
            NDArray h = m.randomNormal(new Shape(1, 4, 12));
            NDList plain = head.forward(ps, new NDList(h, out, h, out, m.zeros(new Shape(1, 4), DataType.BOOLEAN)), false);
            NDArray padOut = m.randomNormal(new Shape(1, 3, n)).mul(100).concat(out, 1);
            NDArray padH = m.randomNormal(new Shape(1, 3, 12)).concat(h, 1);
            NDArray mask = m.create(new boolean[] {true, true, true, false, false, false, false}, new Shape(1, 7));
            NDList padded = head.forward(ps, new NDList(padH, padOut, padH, padOut, mask), false);
            assertEquals(new Shape(1, 3), plain.head().getShape());
            assertArrayEquals(plain.head().toFloatArray(), padded.head().toFloatArray(), 1e-5f);
            assertEquals(5, plain.size(), "logits, then the encoder's outputs for AR/TAR");

            SequentialRNN model = AwdLstmModels.textClassifier(Tiny.VOCAB, 3, config, 70, 1400, new int[] {50},
                    new double[] {0.1});
            model.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            List<String> keys = List.copyOf(StateDict.of(model).keySet());
            assertTrue(keys.containsAll(List.of("0.module.encoder.weight", "0.module.rnns.0.weight_hh_l0_raw",
                    "0.module.rnns.1.module.weight_ih_l0", "1.layers.0.weight", "1.layers.0.running_mean",
                    "1.layers.2.weight", "1.layers.2.bias", "1.layers.4.running_var", "1.layers.6.weight")), keys.toString());
            assertEquals(4, AwdLstmModels.clasSplit(model).size(), "embedding, 2 LSTM layers, head");
            assertThrows(IllegalArgumentException.class, () -> AwdLstmModels.textClassifier(Tiny.VOCAB, 3, config, 70,
                    1400, new int[] {50, 20}, new double[] {0.1}));
        }
    }
}
