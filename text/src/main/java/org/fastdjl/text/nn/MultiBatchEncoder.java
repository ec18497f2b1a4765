package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Resettable;

import java.util.ArrayList;
import java.util.List;

/**
 * fastai v1's {@code MultiBatchEncoder(bptt, max_len, module, pad_idx)}: the classifier's encoder. It
 * resets the {@link AwdLstm}'s hidden state, then feeds each padded document batch {@code (bs, sl)}
 * through it in chunks of {@code bptt} tokens, the hidden state carried from chunk to chunk (and
 * detached, as the AWD-LSTM always does), and keeps the outputs of the chunks that start after {@code
 * sl - maxLen} only: a long review costs the memory (and gets the gradient) of its last {@code maxLen}
 * tokens, while the earlier chunks still set the state the kept ones start from. Those earlier chunks
 * run without recording a graph (their outputs are dropped and the state that leaves them is detached,
 * so no gradient could reach them) and their arrays are freed at once.
 *
 * <p>As fastai's, a chunk is kept when its start {@code i > sl - maxLen} (strictly): with {@code sl ==
 * maxLen} the first chunk is not kept. With {@code maxLen >= sl + 1} every chunk is kept and the result
 * equals one pass over the whole sequence.
 *
 * <p>Input: int64 ids {@code (bs, sl)}. Output, one {@link NDList}: the raw output of each layer, then
 * the (dropped) output of each layer, each {@code (bs, kept, out_l)} (the kept chunks concatenated over
 * time), then the padding mask {@code (bs, kept)} (boolean, true where the id is the padding token) —
 * fastai's {@code (raw_outputs, outputs, mask)}. Its {@code state_dict} keys are the AWD-LSTM's under
 * {@code module.} ({@code module.encoder.weight}, ...).
 */
public final class MultiBatchEncoder extends AbstractBlock implements Resettable {

    private final int bptt;
    private final int maxLen;
    private final int padIdx;
    private final AwdLstm module;

    /**
     * Wraps an encoder.
     *
     * @param bptt the chunk length (fastai's 70)
     * @param maxLen how many of the last tokens keep their outputs and gradient (fastai's 70*20)
     * @param module the AWD-LSTM
     * @param padIdx the padding token's id (1)
     */
    public MultiBatchEncoder(int bptt, int maxLen, AwdLstm module, int padIdx) {
        if (bptt < 1 || maxLen < 1) {
            throw new IllegalArgumentException("bptt and maxLen must be >= 1, got " + bptt + " and " + maxLen);
        }
        this.bptt = bptt;
        this.maxLen = maxLen;
        this.padIdx = padIdx;
        this.module = addChildBlock("module", module);
    }

    /** @return the wrapped AWD-LSTM ({@code module}) */
    public AwdLstm module() {
        return module;
    }

    /** @return the chunk length */
    public int bptt() {
        return bptt;
    }

    /** @return how many of the last tokens are kept */
    public int maxLen() {
        return maxLen;
    }

    /** @return the padding token's id */
    public int padIdx() {
        return padIdx;
    }

    /**
     * Where the kept chunks start for a sequence length: the first multiple of {@code bptt} above
     * {@code sl - maxLen}.
     *
     * @param sl the sequence length
     * @return the first kept position ({@code sl} or more when none is kept)
     */
    public int firstKept(int sl) {
        int limit = sl - maxLen;
        if (limit < 0) {
            return 0;
        }
        return (limit / bptt + 1) * bptt;
    }

    @Override
    public void reset() {
        module.reset();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.head();
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("the classifier's encoder expects token ids (bs, sl), got "
                    + ids.getShape());
        }
        int sl = (int) ids.getShape().get(1);
        if (sl == 0) {
            throw new IllegalArgumentException("the classifier's encoder got an empty sequence (bs, 0)");
        }
        int first = firstKept(sl);
        if (first >= sl) {
            throw new IllegalArgumentException("no chunk of " + sl + " tokens is kept with bptt " + bptt + " and maxLen "
                    + maxLen + " (fastai keeps the chunks starting after sl - maxLen)");
        }
        module.reset();
        for (int i = 0; i < first; i += bptt) {
            skipChunk(ps, ids.get(new NDIndex(":, {}:{}", i, Math.min(i + bptt, sl))), training);
        }
        int n = module.nLayers();
        List<List<NDArray>> perOutput = new ArrayList<>();
        for (int k = 0; k < 2 * n; k++) {
            perOutput.add(new ArrayList<>());
        }
        List<NDArray> masks = new ArrayList<>();
        for (int i = first; i < sl; i += bptt) {
            NDArray chunk = ids.get(new NDIndex(":, {}:{}", i, Math.min(i + bptt, sl)));
            NDList out = keptChunk(ps, chunk, training);
            for (int k = 0; k < 2 * n; k++) {
                perOutput.get(k).add(out.get(k));
            }
            masks.add(chunk.eq(padIdx));
        }
        NDList result = new NDList(2 * n + 1);
        for (List<NDArray> parts : perOutput) {
            result.add(concat(parts));
        }
        result.add(concat(masks));
        return result;
    }

    /**
     * Runs a kept chunk and frees the arrays it made along the way (the step-by-step LSTM makes several
     * per token) as soon as it ends: only its outputs stay, in the caller's scope. What the backward pass
     * needs the engine's autograd graph keeps by itself, so this is safe in training too.
     */
    private NDList keptChunk(ParameterStore ps, NDArray chunk, boolean training) {
        NDList out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            out = module.forward(ps, new NDList(chunk), training);
            for (NDArray a : out) {
                NDScope.unregister(a);
            }
        }
        for (NDArray a : out) {
            NDScope.register(a);
        }
        return out;
    }

    /** Runs a chunk whose outputs are dropped: no graph recorded, every array it makes freed at once. */
    private void skipChunk(ParameterStore ps, NDArray chunk, boolean training) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            module.forward(ps, new NDList(chunk), training); // only the carried (detached) state survives
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    private static NDArray concat(List<NDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 1);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        module.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        long sl = ids.get(1);
        long kept = sl - Math.min(sl, firstKept((int) sl));
        Shape[] enc = module.getOutputShapes(new Shape[] {new Shape(ids.get(0), kept)});
        Shape[] out = new Shape[enc.length + 1];
        System.arraycopy(enc, 0, out, 0, enc.length);
        out[enc.length] = new Shape(ids.get(0), kept);
        return out;
    }

    @Override
    public String toString() {
        return "MultiBatchEncoder(bptt=" + bptt + ", max_len=" + maxLen + ", pad_idx=" + padIdx + ", module=" + module
                + ")";
    }
}
