package org.fastdjl.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fastai v1's default optimizer: PyTorch's Adam with betas (0.9, 0.99) and eps 1e-8, wrapped as fastai's
 * {@code OptimWrapper} with "true" (decoupled) weight decay: every step first does {@code w -= lr * wd *
 * w} and then the Adam update, with one learning rate per layer group and beta1 (the momentum) set by
 * the schedule before each step.
 *
 * <p>Each parameter is updated with one call of the engine's fused Adam kernel; the bias corrections
 * are passed so the update equals PyTorch's {@code torch.optim.Adam} exactly ({@code lr * sqrt(1-b2^t) /
 * (1-b1^t) * m / (sqrt(v) + eps * sqrt(1-b2^t))}, which is PyTorch's formula rearranged). Optimizer
 * state (the moving averages) lives on the parameters' device. Parameters that do not require a gradient
 * (frozen ones) and parameters that got no gradient are skipped, as PyTorch skips them.
 */
public final class AdamW implements AutoCloseable {

    /** fastai v1's default betas. */
    public static final double BETA1 = 0.9;

    /** fastai v1's default beta2. */
    public static final double BETA2 = 0.99;

    /** PyTorch Adam's default eps. */
    public static final double EPS = 1e-8;

    private final List<List<Parameter>> groups;
    private final NDManager manager;
    private final Map<String, State> states = new HashMap<>();
    private double[] lr;
    private double mom = BETA1;
    private double beta2 = BETA2;
    private double eps = EPS;
    private double wd;

    private static final class State {
        final NDArray mean;
        final NDArray var;
        long step;

        State(NDArray mean, NDArray var, long step) {
            this.mean = mean;
            this.var = var;
            this.step = step;
        }
    }

    /**
     * Creates the optimizer.
     *
     * @param groups the parameters of each layer group
     * @param lr the learning rate of each group
     * @param wd the weight decay, applied decoupled ({@code w -= lr * wd * w})
     * @param manager where the optimizer state is allocated (on the parameters' device)
     */
    public AdamW(List<List<Parameter>> groups, double[] lr, double wd, NDManager manager) {
        if (lr.length != groups.size()) {
            throw new IllegalArgumentException(
                    lr.length + " learning rates given for " + groups.size() + " layer groups");
        }
        this.groups = new ArrayList<>();
        for (List<Parameter> g : groups) {
            this.groups.add(List.copyOf(g));
        }
        this.lr = lr.clone();
        this.wd = wd;
        this.manager = manager;
    }

    /** @return the number of layer groups */
    public int numGroups() {
        return groups.size();
    }

    /** @return the parameters of each group */
    public List<List<Parameter>> groups() {
        return groups;
    }

    /** @return the learning rate of each group (a copy) */
    public double[] lr() {
        return lr.clone();
    }

    /**
     * Sets the learning rate of each group.
     *
     * @param lr one rate per group
     */
    public void setLr(double[] lr) {
        if (lr.length != groups.size()) {
            throw new IllegalArgumentException(
                    lr.length + " learning rates given for " + groups.size() + " layer groups");
        }
        this.lr = lr.clone();
    }

    /** @return beta1, the momentum */
    public double mom() {
        return mom;
    }

    /**
     * Sets beta1 (fastai calls it the momentum).
     *
     * @param mom beta1
     */
    public void setMom(double mom) {
        this.mom = mom;
    }

    /** @return beta2 */
    public double beta2() {
        return beta2;
    }

    /**
     * Sets beta2.
     *
     * @param beta2 beta2
     */
    public void setBeta2(double beta2) {
        this.beta2 = beta2;
    }

    /** @return eps */
    public double eps() {
        return eps;
    }

    /**
     * Sets eps.
     *
     * @param eps eps
     */
    public void setEps(double eps) {
        this.eps = eps;
    }

    /** @return the weight decay */
    public double wd() {
        return wd;
    }

    /**
     * Sets the weight decay.
     *
     * @param wd the weight decay
     */
    public void setWd(double wd) {
        this.wd = wd;
    }

    /**
     * Scales the gradients so that their global L2 norm is at most {@code maxNorm}, as PyTorch's {@code
     * clip_grad_norm_} (coefficient {@code maxNorm / (norm + 1e-6)} when below 1). The computation stays
     * on the device.
     *
     * @param maxNorm the largest allowed norm
     */
    public void clipGradNorm(double maxNorm) {
        List<NDArray> grads = new ArrayList<>();
        for (List<Parameter> g : groups) {
            for (Parameter p : g) {
                NDArray grad = gradient(p);
                if (grad != null) {
                    grads.add(grad);
                }
            }
        }
        if (grads.isEmpty()) {
            return;
        }
        NDArray total = null;
        for (NDArray grad : grads) {
            NDArray sq = grad.square().sum();
            total = total == null ? sq : total.add(sq);
        }
        NDArray coef = total.sqrt().add(1e-6).pow(-1).mul(maxNorm).minimum(1f);
        for (NDArray grad : grads) {
            grad.muli(coef);
            grad.close();
        }
    }

    /** Applies one update to every parameter that has a gradient, then zeroes the gradients. */
    public void step() {
        for (int gi = 0; gi < groups.size(); gi++) {
            float lrG = (float) lr[gi];
            for (Parameter p : groups.get(gi)) {
                NDArray w = p.getArray();
                NDArray grad = gradient(p);
                if (grad == null) {
                    continue;
                }
                State s = states.get(p.getId());
                if (s == null) {
                    NDArray mean = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
                    NDArray var = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
                    NDScope.unregister(mean, var);
                    s = new State(mean, var, 0);
                    states.put(p.getId(), s);
                }
                s.step++;
                double bc1 = 1 - Math.pow(mom, s.step);
                double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, s.step));
                w.getNDArrayInternal()
                        .adamUpdate(
                                new NDList(w, grad, s.mean, s.var),
                                new NDList(w),
                                lrG,
                                (float) (lr[gi] * sqrtBc2 / bc1),
                                (float) wd,
                                1f,
                                -1f, // no value clamping: fastai clips by global norm instead
                                (float) mom,
                                (float) beta2,
                                (float) (eps * sqrtBc2),
                                false,
                                true);
                grad.close();
            }
        }
    }

    /** Zeroes the gradients of every parameter (the fused step already does it for the ones it updates). */
    public void zeroGrad() {
        for (List<Parameter> g : groups) {
            for (Parameter p : g) {
                NDArray w = p.getArray();
                if (w != null && w.hasGradient()) {
                    JniUtils.zeroGrad((PtNDArray) w);
                }
            }
        }
    }

    /**
     * The gradient of a trainable parameter, or {@code null} when it does not require one or got none
     * in the last backward pass. The returned handle must be closed by the caller.
     */
    private static NDArray gradient(Parameter p) {
        NDArray w = p.getArray();
        if (w == null || !w.hasGradient()) {
            return null;
        }
        return JniUtils.getGradient((PtNDArray) w);
    }

    /**
     * A copy of the optimizer state (moving averages and step counts), to undo a trial run such as the
     * LR finder.
     *
     * @return the snapshot; close it when done
     */
    public Snapshot snapshot() {
        return new Snapshot(this);
    }

    /**
     * Puts back the state of a snapshot.
     *
     * @param snapshot the snapshot taken from this optimizer
     */
    public void restore(Snapshot snapshot) {
        for (State s : states.values()) {
            s.mean.close();
            s.var.close();
        }
        states.clear();
        for (Map.Entry<String, State> e : snapshot.states.entrySet()) {
            State s = e.getValue();
            NDArray mean = s.mean.duplicate();
            NDArray var = s.var.duplicate();
            mean.attach(manager);
            var.attach(manager);
            NDScope.unregister(mean, var);
            states.put(e.getKey(), new State(mean, var, s.step));
        }
        lr = snapshot.lr.clone();
        mom = snapshot.mom;
        wd = snapshot.wd;
    }

    /** Frees the optimizer state. */
    @Override
    public void close() {
        for (State s : states.values()) {
            s.mean.close();
            s.var.close();
        }
        states.clear();
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + Arrays.toString(lr) + ", mom=" + mom + ", beta2=" + beta2 + ", eps=" + eps
                + ", wd=" + wd + ")";
    }

    /** A copy of an {@link AdamW}'s state. */
    public static final class Snapshot implements AutoCloseable {
        private final Map<String, State> states = new HashMap<>();
        private final double[] lr;
        private final double mom;
        private final double wd;

        private Snapshot(AdamW opt) {
            for (Map.Entry<String, State> e : opt.states.entrySet()) {
                State s = e.getValue();
                NDArray mean = s.mean.duplicate();
                NDArray var = s.var.duplicate();
                NDScope.unregister(mean, var);
                states.put(e.getKey(), new State(mean, var, s.step));
            }
            lr = opt.lr.clone();
            mom = opt.mom;
            wd = opt.wd;
        }

        @Override
        public void close() {
            for (State s : states.values()) {
                s.mean.close();
                s.var.close();
            }
        }
    }
}
