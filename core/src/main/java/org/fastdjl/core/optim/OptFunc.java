package org.fastdjl.core.optim;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * Creates an optimizer for some layer groups, as fastai's {@code opt_func}.
 *
 * <pre>{@code
 * Learner.builder(data, model).optOptFunc(Sgd.with(0.9)).build();
 * }</pre>
 */
@FunctionalInterface
public interface OptFunc {

    /** fastai v1's default: Adam with betas (0.9, 0.99), decoupled weight decay. */
    OptFunc ADAM_W = AdamW::new;

    /**
     * Creates the optimizer.
     *
     * @param groups the trainable parameters of each layer group
     * @param lr the learning rate of each group
     * @param wd the weight decay
     * @param manager where to allocate the optimizer's state
     * @return the optimizer
     */
    Optimizer create(List<List<Parameter>> groups, double[] lr, double wd, NDManager manager);
}
