package org.fastdjl.collab.nn;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.tabular.nn.TabularModel;

import java.util.List;

/**
 * fastai v1's {@code EmbeddingNN}: a {@link TabularModel} over two categorical inputs (user, item) and
 * no continuous ones, with one output. Input {@code [users, items]}, output {@code (bs, 1)}.
 */
public class EmbeddingNN extends TabularModel {

    /**
     * Creates the model.
     *
     * @param userEmb {@code (rows, width)} of the user embedding
     * @param itemEmb {@code (rows, width)} of the item embedding
     * @param layers the hidden layer sizes (fastai's default: none)
     * @param ps the dropout after each hidden layer
     * @param embDrop the embedding dropout
     * @param yRange {@code {lo, hi}} or {@code null}
     * @param useBn whether to use BatchNorm between the layers
     * @param bnFinal whether to end with a BatchNorm
     */
    public EmbeddingNN(int[] userEmb, int[] itemEmb, int[] layers, float[] ps, float embDrop, float[] yRange,
            boolean useBn, boolean bnFinal) {
        super(List.of(userEmb, itemEmb), 0, 1, layers, ps, embDrop, yRange, useBn, bnFinal);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList xs = new NDList(NDArrays.stack(new NDList(inputs.get(0), inputs.get(1)), 1), null);
        return super.forwardInternal(ps, xs, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initializeChildBlocks(manager, dataType, new Shape(inputShapes[0].get(0), 2));
    }
}
