package org.fastdjl.text.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Locale;

/**
 * The two ways a single LSTM layer runs: the engine's fused kernel ({@code torch::lstm}, oneDNN's RNN
 * primitive on a CPU) or step by step with ordinary tensor operations ({@code linear}, {@code sigmoid},
 * {@code tanh}: PyTorch's {@code LSTMCell} arithmetic), both differentiated by the engine's autograd.
 *
 * <p>Why two: oneDNN's AVX-512 RNN kernels in libtorch 2.7.1 return wrong outputs for some layer sizes
 * on some CPUs (on the AMD EPYC machines this project is built on: hidden sizes 8, 12, 16, 200, 400 —
 * including the AWD-LSTM's last layer, 1152 -> 400 — while 20, 24, 64, 600 and 1152 are right); capped at
 * AVX2 ({@code ONEDNN_MAX_CPU_ISA=AVX2} in the environment before the JVM starts) they are right. So the
 * first large LSTM call of the process compares the fused kernel with the step-by-step one on sizes known
 * to go wrong, and uses the fused kernel only when they agree; layers with fewer than {@link
 * #FUSED_FROM_HIDDEN} hidden units always run step by step (faster here). The system property {@code
 * fastdjl.lstm=fused|stepwise|auto} overrides both ({@code fused}: every layer, unchecked).
 */
final class LstmKernel {

    private static final System.Logger LOG = System.getLogger(LstmKernel.class.getName());

    /**
     * Layers with fewer hidden units run step by step even where the fused kernel is right: oneDNN's
     * kernel (capped at AVX2) took 5 to 10 times as long for the tiny preset's layers (hidden 128) in a
     * training step on one thread here, and about as long for hidden 600 to 1152 (see docs/text-lm.md).
     */
    static final long FUSED_FROM_HIDDEN = 256;

    /** {in, hidden} pairs the broken kernels got wrong here. */
    private static final int[][] PROBES = {{8, 12}, {16, 16}, {1152, 400}};

    private static volatile Boolean fused;

    private LstmKernel() {}

    /**
     * Runs one layer.
     *
     * @param x {@code (bs, sl, in)}
     * @param h0 {@code (1, bs, hid)}
     * @param c0 {@code (1, bs, hid)}
     * @param wih {@code (4*hid, in)}
     * @param whh {@code (4*hid, hid)}
     * @param bih {@code (4*hid)}
     * @param bhh {@code (4*hid)}
     * @param training whether the engine runs in training mode
     * @return {@code [output (bs, sl, hid), h (1, bs, hid), c (1, bs, hid)]}
     */
    static NDList run(NDArray x, NDArray h0, NDArray c0, NDArray wih, NDArray whh, NDArray bih, NDArray bhh,
            boolean training) {
        boolean large = whh.getShape().get(1) >= FUSED_FROM_HIDDEN || "fused".equals(System.getProperty("fastdjl.lstm"));
        return large && useFused()
                ? fused(x, h0, c0, wih, whh, bih, bhh, training)
                : stepwise(x, h0, c0, wih, whh, bih, bhh);
    }

    /** @return whether the fused kernel is in use (deciding now if not yet decided) */
    static boolean useFused() {
        Boolean f = fused;
        if (f == null) {
            synchronized (LstmKernel.class) {
                if (fused == null) {
                    fused = decide();
                }
                f = fused;
            }
        }
        return f;
    }

    /** The engine's {@code torch::lstm}, one layer, batch first. */
    static NDList fused(NDArray x, NDArray h0, NDArray c0, NDArray wih, NDArray whh, NDArray bih, NDArray bhh,
            boolean training) {
        return x.getNDArrayInternal().lstm(x, new NDList(h0, c0), new NDList(wih, whh, bih, bhh), true, 1, 0,
                training, false, true);
    }

    /**
     * PyTorch's LSTM arithmetic, one time step after the other: the input projection of every step in
     * one matrix product, then per step {@code gates = xproj_t + h W_hh^T}, {@code i, f, o = sigmoid},
     * {@code g = tanh}, {@code c = f c + i g}, {@code h = o tanh(c)}.
     */
    static NDList stepwise(NDArray x, NDArray h0, NDArray c0, NDArray wih, NDArray whh, NDArray bih, NDArray bhh) {
        long sl = x.getShape().get(1);
        NDArray xproj = x.getNDArrayInternal().linear(x, wih, bih.add(bhh)).head(); // (bs, sl, 4h)
        NDList steps = xproj.swapAxes(0, 1).split(sl, 0);                          // sl x (1, bs, 4h)
        NDArray h = h0.squeeze(0);
        NDArray c = c0.squeeze(0);
        NDList outs = new NDList((int) sl);
        for (int t = 0; t < sl; t++) {
            NDArray gates = steps.get(t).squeeze(0).add(h.getNDArrayInternal().linear(h, whh, null).head());
            NDList g = gates.split(4, 1);
            NDArray in = g.get(0).getNDArrayInternal().sigmoid();
            NDArray forget = g.get(1).getNDArrayInternal().sigmoid();
            NDArray cell = g.get(2).tanh();
            NDArray out = g.get(3).getNDArrayInternal().sigmoid();
            c = forget.mul(c).add(in.mul(cell));
            h = out.mul(c.tanh());
            outs.add(h);
        }
        NDArray output = sl == 1 ? outs.get(0).expandDims(1) : NDArrays.stack(outs, 1);
        return new NDList(output, h.expandDims(0), c.expandDims(0));
    }

    private static boolean decide() {
        String choice = System.getProperty("fastdjl.lstm", "auto").toLowerCase(Locale.ROOT);
        if (choice.equals("fused")) {
            return true;
        }
        if (choice.equals("stepwise")) {
            return false;
        }
        boolean agree = fusedAgrees();
        if (!agree) {
            LOG.log(System.Logger.Level.WARNING, "the engine's fused LSTM kernel (oneDNN) gives wrong results on this"
                    + " CPU; the AWD-LSTM runs its LSTMs step by step. Start the JVM with ONEDNN_MAX_CPU_ISA=AVX2 in"
                    + " the environment to use the (correct, faster) AVX2 kernel.");
        }
        return agree;
    }

    /** Whether the fused kernel matches the step-by-step arithmetic on the sizes known to go wrong. */
    private static boolean fusedAgrees() {
        Engine engine = Engine.getInstance(); // loads libtorch before the JNI calls below
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope();
                NDManager m = NDManager.newBaseManager(engine.defaultDevice())) {
            scope.suppressNotUsedWarning();
            for (int[] p : PROBES) {
                int in = p[0];
                int hid = p[1];
                NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 4, in));
                NDArray h0 = m.randomUniform(-1f, 1f, new Shape(1, 3, hid));
                NDArray c0 = m.randomUniform(-1f, 1f, new Shape(1, 3, hid));
                float bound = (float) (1 / Math.sqrt(hid));
                NDArray wih = m.randomUniform(-bound, bound, new Shape(4L * hid, in));
                NDArray whh = m.randomUniform(-bound, bound, new Shape(4L * hid, hid));
                NDArray bih = m.randomUniform(-bound, bound, new Shape(4L * hid));
                NDArray bhh = m.randomUniform(-bound, bound, new Shape(4L * hid));
                NDList a = fused(x, h0, c0, wih, whh, bih, bhh, false);
                NDList b = stepwise(x, h0, c0, wih, whh, bih, bhh);
                for (int k = 0; k < 3; k++) {
                    if (a.get(k).sub(b.get(k)).abs().max().getFloat() > 1e-4f) {
                        return false;
                    }
                }
            }
            return true;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }
}
