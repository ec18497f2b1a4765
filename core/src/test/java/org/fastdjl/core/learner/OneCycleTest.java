package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;

import org.fastdjl.core.TestData;
import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.optim.Lr;
import ai.djl.nn.SequentialBlock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class OneCycleTest {

    /** Records every group's learning rate and the momentum at each training batch. */
    static final class Spy implements Callback {
        final List<double[]> lrs = new ArrayList<>();
        final List<Double> moms = new ArrayList<>();

        @Override
        public void batchBegin(FitState state) {
            if (state.isTrain()) {
                lrs.add(state.learner().opt().lr());
                moms.add(state.learner().opt().mom());
            }
        }
    }

    // fastai v1's annealing_cos, written out here independently of the library
    private static double cos(double start, double end, double pct) {
        return end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);
    }

    @Test
    void lrAndMomentumFollowFastaiFormulaAtEveryIteration() {
        DataBunch data = TestData.regression(320, 32, 1); // 10 batches per epoch
        SequentialBlock model = TestData.mlp(4, 1);
        Spy spy = new Spy();
        try (Learner learn = Learner.builder(data, model)
                .optSilent(true)
                .optLayerGroups(List.of(List.<Block>of(model.getChildren().get(0).getValue()),
                        List.<Block>of(model.getChildren().get(3).getValue())))
                .build()) {
            learn.fitOneCycle(3, Lr.slice(1e-4, 1e-2), new double[] {0.95, 0.85}, 25, 0.3, Double.NaN,
                    Double.NaN, spy);
        }
        int n = 30;
        int a1 = 9; // int(30 * 0.3)
        int a2 = n - a1;
        double[] max = {1e-4, 1e-2};
        assertEquals(n, spy.lrs.size());
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < 2; g++) {
                double low = max[g] / 25;
                double fin = max[g] / (25 * 1e4);
                double expected = i == 0 ? low : i <= a1 ? cos(low, max[g], (double) i / a1)
                        : cos(max[g], fin, (double) (i - a1) / a2);
                assertEquals(expected, spy.lrs.get(i)[g], 1e-15, "lr of group " + g + " at iteration " + i);
            }
            double mom = i == 0 ? 0.95 : i <= a1 ? cos(0.95, 0.85, (double) i / a1)
                    : cos(0.85, 0.95, (double) (i - a1) / a2);
            assertEquals(mom, spy.moms.get(i), 1e-15, "momentum at iteration " + i);
        }
        // a few points worked out by hand
        assertEquals(4e-4, spy.lrs.get(0)[1], 1e-15); // 1e-2 / 25
        assertEquals(1e-2, spy.lrs.get(9)[1], 1e-15); // the peak, end of phase one
        assertEquals(0.85, spy.moms.get(9), 1e-15);
        // a third of the way down phase two (i = a1 + 7, pct 1/3): cos(pi/3) = 0.5, so 3/4 of the way
        // from the final rate 1e-2/25e4 = 4e-8 back up to the peak: 4e-8 + 0.75 * (1e-2 - 4e-8)
        assertEquals(7.50001e-3, spy.lrs.get(16)[1], 1e-15);
        assertEquals(0.875, spy.moms.get(16), 1e-15); // 0.85 + 0.25 * 0.1
    }

    @Test
    void recorderSeesTheSameSchedule() {
        DataBunch data = TestData.regression(320, 32, 2);
        try (Learner learn = Learner.builder(data, TestData.mlp(4, 1)).optSilent(true).build()) {
            learn.fitOneCycle(2, 5e-3);
            double[] lrs = learn.recorder().lrs();
            double[] moms = learn.recorder().moms();
            assertEquals(20, lrs.length);
            assertEquals(5e-3 / 25, lrs[0], 1e-15);
            assertEquals(5e-3, lrs[6], 1e-15); // a1 = int(20 * 0.3) = 6
            assertEquals(0.85, moms[6], 1e-15);
            assertEquals(cos(5e-3, 5e-3 / 25e4, 13.0 / 14), lrs[19], 1e-15);
            assertEquals(cos(0.85, 0.95, 13.0 / 14), moms[19], 1e-15);
        }
    }
}
