package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the features of {@code (n, features)} inputs, as PyTorch's {@code
 * nn.BatchNorm1d}: eps 1e-5, momentum 0.1 (PyTorch's convention: {@code running = 0.9 running + 0.1
 * batch}), learnable {@code weight} and {@code bias}, buffers {@code running_mean} and {@code
 * running_var} updated in training and used in evaluation.
 *
 * <p>fastai keeps these layers trainable when their layer group is frozen.
 */
public class BatchNorm1d extends AbstractBlock {

    private final long numFeatures;
    private final float eps;
    private final float momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    /** PyTorch's {@code num_batches_tracked} buffer, kept as a Java number: training batches seen. */
    private long numBatchesTracked;

    /**
     * Creates a layer with PyTorch's defaults.
     *
     * @param numFeatures the number of features
     */
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, 1e-5f, 0.1f);
    }

    /**
     * Creates a layer.
     *
     * @param numFeatures the number of features
     * @param eps added to the variance
     * @param momentum PyTorch's momentum: the weight of the batch statistics in the running ones
     */
    public BatchNorm1d(long numFeatures, float eps, float momentum) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        Shape shape = new Shape(numFeatures);
        weight = addParameter(param("weight", Parameter.Type.GAMMA, shape, Initializer.ONES, true));
        bias = addParameter(param("bias", Parameter.Type.BETA, shape, Initializer.ZEROS, true));
        runningMean = addParameter(
                param("running_mean", Parameter.Type.RUNNING_MEAN, shape, Initializer.ZEROS, false));
        runningVar = addParameter(
                param("running_var", Parameter.Type.RUNNING_VAR, shape, Initializer.ONES, false));
    }

    private static Parameter param(
            String name, Parameter.Type type, Shape shape, Initializer init, boolean grad) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(shape)
                .optInitializer(init)
                .optRequiresGrad(grad)
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (training) {
            numBatchesTracked++;
        }
        return x.getNDArrayInternal()
                .batchNorm(
                        x,
                        ps.getValue(runningMean, x.getDevice(), training),
                        ps.getValue(runningVar, x.getDevice(), training),
                        ps.getValue(weight, x.getDevice(), training),
                        ps.getValue(bias, x.getDevice(), training),
                        -1,
                        1f - momentum, // DJL's momentum is the weight of the running statistics
                        eps,
                        training);
    }

    /**
     * PyTorch's {@code num_batches_tracked}: how many training batches updated the running statistics
     * (saved with the weights, so {@code load_state_dict(strict=True)} finds it).
     *
     * @return the count
     */
    public long numBatchesTracked() {
        return numBatchesTracked;
    }

    /**
     * Sets the count, when weights are loaded.
     *
     * @param count the count
     */
    public void setNumBatchesTracked(long count) {
        this.numBatchesTracked = count;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "BatchNorm1d(" + numFeatures + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
