package org.fastdjl.core.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.LambdaBlock;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.ArrayDataLoader;
import org.fastdjl.core.data.ArrayDataset;
import org.fastdjl.core.data.ArrayField;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.ItemFormatters;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.Losses;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The interpretation of a "model" whose outputs are written by hand (the identity on given logits), so
 * every count can be checked against a count made here.
 */
class ClassificationInterpretationTest {

    /** Logits per item (3 classes): the prediction is the largest. */
    private static final float[][] LOGITS = {
        {5, 0, 0}, {0, 5, 0}, {0, 0, 5}, {5, 0, 0}, // predicted 0, 1, 2, 0
        {0, 5, 0}, {0, 5, 0}, {0, 0, 5}, {0, 2, 1}, // predicted 1, 1, 2, 1
        {3, 0, 0}, {0, 0, 4},                       // predicted 0, 2
    };
    private static final int[] TARGETS = {0, 1, 2, 1, 1, 0, 2, 2, 0, 1};
    // hand count, actual by row:        predicted 0  1  2
    private static final int[][] EXPECTED = {
        {2, 1, 0},  // actual 0: items 0, 8 right; item 5 called 1
        {1, 2, 1},  // actual 1: items 1, 4 right; item 3 called 0, item 9 called 2
        {0, 1, 2},  // actual 2: items 2, 6 right; item 7 called 1
    };

    private static Learner identityLearner() {
        float[] x = new float[LOGITS.length * 3];
        for (int i = 0; i < LOGITS.length; i++) {
            System.arraycopy(LOGITS[i], 0, x, i * 3, 3);
        }
        ArrayDataset ds = new ArrayDataset(List.of(ArrayField.floats("x", x, 3)),
                List.of(ArrayField.indices("y", TARGETS, 0)));
        DataBunch data = new DataBunch(new ArrayDataLoader(ds, 4, true, false, new Random(0)),
                new ArrayDataLoader(ds, 4, false, false, new Random(0)), null, Losses.crossEntropyFlat(), 3,
                ItemFormatters.raw()) {
            @Override
            public List<String> classes() {
                return List.of("cat", "dog", "eel");
            }
        };
        return Learner.builder(data, new LambdaBlock(list -> list)).optSilent(true).build();
    }

    @Test
    void confusionMatrixCountsEqualAHandCount() throws Exception {
        try (Learner learn = identityLearner()) {
            ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
            int[][] cm = interp.confusionMatrix();
            for (int a = 0; a < 3; a++) {
                assertArrayEquals(EXPECTED[a], cm[a], "row of actual class " + a);
            }
            assertEquals("actual \\ predicted  cat  dog  eel\n"
                    + "cat                 2    1    0\n"
                    + "dog                 1    2    1\n"
                    + "eel                 0    1    2\n", interp.formatConfusionMatrix());
            assertEquals("[(cat, dog, 1), (dog, cat, 1), (dog, eel, 1), (eel, dog, 1)]",
                    interp.mostConfused(1).toString());
            assertEquals(List.of(), interp.mostConfused(2));
            Path png = interp.plotConfusionMatrix(TestData.tempDir().resolve("cm.png"));
            assertTrue(Files.size(png) > 1000);
        }
    }

    @Test
    void topLossesAreTheLeastProbableTargetsWithTheirItems() {
        try (Learner learn = identityLearner()) {
            ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
            List<TopLoss> top = interp.topLosses(3);
            // items 3 and 5 give their target a logit of 0 against 5: p = 1/(e^5+2); item 9: 0 against 4
            assertEquals(List.of(3, 5, 9), top.stream().map(TopLoss::index).toList());
            double p = 1 / (Math.exp(5) + 2);
            assertEquals(-Math.log(p), top.get(0).loss(), 1e-5);
            assertEquals(p, top.get(0).probability(), 1e-6);
            assertEquals("dog", top.get(0).actual());
            assertEquals("cat", top.get(0).predicted());
            assertEquals(List.of("[5.0, 0.0, 0.0]", "[1.0]"), top.get(0).item(), "item 3 decoded");
            assertEquals(List.of("[0.0, 0.0, 4.0]", "[1.0]"), top.get(2).item(), "item 9 decoded");
            String table = interp.formatTopLosses(2);
            assertTrue(table.startsWith("x                y      Prediction  Actual  Loss  Probability\n"), table);
            assertTrue(table.contains("[5.0, 0.0, 0.0]  [1.0]  cat         dog     5.01  0.01"), table);
        }
    }

    @Test
    void aRegressionModelIsRefused() {
        DataBunch data = TestData.regression(64, 16, 1);
        try (Learner learn = Learner.builder(data, TestData.mlp(4, 1)).optSilent(true).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClassificationInterpretation.fromLearner(learn));
            assertTrue(e.getMessage().contains("needs a classifier"), e.getMessage());
        }
    }
}
