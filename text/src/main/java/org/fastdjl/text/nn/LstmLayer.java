package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Init;

/**
 * One layer of PyTorch's {@code nn.LSTM(in, out, 1, batch_first=True)}, on the engine's fused LSTM
 * kernel ({@code torch::lstm}) where it is right, else step by step (see {@code LstmKernel}), without its
 * hidden-to-hidden weight: the {@link WeightDropout} that
 * wraps it owns that weight ({@code weight_hh_l0_raw}) and passes it (dropped, in training) to every
 * call. Parameters as PyTorch names them, {@code weight_ih_l0 (4*out, in)}, {@code bias_ih_l0},
 * {@code bias_hh_l0}, gates in PyTorch's order (input, forget, cell, output), PyTorch's initialisation
 * {@code U(-1/sqrt(out), 1/sqrt(out))}.
 */
public final class LstmLayer extends AbstractBlock {

    private final int inSize;
    private final int outSize;
    private final Parameter weightIh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    /**
     * Creates the layer.
     *
     * @param inSize the input features
     * @param outSize the hidden (and output) features
     */
    public LstmLayer(int inSize, int outSize) {
        this.inSize = inSize;
        this.outSize = outSize;
        double bound = 1.0 / Math.sqrt(outSize);
        weightIh = addParameter(Parameter.builder().setName("weight_ih_l0").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(4L * outSize, inSize)).optInitializer(Init.uniform(bound)).build());
        biasIh = addParameter(Parameter.builder().setName("bias_ih_l0").setType(Parameter.Type.BIAS)
                .optShape(new Shape(4L * outSize)).optInitializer(Init.uniform(bound)).build());
        biasHh = addParameter(Parameter.builder().setName("bias_hh_l0").setType(Parameter.Type.BIAS)
                .optShape(new Shape(4L * outSize)).optInitializer(Init.uniform(bound)).build());
    }

    /** @return the input features */
    public int inSize() {
        return inSize;
    }

    /** @return the hidden (and output) features */
    public int outSize() {
        return outSize;
    }

    /** @return {@code weight_ih_l0} */
    public Parameter weightIh() {
        return weightIh;
    }

    /** @return {@code bias_ih_l0} */
    public Parameter biasIh() {
        return biasIh;
    }

    /** @return {@code bias_hh_l0} */
    public Parameter biasHh() {
        return biasHh;
    }

    /**
     * Runs the layer over a sequence batch.
     *
     * @param ps the parameter store
     * @param x {@code (bs, sl, in)}
     * @param h0 the hidden state {@code (1, bs, out)}
     * @param c0 the cell state {@code (1, bs, out)}
     * @param weightHh the hidden-to-hidden weight to use, {@code (4*out, out)}
     * @param training whether the engine runs in training mode
     * @return {@code (output (bs, sl, out), h (1, bs, out), c (1, bs, out))}
     */
    public NDList run(ParameterStore ps, NDArray x, NDArray h0, NDArray c0, NDArray weightHh, boolean training) {
        return LstmKernel.run(x, h0, c0,
                ps.getValue(weightIh, x.getDevice(), training),
                weightHh,
                ps.getValue(biasIh, x.getDevice(), training),
                ps.getValue(biasHh, x.getDevice(), training),
                training);
    }

    /**
     * Runs the layer; inputs {@code [x, h0, c0, weightHh]} as {@link #run}.
     *
     * @return {@code [output, h, c]}
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return run(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape state = new Shape(1, x.get(0), outSize);
        return new Shape[] {new Shape(x.get(0), x.get(1), outSize), state, state};
    }

    @Override
    public String toString() {
        return "LSTM(" + inSize + ", " + outSize + ", batch_first=True)";
    }
}
