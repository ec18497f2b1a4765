package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A fully connected layer {@code y = x W^T + b} with PyTorch's {@code nn.Linear} shapes ({@code weight}
 * is {@code (out, in)}), default initialisation ({@code U(-1/sqrt(in), 1/sqrt(in))} for weight and bias)
 * and {@code state_dict} names.
 */
public class Linear extends AbstractBlock {

    private final long inFeatures;
    private final long outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates a layer with a bias.
     *
     * @param inFeatures input size
     * @param outFeatures output size
     */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /**
     * Creates a layer.
     *
     * @param inFeatures input size
     * @param outFeatures output size
     * @param withBias whether to add a bias
     */
    public Linear(long inFeatures, long outFeatures, boolean withBias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = 1.0 / Math.sqrt(inFeatures);
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(outFeatures, inFeatures))
                .optInitializer(Init.uniform(bound))
                .build());
        bias = withBias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .optShape(new Shape(outFeatures))
                        .optInitializer(Init.uniform(bound))
                        .build())
                : null;
    }

    /** @return the weight, {@code (out, in)} */
    public Parameter weight() {
        return weight;
    }

    /** @return the bias, or {@code null} */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return x.getNDArrayInternal().linear(x, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures + ", out_features=" + outFeatures
                + ", bias=" + (bias != null) + ")";
    }
}
