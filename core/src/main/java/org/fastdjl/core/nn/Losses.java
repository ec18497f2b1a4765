package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * fastai v1's flattened losses: {@code CrossEntropyFlat} for categories and {@code MSELossFlat} for
 * floats. Both average over the items; MSE has weight 1 (not DJL's {@code L2Loss}, which halves it).
 */
public final class Losses {

    private Losses() {}

    /**
     * Cross-entropy between logits {@code (..., classes)} (flattened to {@code (n, classes)}) and int64
     * class targets, averaged over the items, as {@code CrossEntropyFlat}; its activation is softmax.
     *
     * @return the loss
     */
    public static LossFunction crossEntropyFlat() {
        return new CrossEntropyFlat();
    }

    /**
     * Mean squared error between the flattened predictions and targets, as {@code MSELossFlat}.
     *
     * @return the loss
     */
    public static LossFunction mseFlat() {
        return new MseFlat();
    }

    private static final class MseFlat implements LossFunction {
        @Override
        public NDArray compute(NDList preds, NDList targets) {
            NDArray p = preds.head().reshape(-1);
            NDArray t = targets.head().reshape(-1).toType(p.getDataType(), false);
            return p.sub(t).square().mean();
        }

        @Override
        public String toString() {
            return "FlattenedLoss of MSELoss()";
        }
    }

    private static final class CrossEntropyFlat implements LossFunction {
        @Override
        public NDArray compute(NDList preds, NDList targets) {
            NDArray logits = preds.head();
            long classes = logits.getShape().get(logits.getShape().dimension() - 1);
            NDArray flat = logits.reshape(-1, classes);
            NDArray target = targets.head().reshape(-1, 1);
            return flat.logSoftmax(1).gather(target, 1).mean().neg();
        }

        @Override
        public NDArray activation(NDArray output) {
            return output.softmax(-1);
        }

        @Override
        public String toString() {
            return "FlattenedLoss of CrossEntropyLoss()";
        }
    }
}
