package org.fastdjl.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part every {@link Optimizer} shares: layer groups with one learning rate each, momentum, weight
 * decay, the step loop over parameters that have a gradient, global-norm clipping and snapshots of the
 * per-parameter state. Subclasses write {@link #update} for one parameter, and may write {@link
 * #updateGroup} for a whole group held in one {@link FlatParameters} run.
 */
public abstract class GroupedOptimizer implements Optimizer {

    private final List<List<Parameter>> groups;
    private final NDManager manager;
    private FlatParameters flat;
    private double[] lr;
    private double mom;
    private double wd;

    /**
     * Creates the optimizer.
     *
     * @param groups the parameters of each layer group
     * @param lr the learning rate of each group
     * @param wd the weight decay
     * @param manager where the state is allocated (on the parameters' device)
     */
    protected GroupedOptimizer(List<List<Parameter>> groups, double[] lr, double wd, NDManager manager) {
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

    /**
     * Updates one parameter.
     *
     * @param p the parameter
     * @param w its array
     * @param grad its gradient (to be zeroed by the update)
     * @param lr the learning rate of its group
     */
    protected abstract void update(Parameter p, NDArray w, NDArray grad, double lr);

    /** @return the per-parameter state arrays, by parameter id */
    protected abstract Map<String, NDArray[]> state();

    /** @return the per-parameter step counts, by parameter id */
    protected abstract Map<String, Long> steps();

    /**
     * Replaces the per-parameter state (the arrays are the optimizer's from now on).
     *
     * @param state the arrays by parameter id
     * @param steps the step counts by parameter id
     */
    protected abstract void setState(Map<String, NDArray[]> state, Map<String, Long> steps);

    /** @return the manager of the optimizer's state */
    protected NDManager manager() {
        return manager;
    }

    /**
     * Lets {@link #updateGroup} update a whole group at once where its parameters are one run of a
     * packed buffer (a {@code Learner} packs its model's parameters and passes the packing here).
     *
     * @param flat the packing, or {@code null}
     */
    public void setFlatParameters(FlatParameters flat) {
        this.flat = flat;
    }

    /** @return the packing of the parameters, or {@code null} */
    protected FlatParameters flatParameters() {
        return flat;
    }

    /**
     * Updates a whole layer group with one fused engine call, where the subclass can and the group's
     * parameters allow it; the result must equal {@link #update} on each parameter, bit for bit.
     *
     * @param group the index of the group
     * @param params its parameters
     * @param lr its learning rate
     * @return whether the group was updated (and its gradients zeroed); {@code false} to update its
     *     parameters one by one
     */
    protected boolean updateGroup(int group, List<Parameter> params, double lr) {
        return false;
    }

    /**
     * Allocates a zero state array like a parameter, kept out of the batch scope.
     *
     * @param w the parameter's array
     * @return the zeros
     */
    protected NDArray zerosLike(NDArray w) {
        NDArray z = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        NDScope.unregister(z);
        return z;
    }

    @Override
    public int numGroups() {
        return groups.size();
    }

    /** @return the parameters of each group */
    public List<List<Parameter>> groups() {
        return groups;
    }

    @Override
    public double[] lr() {
        return lr.clone();
    }

    @Override
    public void setLr(double[] lr) {
        if (lr.length != groups.size()) {
            throw new IllegalArgumentException(
                    lr.length + " learning rates given for " + groups.size() + " layer groups");
        }
        this.lr = lr.clone();
    }

    @Override
    public double mom() {
        return mom;
    }

    @Override
    public void setMom(double mom) {
        this.mom = mom;
    }

    @Override
    public double wd() {
        return wd;
    }

    @Override
    public void setWd(double wd) {
        this.wd = wd;
    }

    @Override
    public void step() {
        for (int gi = 0; gi < groups.size(); gi++) {
            if (flat != null && updateGroup(gi, groups.get(gi), lr[gi])) {
                continue;
            }
            for (Parameter p : groups.get(gi)) {
                NDArray grad = gradient(p);
                if (grad != null) {
                    try (grad) {
                        update(p, p.getArray(), grad, lr[gi]);
                    }
                }
            }
        }
    }

    @Override
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

    @Override
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

    /**
     * The gradient of a trainable parameter, or {@code null} when it does not require one or got none
     * in the last backward pass (PyTorch's {@code p.grad is None}). The caller closes the handle.
     *
     * @param p the parameter
     * @return the gradient or {@code null}
     */
    protected static NDArray gradient(Parameter p) {
        NDArray w = p.getArray();
        if (w == null || !w.hasGradient()) {
            return null;
        }
        return JniUtils.getGradient((PtNDArray) w);
    }

    @Override
    public AutoCloseable snapshot() {
        return new Snapshot(copy(state()), new HashMap<>(steps()), lr.clone(), mom, wd);
    }

    @Override
    public void restore(AutoCloseable snapshot) {
        Snapshot s = (Snapshot) snapshot;
        closeAll(state());
        setState(copy(s.state), new HashMap<>(s.steps));
        lr = s.lr.clone();
        mom = s.mom;
        wd = s.wd;
    }

    @Override
    public void close() {
        closeAll(state());
        setState(new HashMap<>(), new HashMap<>());
    }

    private Map<String, NDArray[]> copy(Map<String, NDArray[]> state) {
        Map<String, NDArray[]> out = new HashMap<>();
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            NDArray[] src = e.getValue();
            NDArray[] dst = new NDArray[src.length];
            for (int i = 0; i < src.length; i++) {
                dst[i] = src[i].duplicate();
                dst[i].attach(manager);
                NDScope.unregister(dst[i]);
            }
            out.put(e.getKey(), dst);
        }
        return out;
    }

    private static void closeAll(Map<String, NDArray[]> state) {
        for (NDArray[] arrays : state.values()) {
            for (NDArray a : arrays) {
                a.close();
            }
        }
    }

    /** A copy of an optimizer's state. */
    private static final class Snapshot implements AutoCloseable {
        final Map<String, NDArray[]> state;
        final Map<String, Long> steps;
        final double[] lr;
        final double mom;
        final double wd;

        Snapshot(Map<String, NDArray[]> state, Map<String, Long> steps, double[] lr, double mom, double wd) {
            this.state = state;
            this.steps = steps;
            this.lr = lr;
            this.mom = mom;
            this.wd = wd;
        }

        @Override
        public void close() {
            closeAll(state);
        }
    }
}
