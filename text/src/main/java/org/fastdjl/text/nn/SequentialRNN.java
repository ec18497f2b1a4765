package org.fastdjl.text.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Resettable;

/**
 * fastai's {@code SequentialRNN(encoder, decoder)}: the encoder's outputs go to the decoder (or the
 * classifier head), and {@link #reset()} resets whichever of the two carries state. Its two children
 * are numbered as in PyTorch's {@code nn.Sequential}, so {@code state_dict} keys start with {@code 0.}
 * and {@code 1.} ({@code 0.encoder.weight}, {@code 1.decoder.bias}).
 *
 * <p>For a language model the output is {@code [decoded, raw outputs..., outputs...]}: the logits {@code
 * (bs, sl, vocab)} first, then each layer's raw output, then each layer's dropped output.
 */
public final class SequentialRNN extends AbstractBlock implements Resettable {

    private final Block encoder;
    private final Block decoder;

    /**
     * Chains an encoder and a decoder.
     *
     * @param encoder the encoder (for instance {@link AwdLstm})
     * @param decoder the decoder or head (for instance {@link LinearDecoder})
     */
    public SequentialRNN(Block encoder, Block decoder) {
        this.encoder = addChildBlock("0", encoder);
        this.decoder = addChildBlock("1", decoder);
    }

    /** @return the encoder, {@code model[0]} */
    public Block encoder() {
        return encoder;
    }

    /** @return the decoder, {@code model[1]} */
    public Block decoder() {
        return decoder;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return decoder.forward(ps, encoder.forward(ps, inputs, training), training);
    }

    @Override
    public void reset() {
        if (encoder instanceof Resettable) {
            ((Resettable) encoder).reset();
        }
        if (decoder instanceof Resettable) {
            ((Resettable) decoder).reset();
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        decoder.initialize(manager, dataType, encoder.getOutputShapes(inputShapes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return decoder.getOutputShapes(encoder.getOutputShapes(inputShapes));
    }

    @Override
    public String toString() {
        return "SequentialRNN(\n  (0): " + encoder + "\n  (1): " + decoder + "\n)";
    }
}
