package org.fastdjl.core.data;

import ai.djl.ndarray.NDManager;

import java.util.Iterator;

/**
 * Something that yields the batches of one pass over a data set, as fastai's {@code DeviceDataLoader}:
 * each batch is created directly on the device of the manager passed to {@link #iterator(NDManager)}.
 *
 * <p>Implementations decide the order (shuffled for training, fixed for validation) and may keep state
 * across passes, such as the language-model stream's shuffled document order.
 */
public interface DataLoader {

    /** @return the number of batches one pass yields */
    int numBatches();

    /** @return the batch size */
    int batchSize();

    /** @return the number of items in the underlying data set */
    int size();

    /**
     * Starts one pass over the data.
     *
     * @param parent the manager whose device the batches go to; each batch gets its own sub-manager
     * @return the batches of one pass, each to be closed by the caller
     */
    Iterator<Batch> iterator(NDManager parent);
}
