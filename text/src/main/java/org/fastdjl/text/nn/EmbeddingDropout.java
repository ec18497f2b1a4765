package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.StateDictAliases;

import java.util.Map;

/**
 * fastai's {@code EmbeddingDropout(emb, embed_p)}: in training, drops whole rows of the embedding matrix
 * (one Bernoulli draw per token of the vocab, {@code (vocab, 1)}), scaling the kept rows by
 * {@code 1/(1-p)}, then looks the words up in that matrix; in evaluation it looks them up in the plain
 * matrix. As fastai's {@code F.embedding(..., padding_idx=pad)}, the padding token's row gets no gradient
 * from the lookup.
 *
 * <p>It wraps the encoder's {@link Embedding} without owning it (the embedding is the encoder's
 * child): the wrapped weight appears once among the parameters and, as in fastai's {@code state_dict},
 * also as {@code encoder_dp.emb.weight} ({@link StateDictAliases}).
 */
public final class EmbeddingDropout extends AbstractBlock implements StateDictAliases {

    private final Embedding emb;
    private final float p;
    private final int padIdx;

    /**
     * Wraps an embedding.
     *
     * @param emb the embedding (owned elsewhere)
     * @param p the probability of dropping a row, in [0, 1)
     * @param padIdx the padding token, whose row gets no gradient; -1 for none
     */
    public EmbeddingDropout(Embedding emb, double p, int padIdx) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("embed_p must be in [0, 1), got " + p);
        }
        this.emb = emb;
        this.p = (float) p;
        this.padIdx = padIdx;
    }

    /** @return the wrapped embedding */
    public Embedding emb() {
        return emb;
    }

    /**
     * Looks words up, dropping rows in training.
     *
     * @param ps the parameter store
     * @param words int64 token ids of any shape
     * @param training whether to drop rows
     * @return the vectors, {@code words.shape + (emb,)}
     */
    public NDArray lookup(ParameterStore ps, NDArray words, boolean training) {
        NDArray w = ps.getValue(emb.weight(), words.getDevice(), training);
        if (training && p != 0) {
            NDArray mask = Dropouts.mask(w, new Shape(w.getShape().get(0), 1), p);
            w = w.mul(mask);
        }
        NDArray out = words.getNDArrayInternal().embedding(words, w, SparseFormat.DENSE).head();
        if (padIdx >= 0 && JniUtils.isGradMode()) {
            // F.embedding(padding_idx=pad): same values, no gradient into the pad row
            NDArray isPad = words.eq(padIdx).expandDims(-1).toType(out.getDataType(), false);
            out = out.sub(out.sub(out.stopGradient()).mul(isPad)); // pad rows: the detached values
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(lookup(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(emb.embeddingDim())};
    }

    @Override
    public Map<String, Parameter> stateDictAliases() {
        return Map.of("emb.weight", emb.weight());
    }

    @Override
    public String toString() {
        return "EmbeddingDropout(p=" + p + ")";
    }
}
