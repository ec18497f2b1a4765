package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** A loss: the mean over the batch of a per-item loss, as a scalar array that can be back-propagated. */
@FunctionalInterface
public interface LossFunction {

    /**
     * Computes the loss of a batch.
     *
     * @param predictions the model's outputs
     * @param targets the batch's targets
     * @return a scalar array
     */
    NDArray compute(NDList predictions, NDList targets);

    /**
     * The final activation that turns the model's raw output into predictions, as fastai's {@code
     * loss_func2activ}: softmax over the last axis for cross-entropy, nothing for regression losses.
     *
     * @param output the model's raw output
     * @return the predictions
     */
    default NDArray activation(NDArray output) {
        return output;
    }
}
