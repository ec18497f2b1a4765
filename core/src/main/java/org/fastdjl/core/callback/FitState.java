package org.fastdjl.core.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.learner.Learner;

import java.util.List;

/**
 * What the training loop shares with its callbacks, as fastai v1's {@code CallbackHandler.state_dict}:
 * where the fit is (epoch, iteration, batch), the last batch, output and loss, the smoothed training
 * loss, the last validation results, and the flags a callback sets to change the course of the fit.
 *
 * <p>The arrays it exposes belong to the current batch and are freed when the batch ends; keep numbers,
 * not arrays.
 */
public final class FitState {

    private final Learner learner;
    private final int nEpochs;
    private int epoch;
    private int iteration;
    private int numBatch;
    private boolean train;
    private Batch batch;
    private NDList lastOutput;
    private NDArray lastLoss;
    private double smoothLoss = Double.NaN;
    private List<Double> lastMetrics = List.of();
    private boolean skipStep;
    private boolean stopEpoch;
    private boolean stopTraining;
    private boolean skipValidate;
    private Throwable error;

    /**
     * Creates the state of a fit.
     *
     * @param learner the learner being fitted
     * @param nEpochs the number of epochs asked for
     */
    public FitState(Learner learner, int nEpochs) {
        this.learner = learner;
        this.nEpochs = nEpochs;
    }

    /** @return the learner being fitted */
    public Learner learner() {
        return learner;
    }

    /** @return the number of epochs asked for */
    public int nEpochs() {
        return nEpochs;
    }

    /** @return the current epoch, from 0 */
    public int epoch() {
        return epoch;
    }

    /** @return the number of training batches done in this fit, from 0 */
    public int iteration() {
        return iteration;
    }

    /** @return the position of the current batch in its epoch, from 0 */
    public int numBatch() {
        return numBatch;
    }

    /** @return whether the loop is training (false while validating) */
    public boolean isTrain() {
        return train;
    }

    /** @return the current batch */
    public Batch batch() {
        return batch;
    }

    /** @return the model's output for the current batch */
    public NDList lastOutput() {
        return lastOutput;
    }

    /**
     * Replaces the model's output before the loss is computed.
     *
     * @param output the new output
     */
    public void setLastOutput(NDList output) {
        this.lastOutput = output;
    }

    /** @return the current batch's loss (a scalar array) */
    public NDArray lastLoss() {
        return lastLoss;
    }

    /**
     * Replaces the loss before the backward pass.
     *
     * @param loss the new loss
     */
    public void setLastLoss(NDArray loss) {
        this.lastLoss = loss;
    }

    /** @return fastai's smoothed training loss (debiased exponential average, beta 0.98) */
    public double smoothLoss() {
        return smoothLoss;
    }

    /** @return the validation loss followed by the metrics, after the last validation */
    public List<Double> lastMetrics() {
        return lastMetrics;
    }

    /** Skips the optimizer step of the current batch. */
    public void skipStep() {
        this.skipStep = true;
    }

    /** @return whether the optimizer step of the current batch is skipped */
    public boolean isSkipStep() {
        return skipStep;
    }

    /** Ends the current epoch after this batch (validation still runs). */
    public void stopEpoch() {
        this.stopEpoch = true;
    }

    /** @return whether the current epoch was asked to end */
    public boolean isStopEpoch() {
        return stopEpoch;
    }

    /** Ends the fit after this batch or epoch. */
    public void stopTraining() {
        this.stopTraining = true;
        this.stopEpoch = true;
    }

    /** @return whether the fit was asked to end */
    public boolean isStopTraining() {
        return stopTraining;
    }

    /** Skips validation at the end of the epochs (the LR finder does). */
    public void skipValidate() {
        this.skipValidate = true;
    }

    /** @return whether validation is skipped */
    public boolean isSkipValidate() {
        return skipValidate;
    }

    /** @return the error that ended the fit, or {@code null} */
    public Throwable error() {
        return error;
    }

    // --- the loop's side -------------------------------------------------------------------------

    /**
     * Moves to an epoch (called by the loop).
     *
     * @param epoch the epoch
     */
    public void beginEpoch(int epoch) {
        this.epoch = epoch;
        this.numBatch = 0;
        this.stopEpoch = false;
        this.lastMetrics = List.of();
        this.train = true;
    }

    /**
     * Moves to a batch (called by the loop).
     *
     * @param batch the batch
     * @param train whether it is a training batch
     */
    public void beginBatch(Batch batch, boolean train) {
        this.batch = batch;
        this.train = train;
        this.lastOutput = null;
        this.lastLoss = null;
        this.skipStep = false;
    }

    /** Counts a finished training batch (called by the loop). */
    public void endTrainBatch() {
        numBatch++;
        iteration++;
        batch = null;
        lastOutput = null;
        lastLoss = null;
    }

    /**
     * Records the smoothed loss (called by the loop).
     *
     * @param smoothLoss the smoothed loss
     */
    public void setSmoothLoss(double smoothLoss) {
        this.smoothLoss = smoothLoss;
    }

    /**
     * Records the validation results (called by the loop).
     *
     * @param metrics the validation loss followed by the metrics
     */
    public void setLastMetrics(List<Double> metrics) {
        this.lastMetrics = List.copyOf(metrics);
    }

    /**
     * Records the error that ended the fit (called by the loop).
     *
     * @param error the error
     */
    public void setError(Throwable error) {
        this.error = error;
    }

    /**
     * Marks the validation phase (called by the loop).
     */
    public void beginValidation() {
        this.train = false;
        this.batch = null;
    }
}
