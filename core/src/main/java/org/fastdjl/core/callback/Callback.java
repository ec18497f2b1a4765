package org.fastdjl.core.callback;

/**
 * A hook into the one training loop, with fastai v1's events in the order the loop fires them:
 * trainBegin, then per epoch epochBegin, per training batch batchBegin, lossBegin, backwardBegin,
 * backwardEnd, stepEnd, batchEnd, then (after validation) epochEnd, and trainEnd once at the end, even
 * when the fit stops early or fails.
 *
 * <p>A callback reads and changes the {@link FitState}: it can replace the inputs, the output or the
 * loss, skip the optimizer step, stop the epoch or the whole fit. Callbacks run in ascending {@link
 * #order()}.
 */
public interface Callback {

    /** @return the position of this callback among the others, lower first (fastai's {@code _order}) */
    default int order() {
        return 0;
    }

    /**
     * Before the first epoch.
     *
     * @param state the fit's state
     */
    default void trainBegin(FitState state) {}

    /**
     * At the start of an epoch, before its first training batch.
     *
     * @param state the fit's state
     */
    default void epochBegin(FitState state) {}

    /**
     * After a batch is loaded, before the forward pass; may replace the batch's inputs or targets.
     *
     * @param state the fit's state
     */
    default void batchBegin(FitState state) {}

    /**
     * After the forward pass, before the loss; may replace {@link FitState#lastOutput()}.
     *
     * @param state the fit's state
     */
    default void lossBegin(FitState state) {}

    /**
     * After the loss, before the backward pass; may replace {@link FitState#lastLoss()} (regularisation
     * such as AR/TAR is added here).
     *
     * @param state the fit's state
     */
    default void backwardBegin(FitState state) {}

    /**
     * After the backward pass, before the optimizer step (gradient clipping goes here).
     *
     * @param state the fit's state
     */
    default void backwardEnd(FitState state) {}

    /**
     * After the optimizer step.
     *
     * @param state the fit's state
     */
    default void stepEnd(FitState state) {}

    /**
     * At the end of a training batch (schedulers set the next step's hyper-parameters here).
     *
     * @param state the fit's state
     */
    default void batchEnd(FitState state) {}

    /**
     * After validation at the end of an epoch; {@link FitState#lastMetrics()} holds the validation loss
     * and metrics.
     *
     * @param state the fit's state
     */
    default void epochEnd(FitState state) {}

    /**
     * After the last epoch, or when the fit stopped or failed ({@link FitState#error()}).
     *
     * @param state the fit's state
     */
    default void trainEnd(FitState state) {}
}
