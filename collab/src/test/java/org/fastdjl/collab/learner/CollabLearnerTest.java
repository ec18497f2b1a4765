package org.fastdjl.collab.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.collab.Ratings;
import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.collab.nn.EmbeddingDotBias;
import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DatasetType;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;

class CollabLearnerTest {

    private static CollabDataBunch data() {
        // training tests are repeatable: seeded weights (DJL's engine seed) and a seeded split
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        return CollabDataBunch.fromTable(Ratings.planted(30, 20, 5)).optSeed(42).optBs(32).build();
    }

    @Test
    void dotBiasLearnsThePlantedStructureAndPredictsPairs() {
        CollabDataBunch data = data();
        try (CollabLearner learn = Collab.learner(data).optNFactors(8).optYRange(0f, 5.5f).optSilent(true)
                .optPath(TestData.tempDir()).build()) {
            double before = learn.validate().get(0);
            learn.fitOneCycle(8, 5e-2);
            double after = learn.recorder().valLosses()[7];
            assertTrue(after < 0.5 * before && after < 0.5, "valid MSE " + before + " -> " + after);
            // predict(user, item) equals the model's output for that pair in getPreds
            float[] preds = learn.getPreds(DatasetType.VALID).values();
            int u = (int) data.validDs().x().get(0).value(0, 0);
            int i = (int) data.validDs().x().get(1).value(0, 0);
            float p = learn.predict(data.users().decode(u), Integer.parseInt(data.items().decode(i)));
            assertEquals(preds[0], p, 1e-6);
            assertTrue(p > 0 && p < 5.5);
            float[] batch = learn.predict(Table.create("q", IntColumn.create("userId", new int[] {1, 2}),
                    IntColumn.create("movieId", new int[] {101, 102})), true);
            assertEquals(learn.predict(1, 101), batch[0], 1e-6);
            assertEquals(learn.predict(2, 102), batch[1], 1e-6);
        }
    }

    @Test
    void biasAndWeightReadTheEmbeddingRowsOfTheGivenItems() {
        CollabDataBunch data = data();
        try (CollabLearner learn = Collab.learner(data).optNFactors(4).optSilent(true).build()) {
            EmbeddingDotBias m = (EmbeddingDotBias) learn.model();
            float[] all = m.iBias().weight().getArray().toFloatArray();
            float[] b = learn.bias(List.of(103, 101), true);
            assertEquals(all[data.items().indexOf("103")], b[0], 0);
            assertEquals(all[data.items().indexOf("101")], b[1], 0);
            float[][] w = learn.weight(List.of(5), false);
            float[] uw = m.uWeight().weight().getArray().toFloatArray();
            int row = data.users().indexOf("5");
            assertArrayEquals(java.util.Arrays.copyOfRange(uw, row * 4, row * 4 + 4), w[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> learn.bias(List.of(999), true));
            assertTrue(e.getMessage().contains("an item that isn't in the training data: 999"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> learn.predict(999, 101));
        }
    }

    @Test
    void stateDictKeysAreFastais() {
        try (CollabLearner learn = Collab.learner(data()).optSilent(true).build()) {
            assertEquals(List.of("u_weight.weight", "i_weight.weight", "u_bias.weight", "i_bias.weight"),
                    List.copyOf(learn.stateDict().keySet()));
            assertEquals(new ai.djl.ndarray.types.Shape(31, 50),
                    learn.stateDict().get("u_weight.weight").getArray().getShape());
        }
        try (CollabLearner nn = Collab.learner(data()).optUseNn(true).optLayers(16).optPs(0.1f).optSilent(true)
                .build()) {
            // EmbeddingNN = TabularModel(emb_szs=[(31, 11), (21, 9)]: round(1.6 * 31^0.56) = round(10.95), n_cont=0, out_sz=1, layers=[16], ps=[0.1])
            assertEquals(List.of("embeds.0.weight", "embeds.1.weight", "bn_cont.weight", "bn_cont.bias",
                    "bn_cont.running_mean", "bn_cont.running_var", "layers.0.weight", "layers.0.bias",
                    "layers.2.weight", "layers.2.bias", "layers.2.running_mean", "layers.2.running_var",
                    "layers.4.weight", "layers.4.bias"), List.copyOf(nn.stateDict().keySet()));
            assertEquals(new ai.djl.ndarray.types.Shape(31, 11),
                    nn.stateDict().get("embeds.0.weight").getArray().getShape());
        }
    }

    @Test
    void embeddingNnTrains() {
        // 2,400 planted ratings rather than data()'s 600: on 480 training ratings the MLP's result depended on
        // float noise (libtorch's kernels are not bit-identical from one process to the next), from 0.30 to 0.85
        // after 15 epochs, and once failed CI. Here, over 8 weight seeds, 10 epochs at 3e-2 took the valid MSE
        // from 0.89-1.15 to 0.15-0.62 (at most 0.68 of where it started)
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        CollabDataBunch data = CollabDataBunch.fromTable(Ratings.planted(60, 40, 5)).optSeed(42).optBs(64).build();
        try (CollabLearner learn = Collab.learner(data).optUseNn(true).optLayers(32).optYRange(0f, 5.5f)
                .optSilent(true).build()) {
            double before = learn.validate().get(0);
            learn.fitOneCycle(10, 3e-2);
            double after = learn.recorder().valLosses()[9];
            assertTrue(after < 0.8 * before, "valid MSE " + before + " -> " + after);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> learn.bias(List.of(101), true));
            assertTrue(e.getMessage().contains("EmbeddingDotBias"));
        }
    }
}
