package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as PyTorch's {@code
 * nn.Embedding}: int64 indices of any shape in, their vectors out (one more trailing dimension).
 */
public class Embedding extends AbstractBlock {

    private final long numEmbeddings;
    private final long embeddingDim;
    private final Parameter weight;

    /**
     * Creates an embedding with PyTorch's default initialisation (standard normal).
     *
     * @param numEmbeddings the number of rows (categories, tokens)
     * @param embeddingDim the size of each vector
     */
    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, Init.normal());
    }

    /**
     * Creates an embedding.
     *
     * @param numEmbeddings the number of rows (categories, tokens)
     * @param embeddingDim the size of each vector
     * @param init the initializer of the weight; fastai uses {@link Init#truncNormal(double)} with std
     *     0.01
     */
    public Embedding(long numEmbeddings, long embeddingDim, Initializer init) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException(
                    "an embedding needs at least one row and one column, got (" + numEmbeddings + ", "
                            + embeddingDim + ")");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numEmbeddings, embeddingDim))
                .optInitializer(init)
                .build());
    }

    /** @return the table, {@code (numEmbeddings, embeddingDim)} */
    public Parameter weight() {
        return weight;
    }

    /** @return the number of rows */
    public long numEmbeddings() {
        return numEmbeddings;
    }

    /** @return the size of each vector */
    public long embeddingDim() {
        return embeddingDim;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray idx = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, idx.getDevice(), training);
        return idx.getNDArrayInternal().embedding(idx, w, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(embeddingDim)};
    }

    @Override
    public String toString() {
        return "Embedding(" + numEmbeddings + ", " + embeddingDim + ")";
    }
}
