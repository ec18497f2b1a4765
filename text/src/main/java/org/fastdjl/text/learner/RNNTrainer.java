package org.fastdjl.text.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.nn.Resettable;

/**
 * fastai v1's {@code RNNTrainer(alpha, beta)} for AWD-LSTM models, whose output is {@code [decoded, raw
 * outputs..., outputs...]} (see {@link org.fastdjl.text.nn.SequentialRNN}):
 *
 * <ul>
 *   <li>the loss and the metrics see the decoded output only;</li>
 *   <li>activation regularization (AR): {@code alpha * mean(out[-1]^2)} added to the training loss, on the
 *       last layer's dropped output;</li>
 *   <li>temporal activation regularization (TAR): {@code beta * mean((h[:, 1:] - h[:, :-1])^2)} added
 *       too, on the last layer's raw output {@code h};</li>
 *   <li>the model's hidden state is reset at the start of every epoch and before validation.</li>
 * </ul>
 *
 * <p>The smoothed training loss shown in the table is taken before AR and TAR are added, as fastai's.
 * fastai resets only at epoch starts (validation inherits the training stream's last state); resetting
 * before validation too makes the in-fit validation equal to {@code learn.validate()}, which resets.
 */
public final class RNNTrainer implements Callback {

    /** fastai's {@code alpha} for language models and classifiers. */
    public static final double DEFAULT_ALPHA = 2;
    /** fastai's {@code beta}. */
    public static final double DEFAULT_BETA = 1;

    private final double alpha;
    private final double beta;
    private NDArray rawLast;
    private NDArray outLast;
    private boolean validating;

    /** With fastai's alpha 2 and beta 1. */
    public RNNTrainer() {
        this(DEFAULT_ALPHA, DEFAULT_BETA);
    }

    /**
     * Creates the callback.
     *
     * @param alpha the AR weight (0 for none)
     * @param beta the TAR weight (0 for none)
     */
    public RNNTrainer(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    /** @return the AR weight */
    public double alpha() {
        return alpha;
    }

    /** @return the TAR weight */
    public double beta() {
        return beta;
    }

    @Override
    public void epochBegin(FitState state) {
        validating = false;
        reset(state.learner().model());
    }

    @Override
    public void batchBegin(FitState state) {
        if (!state.isTrain() && !validating) {
            validating = true;
            reset(state.learner().model());
        }
    }

    @Override
    public void lossBegin(FitState state) {
        NDList out = state.lastOutput();
        if (out == null || out.size() < 3 || out.size() % 2 == 0) {
            return; // not an RNN's (decoded, raw outputs, outputs)
        }
        int layers = (out.size() - 1) / 2;
        rawLast = out.get(layers);
        outLast = out.get(2 * layers);
        state.setLastOutput(new NDList(out.get(0)));
    }

    @Override
    public void backwardBegin(FitState state) {
        if (rawLast != null) {
            state.setLastLoss(state.lastLoss().add(regularization(rawLast, outLast, alpha, beta)));
        }
        rawLast = null;
        outLast = null;
    }

    @Override
    public void batchEnd(FitState state) {
        rawLast = null;
        outLast = null;
    }

    /**
     * AR plus TAR for one batch.
     *
     * @param raw the last layer's raw output {@code (bs, sl, n)}
     * @param out the last layer's dropped output {@code (bs, sl, n)}
     * @param alpha the AR weight
     * @param beta the TAR weight
     * @return a scalar to add to the loss
     */
    public static NDArray regularization(NDArray raw, NDArray out, double alpha, double beta) {
        NDArray reg = out.getManager().zeros(new ai.djl.ndarray.types.Shape(), out.getDataType(), out.getDevice());
        if (alpha != 0) {
            reg = reg.add(out.square().mean().mul((float) alpha));
        }
        if (beta != 0 && raw.getShape().get(0) > 1 && raw.getShape().get(1) > 1) {
            NDArray next = raw.get(new NDIndex(":, 1:"));
            NDArray prev = raw.get(new NDIndex(":, :-1"));
            reg = reg.add(next.sub(prev).square().mean().mul((float) beta));
        }
        return reg;
    }

    private static void reset(Block model) {
        if (model instanceof Resettable) {
            ((Resettable) model).reset();
        }
    }
}
