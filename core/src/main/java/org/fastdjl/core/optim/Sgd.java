package org.fastdjl.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent as PyTorch's {@code optim.SGD} (no dampening, no Nesterov) with fastai's
 * decoupled weight decay: {@code w -= lr * wd * w}, then {@code buf = mom * buf + grad; w -= lr * buf}
 * (with momentum 0, plain gradient descent {@code w -= lr * grad}).
 */
public final class Sgd extends GroupedOptimizer {

    private final Map<String, NDArray> buffers = new HashMap<>();

    /**
     * Creates the optimizer.
     *
     * @param groups the parameters of each group
     * @param lr the learning rate of each group
     * @param wd the weight decay
     * @param manager where the momentum buffers live
     * @param mom the momentum
     */
    public Sgd(List<List<Parameter>> groups, double[] lr, double wd, NDManager manager, double mom) {
        super(groups, lr, wd, manager);
        setMom(mom);
    }

    /**
     * An {@link OptFunc} for SGD with a momentum.
     *
     * @param mom the momentum (0 for plain gradient descent)
     * @return the factory
     */
    public static OptFunc with(double mom) {
        return (groups, lr, wd, manager) -> new Sgd(groups, lr, wd, manager, mom);
    }

    @Override
    protected void update(Parameter p, NDArray w, NDArray grad, double lr) {
        if (wd() != 0) {
            w.muli(1 - lr * wd());
        }
        NDArray dir = grad;
        if (mom() != 0) {
            NDArray buf = buffers.get(p.getId());
            if (buf == null) {
                buf = grad.duplicate();
                buf.attach(manager());
                NDScope.unregister(buf);
                buffers.put(p.getId(), buf);
            } else {
                buf.muli(mom()).addi(grad);
            }
            dir = buf;
        }
        w.subi(dir.mul(lr));
        grad.subi(grad); // zero_grad
    }

    @Override
    protected Map<String, NDArray[]> state() {
        Map<String, NDArray[]> s = new HashMap<>();
        for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
            s.put(e.getKey(), new NDArray[] {e.getValue()});
        }
        return s;
    }

    @Override
    protected void setState(Map<String, NDArray[]> state, Map<String, Long> steps) {
        buffers.clear();
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            buffers.put(e.getKey(), e.getValue()[0]);
        }
    }

    @Override
    protected Map<String, Long> steps() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "Sgd(lr=" + java.util.Arrays.toString(lr()) + ", mom=" + mom() + ", wd=" + wd() + ")";
    }
}
