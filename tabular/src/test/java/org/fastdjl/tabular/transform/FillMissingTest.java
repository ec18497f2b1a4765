package org.fastdjl.tabular.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FillMissingTest {

    private static final double NA = Double.NaN;

    private static TabularFrame frame(double[] a, double[] b) {
        int[] rows = new int[a.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 100 + i;
        }
        TabularFrame f = new TabularFrame(rows);
        f.addContinuous("a", a);
        f.addContinuous("b", b);
        return f;
    }

    @Test
    void fillsWithTrainMedianAndFlagsOnlyColumnsWithMissingTrainValues() {
        // a: present values 0,1,1,2,3,4 -> median 1.5 (pandas: mean of the two middle values)
        TabularFrame train = frame(new double[] {0, 1, NA, 1, 2, 3, 4}, new double[] {1, 2, 3, 4, 5, 6, 7});
        FillMissing fill = new FillMissing();
        fill.applyTrain(train);

        assertEquals(Map.of("a", 1.5), fill.naDict());
        assertArrayEquals(new double[] {0, 1, 1.5, 1, 2, 3, 4}, train.continuous("a"));
        assertEquals(List.of("a_na"), train.catNames(), "flag only for 'a', which had missing values");
        Object[] flags = train.categories("a_na").values();
        assertArrayEquals(new Object[] {false, false, true, false, false, false, false}, flags);
        assertEquals(CategoryKind.BOOLEAN, train.categories("a_na").kind());
    }

    @Test
    void validGetsTrainFillValueAndFlagColumnEvenWithoutMissingValues() {
        TabularFrame train = frame(new double[] {1, NA, 3}, new double[] {1, 2, 3});
        FillMissing fill = new FillMissing();
        fill.applyTrain(train);
        // valid: extreme values and a missing one; the fill value must stay the train median 2
        TabularFrame valid = frame(new double[] {NA, 1000, -1000}, new double[] {4, 5, 6});
        fill.applyTest(valid);
        assertArrayEquals(new double[] {2, 1000, -1000}, valid.continuous("a"));
        assertArrayEquals(new Object[] {true, false, false}, valid.categories("a_na").values());

        TabularFrame noneMissing = frame(new double[] {5, 6}, new double[] {1, 2});
        fill.applyTest(noneMissing);
        assertEquals(List.of("a_na"), noneMissing.catNames());
        assertArrayEquals(new Object[] {false, false}, noneMissing.categories("a_na").values());
    }

    @Test
    void missingInValidButNotInTrainIsFilledWithTrainMedianWithoutFlagByDefault() {
        TabularFrame train = frame(new double[] {1, NA, 3}, new double[] {10, 20, 40});
        FillMissing fill = new FillMissing();
        fill.applyTrain(train);
        TabularFrame valid = frame(new double[] {1, 2}, new double[] {NA, 7});
        fill.applyTest(valid);
        assertArrayEquals(new double[] {20, 7}, valid.continuous("b"), "train median of b is 20");
        assertEquals(List.of("a_na"), valid.catNames(), "no b_na: the model has no input for it");
    }

    @Test
    void missingInValidButNotInTrainFailsLikeFastaiWhenAsked() {
        TabularFrame train = frame(new double[] {1, 2, 3}, new double[] {10, 20, 40});
        FillMissing fill = new FillMissing().failOnNewMissing(true);
        fill.applyTrain(train);
        TabularFrame valid = frame(new double[] {1, 2}, new double[] {7, NA});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fill.applyTest(valid));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertTrue(e.getMessage().contains("row index 101"), e.getMessage());
        assertTrue(e.getMessage().contains("none in the training set"), e.getMessage());
    }

    @Test
    void commonAndConstantStrategies() {
        TabularFrame t1 = frame(new double[] {2, 1, 1, 2, NA, 3}, new double[] {1, 2, 3, 4, 5, 6});
        FillMissing common = new FillMissing(FillStrategy.COMMON);
        common.applyTrain(t1);
        assertEquals(2.0, common.naDict().get("a"), "tie 1 vs 2: the value seen first wins");

        TabularFrame t2 = frame(new double[] {2, NA}, new double[] {1, 2});
        FillMissing constant = new FillMissing(FillStrategy.CONSTANT).fillValue(-1).addCol(false);
        constant.applyTrain(t2);
        assertArrayEquals(new double[] {2, -1}, t2.continuous("a"));
        assertTrue(t2.catNames().isEmpty(), "addCol(false) adds no flag");
    }

    @Test
    void allMissingTrainColumnIsAClearError() {
        TabularFrame train = frame(new double[] {NA, NA}, new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FillMissing().applyTrain(train));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("no values"), e.getMessage());
    }

    @Test
    void cannotReconfigureAfterFitting() {
        FillMissing fill = new FillMissing();
        fill.applyTrain(frame(new double[] {1, 2}, new double[] {1, 2}));
        assertThrows(IllegalStateException.class, () -> fill.addCol(false));
        assertFalse(fill.naDict().containsKey("a"));
    }
}
