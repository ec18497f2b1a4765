package org.fastdjl.tabular.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizeTest {

    private static TabularFrame frame(double... values) {
        TabularFrame f = new TabularFrame(new int[values.length]);
        f.addContinuous("x", values);
        return f;
    }

    @Test
    void usesTrainMeanAndSampleStdPlusEpsilon() {
        // 2,4,4,4,5,5,7,9: mean 5, population std 2, sample std sqrt(32/7)
        TabularFrame train = frame(2, 4, 4, 4, 5, 5, 7, 9);
        Normalize norm = new Normalize();
        norm.applyTrain(train);
        double sampleStd = Math.sqrt(32.0 / 7.0);
        assertEquals(5.0, norm.means().get("x"), 1e-12);
        assertEquals(sampleStd, norm.stds().get("x"), 1e-12);
        assertEquals((9 - 5) / (sampleStd + 1e-7), train.continuous("x")[7], 1e-12);
        assertEquals((2 - 5) / (sampleStd + 1e-7), train.continuous("x")[0], 1e-12);
    }

    @Test
    void validUsesTrainStatisticsOnly() {
        Normalize norm = new Normalize();
        norm.applyTrain(frame(1, 3));
        TabularFrame valid = frame(1e9, -1e9, 2);
        norm.applyTest(valid);
        assertEquals(2.0, norm.means().get("x"), 1e-12);
        assertEquals(Math.sqrt(2.0), norm.stds().get("x"), 1e-12);
        assertEquals(0.0, valid.continuous("x")[2], 1e-12);
        assertEquals(1e9, norm.decodeContinuous("x", valid.continuous("x")[0]), 1e-3);
    }

    @Test
    void oneTrainingValueIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new Normalize().applyTrain(frame(1)));
    }
}
