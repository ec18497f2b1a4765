package org.fastdjl.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void accuracyAndErrorRateAreWeightedByBatchSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            Metric acc = Metrics.accuracy();
            Metric err = Metrics.errorRate();
            acc.reset();
            err.reset();
            // batch 1: 3 items, 2 right
            NDList p1 = new NDList(m.create(new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, new Shape(3, 2)));
            NDList t1 = new NDList(m.create(new long[] {0, 1, 1}));
            // batch 2: 1 item, right
            NDList p2 = new NDList(m.create(new float[] {0.1f, 0.9f}, new Shape(1, 2)));
            NDList t2 = new NDList(m.create(new long[] {1}));
            acc.accumulate(p1, t1, 3);
            acc.accumulate(p2, t2, 1);
            err.accumulate(p1, t1, 3);
            err.accumulate(p2, t2, 1);
            assertEquals(0.75, acc.value(), 1e-6);
            assertEquals(0.25, err.value(), 1e-6);
        }
    }

    @Test
    void rmseIsTheMeanOfBatchRmseAsInFastai() {
        try (NDManager m = NDManager.newBaseManager()) {
            Metric rmse = Metrics.rmse();
            Metric mse = Metrics.mse();
            rmse.reset();
            mse.reset();
            NDList p1 = new NDList(m.create(new float[] {1, 1}));
            NDList t1 = new NDList(m.create(new float[] {0, 0})); // mse 1
            NDList p2 = new NDList(m.create(new float[] {3, 3}));
            NDList t2 = new NDList(m.create(new float[] {0, 0})); // mse 9
            rmse.accumulate(p1, t1, 2);
            rmse.accumulate(p2, t2, 2);
            mse.accumulate(p1, t1, 2);
            mse.accumulate(p2, t2, 2);
            assertEquals(2.0, rmse.value(), 1e-6);
            assertEquals(5.0, mse.value(), 1e-6);
        }
    }
}
