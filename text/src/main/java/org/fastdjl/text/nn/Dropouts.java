package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** fastai's {@code dropout_mask}, drawn by the engine's generator (so a seed repeats it). */
final class Dropouts {

    private Dropouts() {}

    /**
     * A tensor of shape {@code shape}, each entry 0 with probability {@code p} and {@code 1/(1-p)}
     * otherwise, as fastai's {@code dropout_mask(x, sz, p)}: on the device of {@code like}, in its manager.
     *
     * @param like an array giving the manager, device and type
     * @param shape the mask's shape
     * @param p the drop probability, in [0, 1)
     * @return the mask
     */
    static NDArray mask(NDArray like, Shape shape, float p) {
        DataType type = like.getDataType().isFloating() ? like.getDataType() : DataType.FLOAT32;
        NDArray ones = like.getManager().ones(shape, type, like.getDevice());
        NDArray mask = ones.getNDArrayInternal().dropout(ones, p, true).head(); // Bernoulli(1-p) / (1-p)
        ones.close();
        return mask;
    }
}
