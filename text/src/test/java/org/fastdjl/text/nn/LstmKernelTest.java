package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM kernel, when the process uses it, agrees with the step-by-step arithmetic (checked by
 * hand in {@link AwdLstmTest}) in its outputs and in the gradients it gives every weight.
 */
class LstmKernelTest {

    @Test
    void theFusedKernelInUseAgreesWithTheStepwiseOneForwardAndBackward() {
        Assumptions.assumeTrue(LstmKernel.useFused(), "the fused LSTM kernel is wrong on this CPU and not in use (start"
                + " with ONEDNN_MAX_CPU_ISA=AVX2 to use it); the step-by-step one is checked by hand elsewhere");
        Engine.getInstance().setRandomSeed(8);
        int[][] sizes = {{8, 12}, {12, 8}, {16, 16}, {20, 7}};
        for (int[] sz : sizes) {
            try (NDManager m = NDManager.newBaseManager()) {
                int in = sz[0];
                int hid = sz[1];
                NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 5, in));
                NDArray h0 = m.randomUniform(-1f, 1f, new Shape(1, 3, hid));
                NDArray c0 = m.randomUniform(-1f, 1f, new Shape(1, 3, hid));
                NDArray[] w = {m.randomUniform(-0.3f, 0.3f, new Shape(4L * hid, in)),
                        m.randomUniform(-0.3f, 0.3f, new Shape(4L * hid, hid)),
                        m.randomUniform(-0.3f, 0.3f, new Shape(4L * hid)),
                        m.randomUniform(-0.3f, 0.3f, new Shape(4L * hid))};
                float[][] grads = new float[8][];
                NDList[] outs = new NDList[2];
                for (int k = 0; k < 2; k++) {
                    NDArray[] p = new NDArray[4];
                    for (int i = 0; i < 4; i++) {
                        p[i] = w[i].duplicate(); // fresh leaves: gradients accumulate otherwise
                        p[i].setRequiresGradient(true);
                    }
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = k == 0 ? LstmKernel.fused(x, h0, c0, p[0], p[1], p[2], p[3], true)
                                : LstmKernel.stepwise(x, h0, c0, p[0], p[1], p[2], p[3]);
                        gc.backward(out.get(0).mul(out.get(0)).sum().add(out.get(2).sum()));
                        outs[k] = out;
                    }
                    for (int i = 0; i < 4; i++) {
                        grads[4 * k + i] = p[i].getGradient().toFloatArray();
                    }
                }
                for (int o = 0; o < 3; o++) {
                    float d = outs[0].get(o).sub(outs[1].get(o)).abs().max().getFloat();
                    assertTrue(d < 1e-5, in + "->" + hid + " output " + o + " differs by " + d);
                }
                for (int p = 0; p < 4; p++) {
                    for (int i = 0; i < grads[p].length; i++) {
                        assertTrue(Math.abs(grads[p][i] - grads[4 + p][i]) < 1e-4,
                                in + "->" + hid + " gradient of weight " + p + " entry " + i);
                    }
                }
            }
        }
    }
}
