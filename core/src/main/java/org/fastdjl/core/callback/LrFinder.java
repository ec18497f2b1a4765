package org.fastdjl.core.callback;

import org.fastdjl.core.optim.Optimizer;
import org.fastdjl.core.optim.Annealing;
import org.fastdjl.core.optim.Scheduler;

/**
 * fastai v1's learning-rate range test: the learning rate grows exponentially from {@code startLr} to
 * {@code endLr} over {@code numIt} batches while the Recorder notes the smoothed loss; the run stops
 * early when the smoothed loss passes 4 times the best seen (with {@code stopDiv}) or becomes NaN.
 * Validation is skipped. The {@code Learner} restores the weights and optimizer state afterwards.
 */
public final class LrFinder implements Callback {

    @Override
    public int order() {
        return -20; // before the table printer, which must see skipValidate
    }

    private final double[] startLr;
    private final double[] endLr;
    private final int numIt;
    private final boolean stopDiv;
    private Scheduler sched;
    private double bestLoss;

    /**
     * Creates the finder.
     *
     * @param startLr the first learning rate of each layer group
     * @param endLr the last learning rate of each layer group
     * @param numIt the number of batches
     * @param stopDiv whether to stop when the loss diverges
     */
    public LrFinder(double[] startLr, double[] endLr, int numIt, boolean stopDiv) {
        this.startLr = startLr.clone();
        this.endLr = endLr.clone();
        this.numIt = numIt;
        this.stopDiv = stopDiv;
    }

    @Override
    public void trainBegin(FitState state) {
        state.skipValidate();
        sched = new Scheduler(startLr, endLr, numIt, Annealing.EXP);
        state.learner().opt().setLr(sched.start());
        bestLoss = 0;
    }

    @Override
    public void batchEnd(FitState state) {
        if (!state.isTrain()) {
            return;
        }
        int iteration = state.iteration();
        double loss = state.smoothLoss();
        if (iteration == 0 || loss < bestLoss) {
            bestLoss = loss;
        }
        Optimizer opt = state.learner().opt();
        opt.setLr(sched.step());
        if (sched.isDone() || (stopDiv && (loss > 4 * bestLoss || Double.isNaN(loss)))) {
            state.stopTraining();
        }
    }
}
