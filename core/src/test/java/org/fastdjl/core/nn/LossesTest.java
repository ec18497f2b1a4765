package org.fastdjl.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void crossEntropyIsMeanNegativeLogSoftmax() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList logits = new NDList(m.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3)));
            NDList targets = new NDList(m.create(new long[] {2, 0}));
            double l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
            double l1 = Math.log(3);
            assertEquals((l0 + l1) / 2, Losses.crossEntropyFlat().compute(logits, targets).getFloat(), 1e-6);
            float[] p = Losses.crossEntropyFlat().activation(logits.head()).toFloatArray();
            assertEquals(1f / 3, p[3], 1e-6);
        }
    }

    @Test
    void mseHasWeightOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = new NDList(m.create(new float[] {1, 2}, new Shape(2, 1)));
            NDList targets = new NDList(m.create(new float[] {0, 0}));
            assertEquals(2.5, Losses.mseFlat().compute(preds, targets).getFloat(), 1e-6);
        }
    }

    @Test
    void truncNormalStaysWithinTwoStd() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = Init.truncNormal(0.01).initialize(m, new Shape(20000), ai.djl.ndarray.types.DataType.FLOAT32)
                    .toFloatArray();
            double sum = 0;
            double sq = 0;
            for (float x : v) {
                org.junit.jupiter.api.Assertions.assertTrue(Math.abs(x) < 0.02, "value " + x);
                sum += x;
                sq += x * x;
            }
            double mean = sum / v.length;
            double std = Math.sqrt(sq / v.length - mean * mean);
            assertEquals(0, mean, 5e-4);
            assertEquals(0.0088, std, 0.0005); // fmod folding shrinks the std of N(0,1) to about 0.88
        }
    }
}
