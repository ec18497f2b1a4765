package org.fastdjl.core.callback;

import org.fastdjl.core.util.Breakdown;

/**
 * Records a fit into the process's {@link Breakdown}: each epoch's training and validation as phases of
 * the timeline, and across the training batches the time of the forward pass with the loss, of the
 * backward pass and of the optimizer step, so the step's share of an epoch is measured, not guessed.
 * A {@code Learner} adds one to every fit while a breakdown is active; it runs after every other
 * callback at each event, so what it times between {@code backwardEnd} and {@code stepEnd} is the
 * optimizer step alone.
 */
public final class PhaseTimer implements Callback {

    private final String label;
    private long mark;
    private long forward;
    private long backward;
    private long step;
    private long trainStart;
    private long steps;
    private boolean validating;

    /**
     * Creates the timer.
     *
     * @param label the fit's name in the breakdown ("fit", "lr_find")
     */
    public PhaseTimer(String label) {
        this.label = label;
    }

    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void trainBegin(FitState state) {
        forward = 0;
        backward = 0;
        step = 0;
        steps = 0;
    }

    @Override
    public void epochBegin(FitState state) {
        Breakdown.lap(label + ": set-up and callbacks");
        validating = false;
        trainStart = System.nanoTime();
    }

    @Override
    public void batchBegin(FitState state) {
        if (!state.isTrain() && !validating) {
            validating = true;
            Breakdown.lap(epochName(state) + " training");
            detailTraining(System.nanoTime());
        }
        mark = System.nanoTime();
    }

    @Override
    public void backwardBegin(FitState state) {
        long now = System.nanoTime();
        forward += now - mark;
        mark = now;
    }

    @Override
    public void backwardEnd(FitState state) {
        long now = System.nanoTime();
        backward += now - mark;
        mark = now;
    }

    @Override
    public void stepEnd(FitState state) {
        step += System.nanoTime() - mark;
        steps++;
    }

    @Override
    public void epochEnd(FitState state) {
        if (validating) {
            Breakdown.lap(epochName(state) + " validation");
        } else {
            Breakdown.lap(epochName(state) + " training");
            detailTraining(System.nanoTime());
        }
    }

    @Override
    public void trainEnd(FitState state) {
        Breakdown.lap(label + ": set-up and callbacks");
    }

    private String epochName(FitState state) {
        return label + " epoch " + (state.epoch() + 1);
    }

    private void detailTraining(long now) {
        double total = (now - trainStart) / 1e9;
        Breakdown.detail(label + " training: forward and loss", forward / 1e9);
        Breakdown.detail(label + " training: backward", backward / 1e9);
        Breakdown.detail(label + " training: optimizer step", step / 1e9);
        Breakdown.detail(label + " training: batches, callbacks (the rest)", total - (forward + backward + step) / 1e9);
        Breakdown.detail(label + " training: optimizer steps (count)", steps);
        forward = 0;
        backward = 0;
        step = 0;
        steps = 0;
    }
}
