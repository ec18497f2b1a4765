package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.optim.Lr;
import org.junit.jupiter.api.Test;

import java.util.List;

class DiscriminativeLrTest {

    @Test
    void sliceRulesAreFastais() {
        // lr_range(slice(1e-3)) with 3 groups: [1e-4, 1e-4, 1e-3]
        assertArrayEquals(new double[] {1e-4, 1e-4, 1e-3}, Lr.slice(1e-3).forGroups(3), 1e-18);
        // lr_range(slice(1e-5, 1e-3)) = even_mults(1e-5, 1e-3, 3) = [1e-5, 1e-4, 1e-3]
        assertArrayEquals(new double[] {1e-5, 1e-4, 1e-3}, Lr.slice(1e-5, 1e-3).forGroups(3), 1e-17);
        // ULMFiT's slice(1e-2/2.6**4, 1e-2) over 5 groups: each step multiplies by 2.6
        double[] ulmfit = Lr.slice(1e-2 / Math.pow(2.6, 4), 1e-2).forGroups(5);
        for (int i = 1; i < 5; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(2.6, ulmfit[i] / ulmfit[i - 1], 1e-12);
        }
        assertArrayEquals(new double[] {0.1, 0.1}, Lr.of(0.1).forGroups(2), 0);
        assertArrayEquals(new double[] {1e-3}, Lr.slice(1e-3).forGroups(1), 0);
        assertThrows(IllegalArgumentException.class, () -> Lr.perGroup(1e-3, 1e-2).forGroups(3));
        assertThrows(IllegalArgumentException.class, () -> Lr.of(-1));
    }

    @Test
    void fitGivesEachGroupItsRate() {
        DataBunch data = TestData.regression(64, 32, 3);
        SequentialBlock model = TestData.mlp(4, 1);
        List<List<Block>> groups = List.of(
                List.of(model.getChildren().get(0).getValue()),
                List.of(model.getChildren().get(2).getValue()),
                List.of(model.getChildren().get(3).getValue()));
        try (Learner learn = Learner.builder(data, model).optSilent(true).optLayerGroups(groups).build()) {
            learn.fit(1, Lr.slice(1e-5, 1e-3), Double.NaN);
            assertArrayEquals(new double[] {1e-5, 1e-4, 1e-3}, learn.opt().lr(), 1e-17);
            learn.fit(1, Lr.slice(1e-3), Double.NaN);
            assertArrayEquals(new double[] {1e-4, 1e-4, 1e-3}, learn.opt().lr(), 1e-18);
        }
    }

    @Test
    void aTrainingSetSmallerThanOneBatchIsNamed() {
        DataBunch data = TestData.regression(20, 32, 3); // 20 items, bs 32, drop-last: no batch
        try (Learner learn = Learner.builder(data, TestData.mlp(4, 1)).optSilent(true).build()) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> learn.fit(1, 1e-3));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("20 items, batch size 32"),
                    e.getMessage());
        }
    }
}
