package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.Linear;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

class FreezeTest {

    private static float[] values(ai.djl.nn.Parameter p) {
        return p.getArray().toFloatArray();
    }

    @Test
    void frozenGroupIsUnchangedByAStepWhileOthersAndBatchNormChange() {
        DataBunch data = TestData.regression(32, 32, 4); // one batch per epoch
        SequentialBlock model = TestData.mlp(6, 1);
        Linear first = (Linear) model.getChildren().get(0).getValue();
        BatchNorm1d bn = (BatchNorm1d) model.getChildren().get(2).getValue();
        Linear last = (Linear) model.getChildren().get(3).getValue();
        List<List<Block>> groups = List.of(
                List.of(first, model.getChildren().get(1).getValue(), bn), List.of(last));
        try (Learner learn = Learner.builder(data, model).optSilent(true).optLayerGroups(groups).build()) {
            learn.freeze();
            float[] w0 = values(first.weight());
            float[] b0 = values(first.bias());
            float[] bnW = values(bn.getDirectParameters().get("weight"));
            float[] lastW = values(last.weight());
            learn.fit(1, 1e-2);
            assertArrayEquals(w0, values(first.weight()), "frozen Linear weight moved");
            assertArrayEquals(b0, values(first.bias()), "frozen Linear bias moved");
            assertFalse(Arrays.equals(bnW, values(bn.getDirectParameters().get("weight"))),
                    "BatchNorm in a frozen group must stay trainable (train_bn)");
            assertFalse(Arrays.equals(lastW, values(last.weight())), "the unfrozen group did not train");

            learn.unfreeze();
            learn.fit(1, 1e-2);
            assertFalse(Arrays.equals(w0, values(first.weight())), "unfrozen group did not train");
        }
    }

    @Test
    void freezeToCountsGroupsLikeFastai() {
        DataBunch data = TestData.regression(32, 32, 5);
        SequentialBlock model = TestData.mlp(6, 1);
        Linear first = (Linear) model.getChildren().get(0).getValue();
        Linear last = (Linear) model.getChildren().get(3).getValue();
        List<List<Block>> groups = List.of(
                List.of(first), List.of(model.getChildren().get(2).getValue()), List.of(last));
        try (Learner learn = Learner.builder(data, model).optSilent(true).optLayerGroups(groups).build()) {
            learn.freezeTo(-2); // groups 1 and 2 train
            float[] w0 = values(first.weight());
            float[] l0 = values(last.weight());
            learn.fit(1, 1e-2);
            assertArrayEquals(w0, values(first.weight()));
            assertFalse(Arrays.equals(l0, values(last.weight())));
        }
    }
}
