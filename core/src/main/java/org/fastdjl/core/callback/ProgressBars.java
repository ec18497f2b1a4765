package org.fastdjl.core.callback;

import org.fastdjl.core.util.Progress;

import java.util.Locale;

/**
 * fastai's progress bars over a fit: one bar per epoch over the training batches (with the ETA and the
 * smoothed loss), then one over the validation batches, each cleared when done so that fastai's results
 * table ({@link ProgressPrinter}) reads as before. The LR finder's sweep shows as "lr_find". Shown only
 * on a terminal, outside CI and {@code --report} runs ({@link Progress#enabled()}); every learner that
 * prints its table has one.
 */
public final class ProgressBars implements Callback {

    private Progress bar = Progress.start("", 0);
    private boolean validating;
    private boolean sweep;

    @Override
    public int order() {
        return -6; // before the table printer, which prints a row at the end of the epoch
    }

    @Override
    public void trainBegin(FitState state) {
        sweep = state.isSkipValidate(); // the LR finder: one bar over the whole sweep
        if (sweep) {
            bar = Progress.start("lr_find", (long) state.nEpochs() * state.learner().data().train().numBatches());
        }
    }

    @Override
    public void epochBegin(FitState state) {
        if (sweep) {
            return;
        }
        close();
        validating = false;
        bar = Progress.start(String.format(Locale.ROOT, "epoch %d/%d", state.epoch() + 1, state.nEpochs()),
                state.learner().data().train().numBatches());
    }

    @Override
    public void batchBegin(FitState state) {
        if (!state.isTrain() && !validating) {
            validating = true;
            close();
            bar = Progress.start("valid", state.learner().data().valid().numBatches());
        }
    }

    @Override
    public void batchEnd(FitState state) {
        bar.step();
        if (state.isTrain() && !Double.isNaN(state.smoothLoss())) {
            bar.message(String.format(Locale.ROOT, "loss %.4f", state.smoothLoss()));
        }
    }

    @Override
    public void epochEnd(FitState state) {
        if (!sweep) {
            close();
        }
    }

    @Override
    public void trainEnd(FitState state) {
        close();
    }

    private void close() {
        bar.close();
        bar = Progress.start("", 0);
    }
}
