package org.fastdjl.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

import org.fastdjl.core.TestData;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.Tensors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fused step (a whole layer group updated with one engine call over its packed parameters) gives
 * the same weights as one update per parameter, bit for bit, through every path of a fit: discriminative
 * rates, freezing (a frozen group keeps its BatchNorm trainable, so it falls back to per-parameter
 * updates), one-cycle momentum, and the LR finder's snapshot and restore of the optimizer state.
 */
class FusedStepTest {

    private static final long[][] SHAPES = {{10, 6}, {3}, {200, 42}, {200}, {7}, {2, 200}, {2}};

    private static List<Parameter> params(NDManager m, long seed) {
        Random r = new Random(seed);
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            Shape s = new Shape(SHAPES[i]);
            Parameter p = Parameter.builder().setName("p" + i).setType(Parameter.Type.WEIGHT).optShape(s)
                    .optInitializer(Initializer.ZEROS).build();
            p.initialize(m, DataType.FLOAT32);
            float[] v = new float[(int) s.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) r.nextGaussian();
            }
            try (NDArray init = m.create(v, s)) {
                Tensors.copyInto(p.getArray(), init);
            }
            ps.add(p);
        }
        return ps;
    }

    /** loss = sum(c_i * p_i) with fresh c each step: the gradient of p_i is c_i. */
    private static void backward(NDManager m, List<Parameter> ps, Random r) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Parameter p : ps) {
                float[] c = new float[(int) p.getArray().size()];
                for (int k = 0; k < c.length; k++) {
                    c[k] = (float) r.nextGaussian();
                }
                NDArray t = p.getArray().mul(m.create(c, p.getArray().getShape())).sum();
                loss = loss == null ? t : loss.add(t);
            }
            gc.backward(loss);
        }
    }

    private static int[] bits(Parameter p) {
        float[] f = p.getArray().toFloatArray();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    @Test
    void oneFusedUpdatePerGroupEqualsOnePerTensorBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> a = params(m, 1);
            List<Parameter> b = params(m, 1);
            FlatParameters flat = FlatParameters.pack(List.of(a.subList(0, 2), a.subList(2, a.size())));
            assertNotNull(flat);
            assertEquals(a.size(), flat.size());
            assertNotNull(flat.slice(a.subList(2, a.size())));
            assertNull(flat.slice(List.of(a.get(0), a.get(2))), "not one run");
            AdamW fused = new AdamW(List.of(a.subList(0, 2), a.subList(2, a.size())), new double[] {1e-3, 3e-3}, 1e-2, m);
            fused.setFlatParameters(flat);
            AdamW plain = new AdamW(List.of(b.subList(0, 2), b.subList(2, b.size())), new double[] {1e-3, 3e-3}, 1e-2, m);
            Random ra = new Random(5);
            Random rb = new Random(5);
            for (int step = 1; step <= 60; step++) {
                double mom = 0.95 - 0.1 * Math.sin(step / 10.0);
                fused.setMom(mom);
                plain.setMom(mom);
                backward(m, a, ra);
                backward(m, b, rb);
                fused.step();
                plain.step();
            }
            assertEquals(120, fused.fusedUpdates(), "two groups, 60 steps, all fused");
            assertEquals(0, plain.fusedUpdates());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(bits(b.get(i)), bits(a.get(i)), "parameter " + i);
            }
            fused.close();
            plain.close();
        }
    }

    private static SequentialBlock model() {
        return TestData.mlp(16, 1);
    }

    private static List<float[]> fitEverything(boolean pack, List<AdamW> opts) {
        Engine.getInstance().setRandomSeed(11);
        SequentialBlock model = model();
        List<float[]> out = new ArrayList<>();
        try (Learner learn = Learner.builder(TestData.regression(256, 32, 3), model)
                .optSilent(true)
                .optPackParameters(pack)
                .optOptFunc((g, lr, wd, mgr) -> {
                    AdamW opt = new AdamW(g, lr, wd, mgr);
                    opts.add(opt);
                    return opt;
                })
                .optLayerGroups(List.of(
                        List.<Block>of(model.getChildren().get(0).getValue(), model.getChildren().get(2).getValue()),
                        List.<Block>of(model.getChildren().get(3).getValue())))
                .build()) {
            learn.fit(1, Lr.slice(1e-3, 1e-2), Double.NaN);
            learn.freeze(); // the first group keeps its BatchNorm trainable: per-parameter updates there
            learn.fitOneCycle(2, 1e-2);
            learn.unfreeze();
            learn.lrFind(1e-5, 1, 12, false); // snapshot, train, restore the weights and the moments
            learn.fitOneCycle(2, Lr.slice(1e-4, 3e-3));
            for (Pair<String, Parameter> p : model.getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            for (double l : learn.recorder().losses()) {
                out.add(new float[] {(float) l});
            }
        }
        return out;
    }

    @Test
    void aPackedLearnerTrainsExactlyAsAnUnpackedOneThroughFreezingOneCycleAndTheLrFinder() {
        List<AdamW> packedOpts = new ArrayList<>();
        List<AdamW> plainOpts = new ArrayList<>();
        List<float[]> packed = fitEverything(true, packedOpts);
        List<float[]> plain = fitEverything(false, plainOpts);
        assertEquals(plain.size(), packed.size());
        for (int i = 0; i < plain.size(); i++) {
            float[] x = plain.get(i);
            float[] y = packed.get(i);
            assertEquals(x.length, y.length);
            for (int k = 0; k < x.length; k++) {
                assertEquals(Float.floatToRawIntBits(x[k]), Float.floatToRawIntBits(y[k]),
                        "array " + i + " element " + k + ": " + x[k] + " vs " + y[k]);
            }
        }
        assertTrue(packedOpts.stream().mapToLong(AdamW::fusedUpdates).sum() > 0, "the fused path ran");
        assertEquals(0, plainOpts.stream().mapToLong(AdamW::fusedUpdates).sum());
    }
}
