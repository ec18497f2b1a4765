package org.fastdjl.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * fastai v1's {@code Perplexity} metric for language models: {@code exp} of the cross-entropy over the
 * validation set, each batch weighted by its sequence length ({@code targets.size(1)}), as fastai's
 * callback sums {@code sl * CrossEntropyFlat(output, target)}. With the language-model loader's equal
 * batches it is {@code exp(valid_loss)}.
 */
public final class Perplexity implements Metric {

    private double sum;
    private long len;

    @Override
    public String name() {
        return "perplexity";
    }

    @Override
    public void reset() {
        sum = 0;
        len = 0;
    }

    @Override
    public void accumulate(NDList predictions, NDList targets, int batchSize) {
        NDArray logits = predictions.head();
        NDArray t = targets.head();
        long classes = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray ce = logits.reshape(-1, classes).logSoftmax(1).gather(t.reshape(-1, 1), 1).mean().neg();
        long sl = t.getShape().dimension() > 1 ? t.getShape().get(1) : 1;
        sum += ce.toType(DataType.FLOAT64, false).getDouble() * sl;
        len += sl;
    }

    @Override
    public double value() {
        return len == 0 ? Double.NaN : Math.exp(sum / len);
    }
}
