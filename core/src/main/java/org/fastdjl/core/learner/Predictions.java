package org.fastdjl.core.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Predictions over a data set (or a batch) copied to Java arrays, with the targets when the data has
 * them, as fastai's {@code get_preds} returns them: the final activation applied (softmax for
 * cross-entropy, none for MSE), rows in data-set order.
 */
public final class Predictions {

    private final float[] values;
    private final Shape shape;
    private final float[] targets;
    private final Shape targetShape;

    /**
     * Creates predictions.
     *
     * @param values the predictions, row-major
     * @param shape their shape, items first
     * @param targets the targets, row-major, or {@code null}
     * @param targetShape their shape, or {@code null}
     */
    public Predictions(float[] values, Shape shape, float[] targets, Shape targetShape) {
        this.values = values;
        this.shape = shape;
        this.targets = targets;
        this.targetShape = targetShape;
    }

    /** @return the predictions, row-major */
    public float[] values() {
        return values;
    }

    /** @return the shape of the predictions, items first */
    public Shape shape() {
        return shape;
    }

    /** @return the number of items */
    public int size() {
        return (int) shape.get(0);
    }

    /** @return values per item */
    public int width() {
        return (int) (shape.size() / Math.max(1, shape.get(0)));
    }

    /**
     * One item's predictions.
     *
     * @param item the item
     * @return its values
     */
    public float[] row(int item) {
        int w = width();
        float[] r = new float[w];
        System.arraycopy(values, item * w, r, 0, w);
        return r;
    }

    /** @return the targets (class indices as floats for classification), or {@code null} */
    public float[] targets() {
        return targets;
    }

    /** @return the shape of the targets, or {@code null} */
    public Shape targetShape() {
        return targetShape;
    }

    /**
     * The predictions as an array.
     *
     * @param manager where to create it
     * @return the array
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(values, shape);
    }

    /**
     * The index of the highest value of each item (the predicted class).
     *
     * @return one class index per item
     */
    public int[] argMax() {
        int n = size();
        int w = width();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < w; j++) {
                if (values[i * w + j] > values[i * w + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
