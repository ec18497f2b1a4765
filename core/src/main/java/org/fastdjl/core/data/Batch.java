package org.fastdjl.core.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * One mini-batch: the model inputs {@code x} and the targets {@code y}, on the learner's device.
 *
 * <p>A batch owns the {@link NDManager} its arrays were created in; closing the batch frees them. The
 * training loop closes every batch at the end of its step, so nothing a batch creates outlives it.
 */
public final class Batch implements AutoCloseable {

    private final NDManager manager;
    private NDList x;
    private NDList y;
    private final int size;
    private final int[] indices;

    /**
     * Creates a batch whose items are not single data-set rows (a language-model stream, say).
     *
     * @param manager the manager that owns {@code x} and {@code y} (closed with the batch)
     * @param x the model inputs, one array per field
     * @param y the targets, one array per field (may be empty for unlabelled data)
     * @param size the number of items in the batch
     */
    public Batch(NDManager manager, NDList x, NDList y, int size) {
        this(manager, x, y, size, null);
    }

    /**
     * Creates a batch of data-set rows.
     *
     * @param manager the manager that owns {@code x} and {@code y} (closed with the batch)
     * @param x the model inputs, one array per field
     * @param y the targets, one array per field
     * @param size the number of items in the batch
     * @param indices the data-set index of each item, or {@code null}
     */
    public Batch(NDManager manager, NDList x, NDList y, int size, int[] indices) {
        this.manager = manager;
        this.x = x;
        this.y = y;
        this.size = size;
        this.indices = indices;
    }

    /**
     * The data-set index of each item, for decoding items in {@code showBatch}.
     *
     * @return the indices, or {@code null} when items are not data-set rows
     */
    public int[] indices() {
        return indices;
    }

    /** @return the model inputs, one array per field */
    public NDList x() {
        return x;
    }

    /** @return the targets, one array per field */
    public NDList y() {
        return y;
    }

    /**
     * Replaces the inputs (a callback's {@code batchBegin} may transform them).
     *
     * @param x the new inputs
     */
    public void setX(NDList x) {
        this.x = x;
    }

    /**
     * Replaces the targets.
     *
     * @param y the new targets
     */
    public void setY(NDList y) {
        this.y = y;
    }

    /** @return the number of items in this batch */
    public int size() {
        return size;
    }

    /** @return the manager that owns this batch's arrays */
    public NDManager manager() {
        return manager;
    }

    /** Frees every array this batch created. */
    @Override
    public void close() {
        manager.close();
    }
}
