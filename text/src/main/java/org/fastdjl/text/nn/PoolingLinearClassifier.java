package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.Linear;

import java.util.Arrays;

/**
 * fastai v1's {@code PoolingLinearClassifier(layers, drops)}, the classifier's head. From the encoder's
 * {@code (raw_outputs, outputs, mask)} it takes the last layer's output {@code (bs, sl, emb)} and pools
 * it over time, ignoring the padding (fastai pads at the start, so the last position is a real token):
 * {@code [output[:, -1], max over the unpadded positions, mean over the unpadded positions]} ({@code
 * (bs, 3*emb)}); then {@code bn_drop_lin} blocks — BatchNorm1d, Dropout (none when its p is 0), Linear,
 * ReLU between blocks — from {@code layers[0]} through {@code layers[1..]} to the classes.
 *
 * <p>The blocks sit in one {@link SequentialBlock} named {@code layers}, numbered as PyTorch's {@code
 * nn.Sequential} numbers them ({@code layers.0} BatchNorm1d, {@code layers.1} Dropout, {@code layers.2}
 * Linear, {@code layers.3} ReLU, {@code layers.4} BatchNorm1d, ...), so the {@code state_dict} keys are
 * fastai's ({@code 1.layers.0.weight}, {@code 1.layers.0.running_mean}, {@code 1.layers.2.weight}, ...).
 * PyTorch's default initialisation (BatchNorm weight 1 and bias 0, Linear {@code U(-1/sqrt(in),
 * 1/sqrt(in))}), as fastai's.
 *
 * <p>Output: {@code [logits (bs, nClasses), raw outputs..., outputs...]}, fastai's {@code (x,
 * raw_outputs, outputs)}, so the {@link org.fastdjl.text.learner.RNNTrainer} callback applies AR and TAR
 * as for a language model.
 */
public final class PoolingLinearClassifier extends AbstractBlock {

    private final int[] layers;
    private final double[] drops;
    private final SequentialBlock seq;

    /**
     * Creates the head.
     *
     * @param layers the sizes: {@code 3*emb}, the hidden sizes ({@code lin_ftrs}), then the number of
     *     classes
     * @param drops one dropout per block ({@code layers.length - 1} of them)
     * @throws IllegalArgumentException when the counts do not match (fastai's "Number of layers and
     *     dropout values do not match.")
     */
    public PoolingLinearClassifier(int[] layers, double[] drops) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("a classifier head needs an input and an output size, got "
                    + Arrays.toString(layers));
        }
        if (drops.length != layers.length - 1) {
            throw new IllegalArgumentException("Number of layers and dropout values do not match: " + (layers.length - 1)
                    + " blocks " + Arrays.toString(layers) + " but " + drops.length + " dropouts "
                    + Arrays.toString(drops));
        }
        this.layers = layers.clone();
        this.drops = drops.clone();
        SequentialBlock s = new SequentialBlock();
        for (int i = 0; i < layers.length - 1; i++) {
            if (layers[i] < 1 || layers[i + 1] < 1) {
                throw new IllegalArgumentException("layer sizes must be >= 1, got " + Arrays.toString(layers));
            }
            if (!(drops[i] >= 0 && drops[i] < 1)) {
                throw new IllegalArgumentException("dropouts must be in [0, 1), got " + Arrays.toString(drops));
            }
            s.add(new BatchNorm1d(layers[i]));
            if (drops[i] != 0) {
                s.add(Dropout.builder().optRate((float) drops[i]).build());
            }
            s.add(new Linear(layers[i], layers[i + 1]));
            if (i < layers.length - 2) {
                s.add(Activation.reluBlock());
            }
        }
        this.seq = addChildBlock("layers", s);
    }

    /** @return the sizes, input first */
    public int[] layerSizes() {
        return layers.clone();
    }

    /** @return the dropout of each block */
    public double[] dropouts() {
        return drops.clone();
    }

    /** @return the BatchNorm-Dropout-Linear blocks */
    public SequentialBlock layers() {
        return seq;
    }

    /**
     * fastai's masked concat pooling of one layer's output.
     *
     * @param output {@code (bs, sl, n)}
     * @param mask {@code (bs, sl)} boolean, true at padding
     * @return {@code (bs, 3n)}: the last position, the max and the mean over the positions that are not
     *     padding
     */
    public static NDArray concatPool(NDArray output, NDArray mask) {
        long sl = output.getShape().get(1);
        NDManager m = output.getManager();
        NDArray pad = mask.expandDims(2).broadcast(output.getShape());      // (bs, sl, n)
        NDArray zero = output.zerosLike();
        NDArray negInf = m.full(output.getShape(), Float.NEGATIVE_INFINITY, output.getDataType(), output.getDevice());
        // avg_pool = output.masked_fill(mask[:, :, None], 0).mean(dim=1) * sl / (sl - mask.sum(1))
        NDArray avg = NDArrays.where(pad, zero, output).mean(new int[] {1});
        NDArray kept = mask.toType(output.getDataType(), false).sum(new int[] {1}, true).neg().add(sl);
        avg = avg.mul(kept.getNDArrayInternal().rdiv((float) sl));
        NDArray max = NDArrays.where(pad, negInf, output).max(new int[] {1});
        NDArray last = output.get(new NDIndex(":, -1"));
        return NDArrays.concat(new NDList(last, max, avg), 1);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() < 3 || inputs.size() % 2 == 0) {
            throw new IllegalArgumentException("the classifier head expects (raw outputs..., outputs..., mask), got "
                    + inputs.size() + " arrays");
        }
        int n = (inputs.size() - 1) / 2;
        NDArray x = concatPool(inputs.get(2 * n - 1), inputs.get(2 * n));
        NDList out = new NDList(2 * n + 1);
        out.add(seq.forward(ps, new NDList(x), training).head());
        for (int k = 0; k < 2 * n; k++) {
            out.add(inputs.get(k));
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long bs = inputShapes.length > 0 && inputShapes[0].dimension() > 0 ? inputShapes[0].get(0) : 1;
        seq.initialize(manager, dataType, new Shape(Math.max(2, bs), layers[0]));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        int n = (inputShapes.length - 1) / 2;
        Shape[] out = new Shape[2 * n + 1];
        out[0] = new Shape(inputShapes[0].get(0), layers[layers.length - 1]);
        System.arraycopy(inputShapes, 0, out, 1, 2 * n);
        return out;
    }

    @Override
    public String toString() {
        return "PoolingLinearClassifier(layers=" + Arrays.toString(layers) + ", drops=" + Arrays.toString(drops) + ")";
    }
}
