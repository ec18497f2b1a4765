package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.Init;
import org.fastdjl.core.nn.StateDictAliases;

import java.util.Map;

/**
 * fastai's {@code LinearDecoder(n_out, n_hid, output_p, tie_encoder, bias)}: {@link RNNDropout} on the
 * last layer's output, then a linear layer to the vocab. With a tied encoder the linear layer's weight
 * IS the embedding's parameter (one array, one gradient, stepped once), named {@code decoder.weight} in
 * the {@code state_dict} as well as {@code encoder.weight}; otherwise it has its own weight, {@code
 * U(-0.1, 0.1)}. The bias starts at zeros.
 *
 * <p>Input: the encoder's {@code [raw outputs..., outputs...]}; output {@code [decoded (bs, sl,
 * nOut), raw outputs..., outputs...]}, fastai's {@code (decoded, raw_outputs, outputs)}.
 */
public final class LinearDecoder extends AbstractBlock {

    private final Projection decoder;
    private final RNNDropout outputDp;
    private final int nOut;

    /**
     * Creates the decoder.
     *
     * @param nOut the vocab size
     * @param nHid the size of the last layer's output (the embedding size)
     * @param outputP the dropout before the projection
     * @param tieEncoder the embedding whose weight to share, or {@code null} for an own weight
     * @param bias whether to add a bias
     */
    public LinearDecoder(int nOut, int nHid, double outputP, Embedding tieEncoder, boolean bias) {
        if (tieEncoder != null && (tieEncoder.numEmbeddings() != nOut || tieEncoder.embeddingDim() != nHid)) {
            throw new IllegalArgumentException("cannot tie a (" + nOut + ", " + nHid + ") decoder to an embedding of ("
                    + tieEncoder.numEmbeddings() + ", " + tieEncoder.embeddingDim() + ")");
        }
        this.nOut = nOut;
        decoder = addChildBlock("decoder", new Projection(nOut, nHid, tieEncoder == null ? null : tieEncoder.weight(),
                bias));
        outputDp = addChildBlock("output_dp", new RNNDropout(outputP));
    }

    /** @return the projection's weight: the embedding's parameter when tied */
    public Parameter weight() {
        return decoder.weight();
    }

    /** @return the projection's bias, or {@code null} */
    public Parameter bias() {
        return decoder.bias;
    }

    /** @return whether the weight is the embedding's */
    public boolean isTied() {
        return decoder.tied;
    }

    /** @return the dropout before the projection */
    public RNNDropout outputDp() {
        return outputDp;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray last = inputs.get(inputs.size() - 1);
        NDArray x = outputDp.apply(last, training);
        NDList out = new NDList(inputs.size() + 1);
        out.add(decoder.project(ps, x, training));
        out.addAll(inputs);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        decoder.initialize(manager, dataType, inputShapes[inputShapes.length - 1]);
        outputDp.initialize(manager, dataType, inputShapes[inputShapes.length - 1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape last = inputShapes[inputShapes.length - 1];
        Shape[] out = new Shape[inputShapes.length + 1];
        out[0] = last.slice(0, last.dimension() - 1).add(nOut);
        System.arraycopy(inputShapes, 0, out, 1, inputShapes.length);
        return out;
    }

    @Override
    public String toString() {
        return "LinearDecoder(" + decoder + ", " + outputDp + ")";
    }

    /** The {@code decoder} linear layer, whose weight may be another block's parameter. */
    static final class Projection extends AbstractBlock implements StateDictAliases {
        private final Parameter weight;
        private final Parameter bias;
        private final boolean tied;
        private final int nOut;
        private final int nHid;

        Projection(int nOut, int nHid, Parameter tiedWeight, boolean withBias) {
            this.nOut = nOut;
            this.nHid = nHid;
            this.tied = tiedWeight != null;
            this.weight = tied ? tiedWeight : addParameter(Parameter.builder().setName("weight")
                    .setType(Parameter.Type.WEIGHT).optShape(new Shape(nOut, nHid)).optInitializer(Init.uniform(0.1))
                    .build());
            this.bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(nOut)).optInitializer(Initializer.ZEROS).build()) : null;
        }

        Parameter weight() {
            return weight;
        }

        NDArray project(ParameterStore ps, NDArray x, boolean training) {
            NDArray w = ps.getValue(weight, x.getDevice(), training);
            NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
            return x.getNDArrayInternal().linear(x, w, b).head();
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(project(ps, inputs.singletonOrThrow(), training));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            return new Shape[] {in.slice(0, in.dimension() - 1).add(nOut)};
        }

        @Override
        public Map<String, Parameter> stateDictAliases() {
            return tied ? Map.of("weight", weight) : Map.of();
        }

        @Override
        public String toString() {
            return "Linear(in_features=" + nHid + ", out_features=" + nOut + ", bias=" + (bias != null) + ")";
        }
    }
}
