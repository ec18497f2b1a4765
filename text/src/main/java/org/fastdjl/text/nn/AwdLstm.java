package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.Init;
import org.fastdjl.core.nn.ModuleList;
import org.fastdjl.core.nn.Resettable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * fastai v1's {@code AWD_LSTM} encoder: an embedding (pad index 1, {@code U(-0.1, 0.1)}) read through
 * {@link EmbeddingDropout}, {@link RNNDropout} on its output, then {@code nLayers} single-layer LSTMs
 * ({@code emb -> hidden -> ... -> emb}), each on the engine's fused kernel inside a {@link
 * WeightDropout}, with an {@link RNNDropout} between layers.
 *
 * <p>Input: int64 token ids {@code (bs, sl)}. Output, in one {@link NDList}: the raw output of each
 * layer, then the output of each layer after its hidden dropout (the last layer has none: the same
 * array), each {@code (bs, sl, out_l)} — fastai's {@code (raw_outputs, outputs)}.
 *
 * <p>The hidden state ({@code h} and {@code c} of each layer, {@code (1, bs, out_l)}) is carried from
 * one call to the next, as fastai's, so consecutive batches of a language-model stream continue each
 * other. It is detached from the graph after every call and kept in arrays the model owns (outside
 * any batch's scope), freed when replaced; it starts as zeros, and goes back to zeros on {@link
 * #reset()} and when the batch size changes. {@link #selectHidden(long[])} keeps some rows (beam
 * search), {@link #forwardEmbeddings} runs from embeddings instead of ids (intrinsic attention), and a
 * caller can feed a long text chunk by chunk (the classifier's {@code MultiBatchEncoder}).
 *
 * <p>{@code state_dict} names are fastai's: {@code encoder.weight}, {@code encoder_dp.emb.weight} (the
 * same tensor), {@code rnns.0.weight_hh_l0_raw}, {@code rnns.0.module.weight_ih_l0}, {@code
 * rnns.0.module.weight_hh_l0} (a copy of the raw weight), {@code rnns.0.module.bias_ih_l0}, {@code
 * rnns.0.module.bias_hh_l0}, ...
 */
public final class AwdLstm extends AbstractBlock implements Resettable {

    private final int vocabSz;
    private final AwdLstmConfig config;
    private final Embedding encoder;
    private final EmbeddingDropout encoderDp;
    private final ModuleList<WeightDropout> rnns;
    private final RNNDropout inputDp;
    private final ModuleList<RNNDropout> hiddenDps;

    private final NDArray[] hs;
    private final NDArray[] cs;
    private long bs = -1;
    private NDManager stateManager;

    /**
     * Creates the encoder.
     *
     * @param vocabSz the number of tokens
     * @param config the sizes and dropouts
     */
    public AwdLstm(int vocabSz, AwdLstmConfig config) {
        if (vocabSz < 1) {
            throw new IllegalArgumentException("vocabSz must be >= 1, got " + vocabSz);
        }
        this.vocabSz = vocabSz;
        this.config = Objects.requireNonNull(config, "config");
        int n = config.nLayers();
        encoder = addChildBlock("encoder", new Embedding(vocabSz, config.embSz(), Init.uniform(0.1)));
        encoderDp = addChildBlock("encoder_dp", new EmbeddingDropout(encoder, config.embedP(),
                config.padToken() < vocabSz ? config.padToken() : -1));
        List<WeightDropout> layers = new ArrayList<>();
        List<RNNDropout> drops = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            layers.add(new WeightDropout(config.layerIn(l), config.layerOut(l), config.weightP()));
            drops.add(new RNNDropout(config.hiddenP()));
        }
        rnns = addChildBlock("rnns", new ModuleList<>(layers));
        inputDp = addChildBlock("input_dp", new RNNDropout(config.inputP()));
        hiddenDps = addChildBlock("hidden_dps", new ModuleList<>(drops));
        hs = new NDArray[n];
        cs = new NDArray[n];
    }

    /**
     * Which LSTM kernel this process runs (deciding now if not yet decided): the engine's fused kernel
     * or the step-by-step one it falls back to where the fused one is wrong (see {@code LstmKernel}).
     *
     * @return a short description
     */
    public static String lstmKernel() {
        return LstmKernel.useFused() ? "fused for layers of " + LstmKernel.FUSED_FROM_HIDDEN
                + "+ hidden units, stepwise below" : "stepwise";
    }

    /** @return the vocab size */
    public int vocabSz() {
        return vocabSz;
    }

    /** @return the config */
    public AwdLstmConfig config() {
        return config;
    }

    /** @return the embedding ({@code encoder}) */
    public Embedding encoder() {
        return encoder;
    }

    /** @return the embedding seen through its row dropout ({@code encoder_dp}) */
    public EmbeddingDropout encoderDp() {
        return encoderDp;
    }

    /** @return the LSTM layers, each in its weight dropout ({@code rnns}) */
    public ModuleList<WeightDropout> rnns() {
        return rnns;
    }

    /** @return the dropout on the embedding output ({@code input_dp}) */
    public RNNDropout inputDp() {
        return inputDp;
    }

    /** @return the dropout after each layer ({@code hidden_dps}; the last layer's is not used) */
    public ModuleList<RNNDropout> hiddenDps() {
        return hiddenDps;
    }

    /** @return the number of layers */
    public int nLayers() {
        return config.nLayers();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.head();
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("AWD-LSTM expects token ids (bs, sl), got " + ids.getShape());
        }
        checkBatchSize(ids.getShape().get(0));
        NDArray emb = encoderDp.lookup(ps, ids, training);
        return layers(ps, inputDp.apply(emb, training), training);
    }

    /**
     * Runs the LSTMs from embeddings instead of token ids (fastai's {@code from_embeddings=True}): no
     * embedding dropout, the rest as {@link #forward}; the hidden state is carried the same way.
     *
     * @param ps the parameter store
     * @param emb {@code (bs, sl, emb)} floats (for instance the embedding of a text, to differentiate)
     * @param training whether dropouts apply
     * @return the raw outputs then the outputs of each layer
     */
    public NDList forwardEmbeddings(ParameterStore ps, NDArray emb, boolean training) {
        if (emb.getShape().dimension() != 3 || emb.getShape().get(2) != config.embSz()) {
            throw new IllegalArgumentException("expected embeddings (bs, sl, " + config.embSz() + "), got "
                    + emb.getShape());
        }
        checkBatchSize(emb.getShape().get(0));
        return layers(ps, inputDp.apply(emb, training), training);
    }

    private void checkBatchSize(long n) {
        if (n != bs) {
            reset();
            bs = n;
        }
    }

    private NDList layers(ParameterStore ps, NDArray input, boolean training) {
        int n = config.nLayers();
        NDArray[] raws = new NDArray[n];
        NDArray[] outs = new NDArray[n];
        NDArray raw = input;
        for (int l = 0; l < n; l++) {
            NDArray h0 = hs[l] != null ? hs[l] : zeros(raw, l);
            NDArray c0 = cs[l] != null ? cs[l] : zeros(raw, l);
            NDList res = rnns.get(l).run(ps, raw, h0, c0, training);
            keep(l, res.get(1), res.get(2));
            raw = res.get(0);
            raws[l] = raw;
            if (l != n - 1) {
                raw = hiddenDps.get(l).apply(raw, training);
            }
            outs[l] = raw;
        }
        NDList out = new NDList(2 * n);
        out.addAll(List.of(raws));
        out.addAll(List.of(outs));
        return out;
    }

    private NDArray zeros(NDArray like, int layer) {
        return like.getManager().zeros(new Shape(1, like.getShape().get(0), config.layerOut(layer)),
                like.getDataType(), like.getDevice());
    }

    /** Keeps a layer's new state, detached, in arrays the model owns; frees the state it replaces. */
    private void keep(int layer, NDArray h, NDArray c) {
        hs[layer] = replace(hs[layer], h.stopGradient());
        cs[layer] = replace(cs[layer], c.stopGradient());
    }

    private NDArray replace(NDArray old, NDArray fresh) {
        if (stateManager == null || !stateManager.isOpen()) {
            stateManager = encoder.weight().getArray().getManager().newSubManager();
            stateManager.setName("awd_lstm_hidden");
        }
        NDScope.unregister(fresh);
        fresh.attach(stateManager);
        if (old != null && old != fresh) {
            old.close();
        }
        return fresh;
    }

    /** Sets every hidden state back to zeros, as fastai's {@code reset()}. */
    @Override
    public void reset() {
        for (int l = 0; l < hs.length; l++) {
            if (hs[l] != null) {
                hs[l].close();
                hs[l] = null;
            }
            if (cs[l] != null) {
                cs[l].close();
                cs[l] = null;
            }
        }
    }

    /**
     * Keeps rows of the hidden state, in the given order (repeats allowed), as fastai's {@code
     * select_hidden}; the batch size becomes {@code idx.length}. Beam search uses it to follow the
     * beams it keeps.
     *
     * @param idx the rows to keep
     */
    public void selectHidden(long[] idx) {
        if (idx.length == 0) {
            throw new IllegalArgumentException("selectHidden needs at least one row");
        }
        for (int l = 0; l < hs.length; l++) {
            if (hs[l] == null) {
                continue; // zeros: any batch size
            }
            try (NDManager tmp = stateManager.newSubManager()) {
                NDArray rows = tmp.create(idx);
                NDIndex index = new NDIndex(":, {}", rows);
                hs[l] = replace(hs[l], hs[l].get(index));
                cs[l] = replace(cs[l], cs[l].get(index));
            }
        }
        bs = idx.length;
    }

    /**
     * The hidden state of a layer, owned by the model (do not close it).
     *
     * @param layer the layer, from 0
     * @return {@code h} {@code (1, bs, out)}, or {@code null} while it is zeros (after a reset)
     */
    public NDArray hidden(int layer) {
        return hs[layer];
    }

    /**
     * The cell state of a layer, owned by the model (do not close it).
     *
     * @param layer the layer, from 0
     * @return {@code c} {@code (1, bs, out)}, or {@code null} while it is zeros (after a reset)
     */
    public NDArray cell(int layer) {
        return cs[layer];
    }

    /** @return the batch size of the carried state, -1 before the first call */
    public long batchSize() {
        return bs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes.length > 0 ? inputShapes[0] : new Shape(1, 1);
        long b = ids.dimension() > 0 ? ids.get(0) : 1;
        long s = ids.dimension() > 1 ? ids.get(1) : 1;
        encoder.initialize(manager, dataType, ids);
        encoderDp.initialize(manager, dataType, ids);
        inputDp.initialize(manager, dataType, new Shape(b, s, config.embSz()));
        for (int l = 0; l < config.nLayers(); l++) {
            Shape in = new Shape(b, s, config.layerIn(l));
            rnns.get(l).initialize(manager, dataType, in, new Shape(1, b, config.layerOut(l)),
                    new Shape(1, b, config.layerOut(l)));
            hiddenDps.get(l).initialize(manager, dataType, new Shape(b, s, config.layerOut(l)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        int n = config.nLayers();
        Shape[] out = new Shape[2 * n];
        for (int l = 0; l < n; l++) {
            out[l] = new Shape(ids.get(0), ids.get(1), config.layerOut(l));
            out[n + l] = out[l];
        }
        return out;
    }

    @Override
    public String toString() {
        return "AWD_LSTM(vocab=" + vocabSz + ", " + config.describeShapes() + ")";
    }
}
