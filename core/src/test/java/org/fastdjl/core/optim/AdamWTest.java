package org.fastdjl.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;

import org.junit.jupiter.api.Test;

import java.util.List;

class AdamWTest {

    private static Parameter param(NDManager m, float[] init) {
        Parameter p = Parameter.builder()
                .setName("w")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(init.length))
                .optInitializer(Initializer.ZEROS)
                .build();
        p.initialize(m, DataType.FLOAT32);
        p.getArray().set(init);
        return p;
    }

    /** loss = sum(c * w), so the gradient is c. */
    private static void backward(Parameter p, float[] c) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = p.getArray().mul(p.getArray().getManager().create(c)).sum();
            gc.backward(loss);
        }
    }

    @Test
    void twoStepsEqualPyTorchAdamWithDecoupledWeightDecayByHand() {
        float[] w0 = {1f, -2f, 0.5f};
        float[] c = {0.3f, -1.2f, 4f};
        double lr = 0.1;
        double wd = 0.01;
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, w0);
            AdamW opt = new AdamW(List.of(List.of(p)), new double[] {lr}, wd, m);
            double[] moms = {0.95, 0.9};
            double[] w = {w0[0], w0[1], w0[2]};
            double[] mean = new double[3];
            double[] var = new double[3];
            for (int step = 1; step <= 2; step++) {
                double b1 = moms[step - 1];
                opt.setMom(b1);
                backward(p, c);
                opt.step();
                // torch.optim.Adam(betas=(b1, 0.99), eps=1e-8) after fastai's w.mul_(1 - lr*wd)
                for (int i = 0; i < 3; i++) {
                    w[i] *= 1 - lr * wd;
                    mean[i] = b1 * mean[i] + (1 - b1) * c[i];
                    var[i] = 0.99 * var[i] + (1 - 0.99) * c[i] * c[i];
                    double bc1 = 1 - Math.pow(b1, step);
                    double bc2 = 1 - Math.pow(0.99, step);
                    double denom = Math.sqrt(var[i]) / Math.sqrt(bc2) + 1e-8;
                    w[i] -= lr / bc1 * mean[i] / denom;
                }
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(w[i], got[i], 1e-6, "weight " + i + " after step " + step);
                }
            }
            // the fused step zeroes the gradient, as zero_grad would
            PtNDArray g = JniUtils.getGradient((PtNDArray) p.getArray());
            assertEquals(0f, g.abs().sum().getFloat(), 0f);
            g.close();
            opt.close();
        }
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRate() {
        // with bias correction, Adam's first step is lr * sign(grad) (up to eps), whatever the grad's size
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, new float[] {0f, 0f});
            AdamW opt = new AdamW(List.of(List.of(p)), new double[] {0.05}, 0, m);
            backward(p, new float[] {1000f, -0.001f});
            opt.step();
            float[] got = p.getArray().toFloatArray();
            assertEquals(-0.05, got[0], 1e-6);
            assertEquals(0.05, got[1], 1e-4);
            opt.close();
        }
    }

    @Test
    void clipGradNormScalesToTheMaxNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, new float[] {0f, 0f, 0f});
            AdamW opt = new AdamW(List.of(List.of(p)), new double[] {0.1}, 0, m);
            backward(p, new float[] {3f, 4f, 0f}); // norm 5
            opt.clipGradNorm(1.0);
            PtNDArray g = JniUtils.getGradient((PtNDArray) p.getArray());
            float[] got = g.toFloatArray();
            assertEquals(0.6, got[0], 1e-5);
            assertEquals(0.8, got[1], 1e-5);
            g.close();
            // below the max norm nothing changes
            opt.clipGradNorm(10.0);
            g = JniUtils.getGradient((PtNDArray) p.getArray());
            assertEquals(0.6, g.toFloatArray()[0], 1e-5);
            g.close();
            opt.close();
        }
    }

    @Test
    void sgdWithMomentumEqualsPyTorchSgdByHand() {
        float[] w0 = {1f, -1f};
        float[] c = {0.5f, 2f};
        double lr = 0.1;
        double wd = 0.1;
        double mom = 0.9;
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m, w0);
            Sgd opt = new Sgd(List.of(List.of(p)), new double[] {lr}, wd, m, mom);
            double[] w = {w0[0], w0[1]};
            double[] buf = new double[2];
            for (int step = 1; step <= 3; step++) {
                backward(p, c);
                opt.step();
                for (int i = 0; i < 2; i++) {
                    w[i] *= 1 - lr * wd;
                    buf[i] = step == 1 ? c[i] : mom * buf[i] + c[i];
                    w[i] -= lr * buf[i];
                }
                float[] got = p.getArray().toFloatArray();
                assertEquals(w[0], got[0], 1e-6, "step " + step);
                assertEquals(w[1], got[1], 1e-6, "step " + step);
            }
            opt.close();
        }
    }
}
