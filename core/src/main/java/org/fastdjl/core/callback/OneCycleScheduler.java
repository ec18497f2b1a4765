package org.fastdjl.core.callback;

import org.fastdjl.core.optim.Optimizer;
import org.fastdjl.core.optim.Annealing;
import org.fastdjl.core.optim.Scheduler;

/**
 * Leslie Smith's 1cycle policy with fastai v1's schedule, stepped per batch: over the first {@code
 * pctStart} of the iterations the learning rate goes from {@code maxLr/divFactor} up to {@code maxLr}
 * while the momentum goes from {@code moms[0]} down to {@code moms[1]}; over the rest the learning rate
 * goes down to {@code maxLr/finalDiv} and the momentum back up, both along cosine curves.
 *
 * <p>With {@code n} iterations in all, phase one has {@code a1 = (int)(n * pctStart)} of them. The
 * values at iteration {@code i} (from 0) are: {@code lr0} at 0; {@code cos(lr0, max, i/a1)} for {@code 1
 * <= i <= a1}; {@code cos(max, max/finalDiv, (i-a1)/(n-a1))} after, as fastai's scheduler yields them.
 */
public final class OneCycleScheduler implements Callback {

    /** fastai's default momentums. */
    public static final double[] DEFAULT_MOMS = {0.95, 0.85};

    /** fastai's default divFactor. */
    public static final double DEFAULT_DIV_FACTOR = 25.0;

    /** fastai's default pctStart. */
    public static final double DEFAULT_PCT_START = 0.3;

    private final double[] lrMax;
    private final double[] moms;
    private final double divFactor;
    private final double pctStart;
    private final double finalDiv;
    private Scheduler[] lrScheds;
    private Scheduler[] momScheds;
    private int idx;

    /**
     * Creates the scheduler.
     *
     * @param lrMax the peak learning rate of each layer group
     * @param moms the momentum at the start (and end) and at the peak
     * @param divFactor the start learning rate is {@code lrMax / divFactor}
     * @param pctStart the fraction of the iterations spent going up
     * @param finalDiv the final learning rate is {@code lrMax / finalDiv}; fastai's default is {@code
     *     divFactor * 1e4}
     */
    public OneCycleScheduler(
            double[] lrMax, double[] moms, double divFactor, double pctStart, double finalDiv) {
        if (moms.length != 2) {
            throw new IllegalArgumentException("moms needs two values (start, peak), got " + moms.length);
        }
        if (!(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("pctStart must be in (0, 1), got " + pctStart);
        }
        if (!(divFactor > 0) || !(finalDiv > 0)) {
            throw new IllegalArgumentException("divFactor and finalDiv must be positive");
        }
        this.lrMax = lrMax.clone();
        this.moms = moms.clone();
        this.divFactor = divFactor;
        this.pctStart = pctStart;
        this.finalDiv = finalDiv;
    }

    @Override
    public void trainBegin(FitState state) {
        int n = state.learner().data().train().numBatches() * state.nEpochs();
        int a1 = (int) (n * pctStart);
        int a2 = n - a1;
        double[] low = new double[lrMax.length];
        double[] fin = new double[lrMax.length];
        for (int i = 0; i < lrMax.length; i++) {
            low[i] = lrMax[i] / divFactor;
            fin[i] = lrMax[i] / finalDiv;
        }
        lrScheds = new Scheduler[] {
            new Scheduler(low, lrMax, a1, Annealing.COS), new Scheduler(lrMax, fin, a2, Annealing.COS)
        };
        momScheds = new Scheduler[] {
            new Scheduler(moms[0], moms[1], a1, Annealing.COS),
            new Scheduler(moms[1], moms[0], a2, Annealing.COS)
        };
        idx = 0;
        Optimizer opt = state.learner().opt();
        opt.setLr(lrScheds[0].start());
        opt.setMom(momScheds[0].start()[0]);
    }

    @Override
    public void batchEnd(FitState state) {
        if (!state.isTrain()) {
            return;
        }
        if (idx >= lrScheds.length) {
            state.stopTraining();
            return;
        }
        Optimizer opt = state.learner().opt();
        opt.setLr(lrScheds[idx].step());
        opt.setMom(momScheds[idx].step()[0]);
        if (lrScheds[idx].isDone()) {
            idx++;
        }
    }
}
