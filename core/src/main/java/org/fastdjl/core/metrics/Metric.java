package org.fastdjl.core.metrics;

import ai.djl.ndarray.NDList;

/**
 * A validation metric, accumulated batch by batch in Java primitives (no array outlives its batch).
 */
public interface Metric {

    /** @return the column name in the results table, as fastai names it */
    String name();

    /** Starts a new validation pass. */
    void reset();

    /**
     * Adds one batch.
     *
     * @param predictions the model's outputs
     * @param targets the targets
     * @param batchSize the number of items in the batch
     */
    void accumulate(NDList predictions, NDList targets, int batchSize);

    /** @return the value over the batches seen since {@link #reset()} */
    double value();
}
