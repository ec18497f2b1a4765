package org.fastdjl.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import org.fastdjl.core.nn.Tensors;

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
 * <p>Each parameter is updated with one call of the engine's fused Adam kernel, or, when its layer group
 * is one run of a {@link FlatParameters} packing, the whole group with one call; the bias corrections
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
    /** Per fused group: its flat first and second moments, then each parameter's pair of views of them. */
    private final Map<Integer, GroupMoments> groupMoments = new HashMap<>();
    private long fusedUpdates;
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
        adam(w, grad, m[0], m[1], lr, step);
        JniUtils.zeroGrad((PtNDArray) w);
    }

    /** The engine's fused Adam with decoupled weight decay, on one tensor or on a packed run of them. */
    private void adam(NDArray w, NDArray grad, NDArray mean, NDArray var, double lr, long step) {
        double bc1 = 1 - Math.pow(mom(), step);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, step));
        JniUtils.adamUpdate(
                (PtNDArray) w,
                (PtNDArray) grad,
                (PtNDArray) mean,
                (PtNDArray) var,
                (float) lr,
                (float) (lr * sqrtBc2 / bc1),
                (float) wd(),
                1f,
                -1f, // no value clamping: fastai clips by global norm instead
                (float) mom(),
                (float) beta2,
                (float) (eps * sqrtBc2),
                true);
    }

    /**
     * One fused update of a group whose parameters are one packed run, all with a gradient and at the
     * same step: their gradients are flattened into one tensor and the run gets a single Adam update
     * (moments kept as one flat pair per group, each parameter's moments being views of it). The engine
     * applies the same element-wise operations as per tensor, so the result is the same, bit for bit.
     */
    @Override
    protected boolean updateGroup(int group, List<Parameter> params, double lr) {
        FlatParameters flat = flatParameters();
        NDArray run = flat == null ? null : flat.slice(params);
        if (run == null) {
            return false;
        }
        long step = steps.getOrDefault(params.get(0).getId(), 0L);
        for (Parameter p : params) {
            if (steps.getOrDefault(p.getId(), 0L) != step) {
                return false;
            }
        }
        PtNDArray[] flatGrads = new PtNDArray[params.size()];
        try {
            for (int i = 0; i < flatGrads.length; i++) {
                NDArray grad = gradient(params.get(i));
                if (grad == null) {
                    return false;
                }
                try (grad) {
                    flatGrads[i] = JniUtils.flatten((PtNDArray) grad, 0, -1);
                }
            }
            GroupMoments gm = groupMoments(group, params, run);
            try (PtNDArray grads = JniUtils.cat(flatGrads, 0)) {
                adam(run, grads, gm.mean, gm.var, lr, step + 1);
            }
        } finally {
            for (PtNDArray g : flatGrads) {
                if (g != null) {
                    g.close();
                }
            }
        }
        for (Parameter p : params) {
            steps.put(p.getId(), step + 1);
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
        fusedUpdates++;
        return true;
    }

    /** @return how many group updates were fused into one engine call so far (for tests) */
    long fusedUpdates() {
        return fusedUpdates;
    }

    /**
     * The group's flat moments, made (zeros, or the parameters' current moments copied in) when the
     * group has none yet or its parameters' moments are no longer views of them (after {@link #restore}).
     */
    private GroupMoments groupMoments(int group, List<Parameter> params, NDArray run) {
        GroupMoments gm = groupMoments.get(group);
        if (gm != null && gm.isCurrent(params, moments)) {
            return gm;
        }
        if (gm != null) {
            gm.close(moments);
        }
        gm = new GroupMoments(zerosLike(run), zerosLike(run));
        long offset = 0;
        for (Parameter p : params) {
            NDArray w = p.getArray();
            long n = w.size();
            NDArray[] views = {gm.view(gm.mean, offset, n, w.getShape()), gm.view(gm.var, offset, n, w.getShape())};
            NDArray[] old = moments.put(p.getId(), views);
            if (old != null) {
                Tensors.copyInto(views[0], old[0]);
                Tensors.copyInto(views[1], old[1]);
                old[0].close();
                old[1].close();
            }
            gm.pairs.add(views);
            offset += n;
        }
        groupMoments.put(group, gm);
        return gm;
    }

    /** A fused group's flat moments and the per-parameter views of them. */
    private static final class GroupMoments {
        final NDArray mean;
        final NDArray var;
        final List<NDArray[]> pairs = new ArrayList<>();

        GroupMoments(NDArray mean, NDArray var) {
            this.mean = mean;
            this.var = var;
        }

        NDArray view(NDArray flat, long offset, long n, ai.djl.ndarray.types.Shape shape) {
            try (NDArray slice = JniUtils.slice((PtNDArray) flat, 0, offset, offset + n, 1)) {
                NDArray v = slice.reshape(shape);
                NDScope.unregister(v);
                return v;
            }
        }

        /** Whether every parameter's moments are still this group's views (not replaced by a restore). */
        boolean isCurrent(List<Parameter> params, Map<String, NDArray[]> moments) {
            if (params.size() != pairs.size()) {
                return false;
            }
            for (int i = 0; i < params.size(); i++) {
                if (moments.get(params.get(i).getId()) != pairs.get(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Frees the flat moments, and those views the moments map no longer holds (it closes its own). */
        void close(Map<String, NDArray[]> moments) {
            for (NDArray[] pair : pairs) {
                if (!moments.containsValue(pair)) {
                    pair[0].close();
                    pair[1].close();
                }
            }
            mean.close();
            var.close();
        }
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
        // the caller closed the current moments (views included); free the groups' flat buffers
        for (GroupMoments gm : groupMoments.values()) {
            gm.mean.close();
            gm.var.close();
        }
        groupMoments.clear();
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
