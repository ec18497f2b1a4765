package org.fastdjl.collab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.Init;

/**
 * fastai v1's {@code EmbeddingDotBias}: a factor vector and a bias per user and per item; the
 * prediction is {@code u . i + b_u + b_i}, squashed into {@code yRange} with a sigmoid when one is given
 * ({@code sigmoid(x) * (hi - lo) + lo}). The four embeddings are initialised with fastai's truncated
 * normal, std 0.01. Parameter names match fastai's {@code state_dict}: {@code u_weight.weight}, {@code
 * i_weight.weight}, {@code u_bias.weight}, {@code i_bias.weight}.
 *
 * <p>Input: {@code [users (int64, (bs)), items (int64, (bs))]}; output: {@code (bs)} ratings.
 */
public class EmbeddingDotBias extends AbstractBlock {

    private final Embedding uWeight;
    private final Embedding iWeight;
    private final Embedding uBias;
    private final Embedding iBias;
    private final float[] yRange;

    /**
     * Creates the model.
     *
     * @param nFactors the size of each factor vector
     * @param nUsers the number of user classes ({@code #na#} included)
     * @param nItems the number of item classes ({@code #na#} included)
     * @param yRange {@code {lo, hi}}, or {@code null} for an unbounded output
     */
    public EmbeddingDotBias(int nFactors, int nUsers, int nItems, float[] yRange) {
        if (yRange != null && (yRange.length != 2 || !(yRange[1] > yRange[0]))) {
            throw new IllegalArgumentException("yRange must be {lo, hi} with lo < hi");
        }
        uWeight = addChildBlock("u_weight", new Embedding(nUsers, nFactors, Init.truncNormal(0.01)));
        iWeight = addChildBlock("i_weight", new Embedding(nItems, nFactors, Init.truncNormal(0.01)));
        uBias = addChildBlock("u_bias", new Embedding(nUsers, 1, Init.truncNormal(0.01)));
        iBias = addChildBlock("i_bias", new Embedding(nItems, 1, Init.truncNormal(0.01)));
        this.yRange = yRange == null ? null : yRange.clone();
    }

    /** @return {@code {lo, hi}} of the sigmoid output range, or {@code null} when unbounded */
    public float[] yRange() {
        return yRange == null ? null : yRange.clone();
    }

    /** @return the user factors */
    public Embedding uWeight() {
        return uWeight;
    }

    /** @return the item factors */
    public Embedding iWeight() {
        return iWeight;
    }

    /** @return the user biases */
    public Embedding uBias() {
        return uBias;
    }

    /** @return the item biases */
    public Embedding iBias() {
        return iBias;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList users = new NDList(inputs.get(0));
        NDList items = new NDList(inputs.get(1));
        NDArray dot = uWeight.forward(ps, users, training).head()
                .mul(iWeight.forward(ps, items, training).head())
                .sum(new int[] {1});
        NDArray res = dot.add(uBias.forward(ps, users, training).head().squeeze(1))
                .add(iBias.forward(ps, items, training).head().squeeze(1));
        if (yRange != null) {
            res = Activation.sigmoid(res).mul(yRange[1] - yRange[0]).add(yRange[0]);
        }
        return new NDList(res);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType dataType, Shape... inputShapes) {
        uWeight.initialize(manager, dataType, inputShapes[0]);
        iWeight.initialize(manager, dataType, inputShapes[1]);
        uBias.initialize(manager, dataType, inputShapes[0]);
        iBias.initialize(manager, dataType, inputShapes[1]);
    }
}
