package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code learn.summary()}, {@code show_results} and {@code plot_metrics}. */
class SummaryAndResultsTest {

    @Test
    void summaryCountsEqualTheModelsParameters() {
        DataBunch data = TestData.classification(64, 16, 1);
        SequentialBlock model = TestData.mlp(8, 3); // Linear(3, 8), ReLU, BatchNorm1d(8), Linear(8, 3)
        try (Learner learn = Learner.builder(data, model).optSilent(true).build()) {
            ModelSummary s = ModelSummary.of(learn);
            // by hand: 3*8+8, 0, 8+8 (running statistics are buffers), 8*3+3
            assertEquals(List.of(32L, 0L, 16L, 27L), s.layers().stream().map(ModelSummary.Layer::params).toList());
            assertEquals(75, s.totalParams());
            long counted = 0;
            for (Pair<String, Parameter> p : learn.model().getParameters()) {
                if (p.getValue().getType() != Parameter.Type.RUNNING_MEAN
                        && p.getValue().getType() != Parameter.Type.RUNNING_VAR) {
                    counted += p.getValue().getArray().size();
                }
            }
            assertEquals(counted, s.totalParams(), "the model's own count");
            assertEquals(List.of("[8]", "[8]", "[8]", "[3]"), s.layers().stream().map(ModelSummary.Layer::shapeText)
                    .toList(), "output shapes without the batch dimension, as fastai v1");
            assertEquals(List.of("Linear", "ReLU", "BatchNorm1d", "Linear"),
                    s.layers().stream().map(ModelSummary.Layer::type).toList());
            String text = learn.summary();
            assertTrue(text.startsWith("SequentialBlock\n" + "=".repeat(70) + "\nLayer (type)         Output Shape"
                    + "         Param #    Trainable \n"), text);
            assertTrue(text.contains("\nLinear               [8]                  32         True      \n"), text);
            assertTrue(text.contains("\nReLU                 [8]                  0          False     \n"), text);
            assertTrue(text.contains("Total params: 75\nTotal trainable params: 75\nTotal non-trainable params: 0\n"),
                    text);

            learn.model().getChildren().get(0).getValue().getParameters().forEach(p -> p.getValue().freeze(true));
            ModelSummary frozen = ModelSummary.of(learn);
            assertFalse(frozen.layers().get(0).trainable());
            assertEquals(43, frozen.trainableParams());
            assertTrue(frozen.toString().contains("Total trainable params: 43\nTotal non-trainable params: 32\n"));
        }
    }

    @Test
    void showResultsPutsPredictionsBesideTheItems() {
        ai.djl.engine.Engine.getInstance().setRandomSeed(5);
        DataBunch data = TestData.regression(256, 32, 5);
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).build()) {
            learn.fit(3, 1e-2);
            String table = learn.formatResults(DatasetType.VALID, 4);
            String[] lines = table.split("\n");
            assertEquals(5, lines.length, table);
            assertTrue(lines[0].matches("x +y +prediction"), lines[0]);
            float[] preds = learn.getPreds(DatasetType.VALID).values();
            for (int r = 0; r < 4; r++) {
                assertTrue(lines[r + 1].endsWith(String.format(java.util.Locale.ROOT, "%.4f", preds[r])),
                        "row " + r + ": " + lines[r + 1] + " vs " + preds[r]);
            }
        }
    }

    @Test
    void plotMetricsDrawsEachMetricAndNeedsOne() throws Exception {
        DataBunch data = TestData.classification(128, 32, 2);
        Path dir = TestData.tempDir();
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 3)).optMetrics(Metrics.accuracy())
                .optSilent(true).build()) {
            learn.fit(2, 1e-2);
            Path png = learn.recorder().plotMetrics(dir.resolve("metrics.png"));
            assertTrue(Files.size(png) > 1000);
        }
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 3)).optSilent(true).build()) {
            learn.fit(1, 1e-2);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> learn.recorder().plotMetrics(dir.resolve("none.png")));
            assertTrue(e.getMessage().contains("no metrics"), e.getMessage());
        }
    }
}
