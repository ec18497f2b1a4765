package org.fastdjl.core.callback;

/**
 * Stops the fit when the validation loss has not improved by at least {@code minDelta} for {@code
 * patience} epochs, as fastai's {@code EarlyStoppingCallback} monitoring {@code valid_loss}.
 */
public final class EarlyStopping implements Callback {

    private final double minDelta;
    private final int patience;
    private double best;
    private int wait;

    /**
     * Creates the callback.
     *
     * @param minDelta the smallest decrease that counts as an improvement
     * @param patience how many epochs without improvement to accept
     */
    public EarlyStopping(double minDelta, int patience) {
        this.minDelta = Math.abs(minDelta);
        this.patience = patience;
    }

    @Override
    public void trainBegin(FitState state) {
        best = Double.POSITIVE_INFINITY;
        wait = 0;
    }

    @Override
    public void epochEnd(FitState state) {
        if (state.lastMetrics().isEmpty()) {
            return;
        }
        double current = state.lastMetrics().get(0);
        if (current < best - minDelta) {
            best = current;
            wait = 0;
        } else if (++wait > patience) {
            System.out.println("Epoch " + state.epoch() + ": early stopping");
            state.stopTraining();
        }
    }
}
