package org.fastdjl.core.callback;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Saves the model when the validation loss improves (or after every epoch), and loads the best one at
 * the end of the fit, as fastai's {@code SaveModelCallback}. Files go to the learner's model folder.
 */
public final class SaveModelCallback implements Callback {

    private final String name;
    private final boolean everyEpoch;
    private double best;

    /**
     * Creates the callback.
     *
     * @param name the base file name
     * @param everyEpoch save {@code name_<epoch>} after every epoch instead of keeping the best
     */
    public SaveModelCallback(String name, boolean everyEpoch) {
        this.name = name;
        this.everyEpoch = everyEpoch;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void trainBegin(FitState state) {
        best = Double.POSITIVE_INFINITY;
    }

    @Override
    public void epochEnd(FitState state) {
        try {
            if (everyEpoch) {
                state.learner().save(name + "_" + state.epoch());
            } else if (!state.lastMetrics().isEmpty() && state.lastMetrics().get(0) < best) {
                best = state.lastMetrics().get(0);
                state.learner().save(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void trainEnd(FitState state) {
        if (!everyEpoch && best < Double.POSITIVE_INFINITY && state.error() == null) {
            try {
                state.learner().load(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
