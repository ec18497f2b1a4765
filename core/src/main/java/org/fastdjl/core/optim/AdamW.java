package org.fastdjl.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

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
 * (1-b1^t) * m / (sqrt(v) + eps * sqrt(1-b2^t))}, PyTorch's formula rearranged). Optimizer state (the
 * moving averages) lives on the parameters' device. Parameters that do not require a gradient (frozen
 * ones) and parameters that got no gradient are skipped, as PyTorch skips them.
 */
public final class AdamW extends GroupedOptimizer {

    /** fastai v1's default beta1. */
    public static final double BETA1 = 0.9;

    /** fastai v1's default beta2. */
    public static final double BETA2 = 0.99;

    /** PyTorch Adam's default eps. */
    public static final double EPS = 1e-8;

    private final Map<String, NDArray[]> moments = new HashMap<>();
    private final Map<String, Long> steps = new HashMap<>();
    private double beta2 = BETA2;
    private double eps = EPS;

    /**
     * Creates the optimizer.
     *
     * @param groups the parameters of each layer group
     * @param lr the learning rate of each group
     * @param wd the weight decay, applied decoupled ({@code w -= lr * wd * w})
     * @param manager where the optimizer state is allocated (on the parameters' device)
     */
    public AdamW(List<List<Parameter>> groups, double[] lr, double wd, NDManager manager) {
        super(groups, lr, wd, manager);
        setMom(BETA1);
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

    @Override
    protected void update(Parameter p, NDArray w, NDArray grad, double lr) {
        NDArray[] m = moments.get(p.getId());
        if (m == null) {
            m = new NDArray[] {zerosLike(w), zerosLike(w)};
            moments.put(p.getId(), m);
        }
        long step = steps.merge(p.getId(), 1L, Long::sum);
        double bc1 = 1 - Math.pow(mom(), step);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, step));
        w.getNDArrayInternal()
                .adamUpdate(
                        new NDList(w, grad, m[0], m[1]),
                        new NDList(w),
                        (float) lr,
                        (float) (lr * sqrtBc2 / bc1),
                        (float) wd(),
                        1f,
                        -1f, // no value clamping: fastai clips by global norm instead
                        (float) mom(),
                        (float) beta2,
                        (float) (eps * sqrtBc2),
                        false,
                        true);
    }

    @Override
    protected Map<String, NDArray[]> state() {
        return moments;
    }

    @Override
    protected Map<String, Long> steps() {
        return steps;
    }

    @Override
    protected void setState(Map<String, NDArray[]> state, Map<String, Long> steps) {
        moments.clear();
        moments.putAll(state);
        this.steps.clear();
        this.steps.putAll(steps);
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + Arrays.toString(lr()) + ", mom=" + mom() + ", beta2=" + beta2 + ", eps=" + eps
                + ", wd=" + wd() + ")";
    }
}
