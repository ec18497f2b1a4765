package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * fastai's {@code RNNDropout(p)}: in training, multiplies a sequence batch {@code (bs, sl, n)} by one
 * dropout mask per sequence and feature, {@code (bs, 1, n)}, so the same units are dropped at every time
 * step (variational dropout); kept units are scaled by {@code 1/(1-p)}. The identity in evaluation or
 * when {@code p} is 0.
 */
public final class RNNDropout extends AbstractBlock {

    private final float p;

    /**
     * Creates the dropout.
     *
     * @param p the drop probability, in [0, 1)
     */
    public RNNDropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
        this.p = (float) p;
    }

    /** @return the drop probability */
    public float p() {
        return p;
    }

    /**
     * Applies the dropout.
     *
     * @param x {@code (bs, sl, n)}
     * @param training whether to drop
     * @return {@code x} itself in evaluation, else {@code x * mask}
     */
    public NDArray apply(NDArray x, boolean training) {
        if (!training || p == 0) {
            return x;
        }
        Shape s = x.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("RNNDropout expects (bs, sl, n), got " + s);
        }
        NDArray mask = Dropouts.mask(x, new Shape(s.get(0), 1, s.get(2)), p);
        return x.mul(mask);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "RNNDropout(p=" + p + ")";
    }
}
