package org.fastdjl.core.optim;

/**
 * What the training loop and its callbacks need of an optimizer, as fastai v1's {@code OptimWrapper}:
 * one learning rate per layer group, a momentum the schedules set at every step, decoupled weight
 * decay, the step itself and global-norm gradient clipping. {@link AdamW} is the default; {@link Sgd} is
 * plain (momentum) gradient descent.
 */
public interface Optimizer extends AutoCloseable {

    /** @return the number of layer groups */
    int numGroups();

    /** @return the learning rate of each group (a copy) */
    double[] lr();

    /**
     * Sets the learning rate of each group.
     *
     * @param lr one rate per group
     */
    void setLr(double[] lr);

    /** @return the momentum (Adam's beta1) */
    double mom();

    /**
     * Sets the momentum (Adam's beta1).
     *
     * @param mom the momentum
     */
    void setMom(double mom);

    /** @return the weight decay */
    double wd();

    /**
     * Sets the weight decay.
     *
     * @param wd the weight decay
     */
    void setWd(double wd);

    /** Applies one update to every parameter that has a gradient, then zeroes the gradients. */
    void step();

    /** Zeroes every gradient without updating. */
    void zeroGrad();

    /**
     * Scales the gradients so their global L2 norm is at most {@code maxNorm}.
     *
     * @param maxNorm the largest allowed norm
     */
    void clipGradNorm(double maxNorm);

    /**
     * Copies the optimizer's state, to undo a trial run.
     *
     * @return the snapshot; close it when done
     */
    AutoCloseable snapshot();

    /**
     * Puts back a snapshot taken from this optimizer.
     *
     * @param snapshot the snapshot
     */
    void restore(AutoCloseable snapshot);

    /** Frees the optimizer's state. */
    @Override
    void close();
}
