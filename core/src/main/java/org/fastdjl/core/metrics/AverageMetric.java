package org.fastdjl.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.function.BiFunction;

/**
 * A metric defined by a function of one batch, averaged over the set weighted by batch size, as fastai
 * v1's {@code AverageMetric}.
 */
public final class AverageMetric implements Metric {

    private final String name;
    private final BiFunction<NDArray, NDArray, NDArray> func;
    private double sum;
    private long count;

    /**
     * Creates the metric.
     *
     * @param name its name
     * @param func maps (predictions, targets) of one batch to a scalar array
     */
    public AverageMetric(String name, BiFunction<NDArray, NDArray, NDArray> func) {
        this.name = name;
        this.func = func;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public void accumulate(NDList predictions, NDList targets, int batchSize) {
        NDArray v = func.apply(predictions.head(), targets.head());
        sum += v.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble() * batchSize;
        count += batchSize;
    }

    @Override
    public double value() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
