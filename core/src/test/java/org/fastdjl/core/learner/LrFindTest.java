package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

class LrFindTest {

    @Test
    void restoresWeightsStopsOnDivergenceAndPlots() throws Exception {
        ai.djl.engine.Engine.getInstance().setRandomSeed(8);
        DataBunch data = TestData.regression(640, 32, 8); // 20 batches per epoch
        Path dir = TestData.tempDir();
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).optPath(dir).build()) {
            Map<String, float[]> before = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : learn.stateDict().entrySet()) {
                before.put(e.getKey(), e.getValue().getArray().toFloatArray());
            }
            double suggestion = learn.lrFind();
            for (Map.Entry<String, Parameter> e : learn.stateDict().entrySet()) {
                assertArrayEquals(before.get(e.getKey()), e.getValue().getArray().toFloatArray(),
                        "lrFind must restore " + e.getKey());
            }
            double[] lrs = learn.recorder().lrs();
            double[] losses = learn.recorder().losses();
            assertTrue(lrs.length > 20 && lrs.length < 100,
                    "an lr up to 10 makes this loss diverge before 100 iterations; ran " + lrs.length);
            assertTrue(losses[losses.length - 1] > 4 * java.util.Arrays.stream(losses).min().getAsDouble()
                    || Double.isNaN(losses[losses.length - 1]), "it should stop because the loss diverged");
            assertTrue(lrs[0] >= 1e-7 && lrs[0] < 2e-7);
            for (int i = 1; i < lrs.length; i++) {
                assertTrue(lrs[i] > lrs[i - 1], "the lr grows every batch");
            }
            assertTrue(suggestion > 1e-7 && suggestion < 10, "suggestion " + suggestion);
            Path png = learn.recorder().plot(dir.resolve("lr_find.png"));
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
        }
    }
}
