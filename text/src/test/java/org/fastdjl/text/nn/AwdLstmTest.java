package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.fastdjl.core.nn.StateDict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The AWD-LSTM encoder and language model: outputs, carried hidden state, names, the tied weight. */
class AwdLstmTest {

    @Test
    void outputsAreDecodedThenRawThenDroppedOutputsOfEachLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = Tiny.lm(m, Tiny.config());
            NDList out = Tiny.forward(model, m, Tiny.ids(m, 3, 6, 1), true);
            assertEquals(5, out.size(), "decoded + 2 raw + 2 dropped");
            assertEquals(new Shape(3, 6, Tiny.VOCAB), out.get(0).getShape());
            assertEquals(new Shape(3, 6, 12), out.get(1).getShape());
            assertEquals(new Shape(3, 6, 8), out.get(2).getShape());
            assertEquals(new Shape(3, 6, 12), out.get(3).getShape());
            assertSame(out.get(2), out.get(4), "the last layer has no hidden dropout");
            assertTrue(Tiny.maxAbsDiff(out.get(1), out.get(3)) > 0, "hidden dropout between layers in training");
            NDList eval = Tiny.forward(model, m, Tiny.ids(m, 3, 6, 1), false);
            assertEquals(0f, Tiny.maxAbsDiff(eval.get(1), eval.get(3)), "no dropout in evaluation");
        }
    }

    @Test
    void aLayerIsPyTorchsLstmWithGatesInputForgetCellOutput() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            int in = 3, hid = 4, bs = 2, sl = 3;
            LstmLayer lstm = new LstmLayer(in, hid);
            lstm.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(bs, sl, in));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray whh = m.randomUniform(-0.5f, 0.5f, new Shape(4 * hid, hid));
            NDArray x = m.randomUniform(-1f, 1f, new Shape(bs, sl, in));
            NDArray h = m.randomUniform(-1f, 1f, new Shape(1, bs, hid));
            NDArray c = m.randomUniform(-1f, 1f, new Shape(1, bs, hid));
            // the step-by-step kernel (and whichever the layer uses) against the gate equations by hand
            NDList fused = LstmKernel.stepwise(x, h, c, lstm.weightIh().getArray(), whh, lstm.biasIh().getArray(),
                    lstm.biasHh().getArray());
            NDList used = lstm.run(ps, x, h, c, whh, false);
            assertTrue(Tiny.maxAbsDiff(fused.head(), used.head()) < 1e-5, "the layer's kernel agrees");
            NDArray wih = lstm.weightIh().getArray();
            NDArray b = lstm.biasIh().getArray().add(lstm.biasHh().getArray());
            NDArray ht = h.get(0);
            NDArray ct = c.get(0);
            for (int t = 0; t < sl; t++) {
                NDArray gates = x.get(new NDIndex(":, {}, :", t)).matMul(wih.transpose())
                        .add(ht.matMul(whh.transpose())).add(b);
                NDArray i = gates.get(new NDIndex(":, 0:{}", hid)).getNDArrayInternal().sigmoid();
                NDArray f = gates.get(new NDIndex(":, {}:{}", hid, 2 * hid)).getNDArrayInternal().sigmoid();
                NDArray g = gates.get(new NDIndex(":, {}:{}", 2 * hid, 3 * hid)).tanh();
                NDArray o = gates.get(new NDIndex(":, {}:", 3 * hid)).getNDArrayInternal().sigmoid();
                ct = f.mul(ct).add(i.mul(g));
                ht = o.mul(ct.tanh());
                assertTrue(Tiny.maxAbsDiff(fused.head().get(new NDIndex(":, {}, :", t)), ht) < 1e-5, "step " + t);
            }
            assertTrue(Tiny.maxAbsDiff(fused.get(1).get(0), ht) < 1e-5, "final h");
            assertTrue(Tiny.maxAbsDiff(fused.get(2).get(0), ct) < 1e-5, "final c");
        }
    }

    @Test
    void theHiddenStateIsCarriedFromOneCallToTheNextAndReset() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = Tiny.lm(m, Tiny.config());
            AwdLstm enc = AwdLstmModels.encoder(model);
            NDArray both = Tiny.ids(m, 2, 8, 7);
            NDArray first = both.get(new NDIndex(":, 0:4"));
            NDArray second = both.get(new NDIndex(":, 4:8"));
            NDArray whole = Tiny.forward(model, m, both, false).head();
            model.reset();
            assertNull(enc.hidden(0), "zeros after reset");
            Tiny.forward(model, m, first, false);
            assertNotNull(enc.hidden(0));
            NDArray cont = Tiny.forward(model, m, second, false).head();
            assertTrue(Tiny.maxAbsDiff(cont, whole.get(new NDIndex(":, 4:8, :"))) < 1e-5,
                    "the second half continues the first as one sequence would");
            NDArray fresh = Tiny.forward(model, m, second, false).head();
            assertTrue(Tiny.maxAbsDiff(fresh, cont) > 1e-4, "without reset the state carries on");
            model.reset();
            NDArray afterReset = Tiny.forward(model, m, second, false).head();
            assertTrue(Tiny.maxAbsDiff(afterReset, whole.get(new NDIndex(":, 0:4, :"))) > 1e-4);
            model.reset();
            assertTrue(Tiny.maxAbsDiff(Tiny.forward(model, m, second, false).head(), afterReset) < 1e-6,
                    "reset gives the same output again");
        }
    }

    @Test
    void aNewBatchSizeResetsTheStateAndTheStateOutlivesTheBatchScope() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = Tiny.lm(m, Tiny.config());
            AwdLstm enc = AwdLstmModels.encoder(model);
            NDArray x3 = Tiny.ids(m, 3, 5, 9);
            model.reset();
            NDArray expected = Tiny.forward(model, m, x3, false).head();
            Tiny.forward(model, m, Tiny.ids(m, 2, 5, 10), false);
            assertEquals(2, enc.batchSize());
            assertTrue(Tiny.maxAbsDiff(Tiny.forward(model, m, x3, false).head(), expected) < 1e-6,
                    "batch size 2 -> 3 starts from zeros");
            try (NDManager batch = m.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Tiny.forward(model, batch, Tiny.ids(batch, 3, 5, 11), true);
            }
            assertTrue(!enc.hidden(1).isReleased(), "the state belongs to the model, not to the batch");
            assertEquals(new Shape(1, 3, 8), enc.hidden(1).getShape());
            assertTrue(Float.isFinite(enc.cell(0).sum().getFloat()));
        }
    }

    @Test
    void selectHiddenKeepsTheChosenRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = Tiny.lm(m, Tiny.config());
            AwdLstm enc = AwdLstmModels.encoder(model);
            Tiny.forward(model, m, Tiny.ids(m, 3, 4, 12), false);
            float[] h = enc.hidden(0).toFloatArray();
            enc.selectHidden(new long[] {2, 2, 0, 1, 0});
            assertEquals(5, enc.batchSize());
            float[] s = enc.hidden(0).toFloatArray();
            int[] rows = {2, 2, 0, 1, 0};
            for (int r = 0; r < rows.length; r++) {
                for (int k = 0; k < 12; k++) {
                    assertEquals(h[rows[r] * 12 + k], s[r * 12 + k], 0f);
                }
            }
            NDList out = Tiny.forward(model, m, Tiny.ids(m, 5, 1, 13), false);
            assertEquals(new Shape(5, 1, Tiny.VOCAB), out.head().getShape(), "carries on with 5 rows, no reset");
            assertNotNull(enc.hidden(0));
        }
    }

    @Test
    void stateDictNamesAreFastais() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = Tiny.lm(m, Tiny.config());
            Map<String, Parameter> params = StateDict.of(model);
            assertEquals(List.of("0.encoder.weight",
                    "0.rnns.0.weight_hh_l0_raw", "0.rnns.0.module.weight_ih_l0", "0.rnns.0.module.bias_ih_l0",
                    "0.rnns.0.module.bias_hh_l0",
                    "0.rnns.1.weight_hh_l0_raw", "0.rnns.1.module.weight_ih_l0", "0.rnns.1.module.bias_ih_l0",
                    "0.rnns.1.module.bias_hh_l0",
                    "1.decoder.bias"), List.copyOf(params.keySet()));
            Map<String, Parameter> aliases = StateDict.aliases(model);
            assertEquals(java.util.Set.of("0.encoder_dp.emb.weight", "0.rnns.0.module.weight_hh_l0",
                    "0.rnns.1.module.weight_hh_l0", "1.decoder.weight"), aliases.keySet());
            assertSame(params.get("0.encoder.weight"), aliases.get("0.encoder_dp.emb.weight"));
            assertSame(params.get("0.rnns.1.weight_hh_l0_raw"), aliases.get("0.rnns.1.module.weight_hh_l0"));
            assertEquals(new Shape(48, 12), params.get("0.rnns.0.module.weight_ih_l0").getArray().getShape()
                    .slice(0, 1).add(12), "layer 0: 4*12 gates");
            assertEquals(new Shape(32, 12), params.get("0.rnns.1.module.weight_ih_l0").getArray().getShape());
            assertEquals(new Shape(32, 8), params.get("0.rnns.1.weight_hh_l0_raw").getArray().getShape());
        }
    }

    @Test
    void theTiedDecoderWeightIsOneParameterWithBothGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = Tiny.lm(m, Tiny.noDropout());
            AwdLstm enc = AwdLstmModels.encoder(model);
            LinearDecoder dec = (LinearDecoder) model.decoder();
            Parameter w = enc.encoder().weight();
            assertSame(w, dec.weight());
            assertSame(w, StateDict.aliases(model).get("1.decoder.weight"));
            long count = 0;
            for (Pair<String, Parameter> p : model.getParameters()) {
                count += p.getValue() == w ? 1 : 0;
            }
            assertEquals(1, count, "listed once among the parameters, so the optimizer steps it once");
            // its gradient is the sum of the decoder's (every row) and the lookup's (the rows used)
            NDArray ids = m.create(new long[] {3, 4}, new Shape(1, 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Tiny.forward(model, m, ids, true).head().get(new NDIndex(":, :, 0")).sum());
            }
            float[] g = w.getArray().getGradient().toFloatArray();
            float row0 = 0;
            float row5 = 0;
            float row3 = 0;
            for (int k = 0; k < 8; k++) {
                row0 += Math.abs(g[k]);
                row5 += Math.abs(g[5 * 8 + k]);
                row3 += Math.abs(g[3 * 8 + k]);
            }
            assertTrue(row0 > 0, "the decoder's gradient reaches row 0 (its output)");
            assertEquals(0f, row5, "row 5 is neither an output nor an input used");
            assertTrue(row3 > 0, "the lookup's gradient reaches row 3 (an input)");
        }
    }
}
