package org.fastdjl.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** fastai v1's metrics: {@code accuracy}, {@code error_rate}, {@code mean_squared_error}, {@code rmse}. */
public final class Metrics {

    private Metrics() {}

    /**
     * The fraction of items whose highest-scoring class is the target, as fastai's {@code accuracy}.
     *
     * @return the metric
     */
    public static Metric accuracy() {
        return new AverageMetric("accuracy", Metrics::accuracyOf);
    }

    /**
     * One minus accuracy, as fastai's {@code error_rate}.
     *
     * @return the metric
     */
    public static Metric errorRate() {
        return new AverageMetric("error_rate", (p, t) -> accuracyOf(p, t).neg().add(1f));
    }

    /**
     * Mean squared error, as fastai's {@code mean_squared_error}.
     *
     * @return the metric
     */
    public static Metric mse() {
        return new AverageMetric("mean_squared_error", Metrics::mseOf);
    }

    /**
     * Root mean squared error per batch, averaged, as fastai's {@code root_mean_squared_error} (an
     * {@code AverageMetric}, so it is the mean of the batches' RMSE, not the RMSE of the set).
     *
     * @return the metric
     */
    public static Metric rmse() {
        return new AverageMetric("root_mean_squared_error", (p, t) -> mseOf(p, t).sqrt());
    }

    private static NDArray accuracyOf(NDArray preds, NDArray targets) {
        long n = targets.getShape().get(0);
        NDArray predicted = preds.argMax(-1).reshape(n, -1);
        NDArray t = targets.reshape(n, -1).toType(predicted.getDataType(), false);
        return predicted.eq(t).toType(DataType.FLOAT32, false).mean();
    }

    private static NDArray mseOf(NDArray preds, NDArray targets) {
        NDArray p = preds.reshape(-1);
        NDArray t = targets.reshape(-1).toType(p.getDataType(), false);
        return p.sub(t).square().mean();
    }
}
