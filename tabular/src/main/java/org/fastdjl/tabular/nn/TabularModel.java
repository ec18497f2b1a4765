package org.fastdjl.tabular.nn;

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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.Init;
import org.fastdjl.core.nn.Linear;
import org.fastdjl.core.nn.ModuleList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * fastai v1's {@code TabularModel}: one embedding per categorical column (truncated-normal init, std
 * 0.01), embedding dropout, BatchNorm on the continuous inputs, then blocks of {@code BatchNorm ->
 * Dropout -> Linear -> ReLU} ({@code bn_drop_lin}) with no BatchNorm (and no dropout) before the first
 * Linear and no ReLU after the last, an optional final BatchNorm and an optional sigmoid y-range.
 * Layers are laid out exactly as fastai's so {@code state_dict} keys match ({@code embeds.0.weight},
 * {@code bn_cont.running_mean}, {@code layers.0.weight}, ...); a dropout of 0 adds no layer, as in
 * fastai.
 *
 * <p>Input: {@code [xCat (int64, (bs, nCat)), xCont (float32, (bs, nCont))]}; output {@code (bs,
 * outSz)}.
 */
public class TabularModel extends AbstractBlock {

    private final ModuleList<Embedding> embeds;
    private final Dropout embDrop;
    private final BatchNorm1d bnCont;
    private final SequentialBlock layers;
    private final int nEmb;
    private final int nCont;
    private final float[] yRange;
    private final Config config;

    /**
     * The constructor's arguments, kept so an export can build the same model again.
     *
     * @param embSzs  {@code (rows, width)} of each categorical column's embedding
     * @param nCont   the number of continuous columns
     * @param outSz   the number of outputs
     * @param layers  the hidden layer sizes
     * @param ps      the dropouts as given
     * @param embDrop the embedding dropout
     * @param yRange  {@code {lo, hi}} or {@code null}
     * @param useBn   BatchNorm between the hidden layers
     * @param bnFinal BatchNorm at the end
     */
    public record Config(List<int[]> embSzs, int nCont, int outSz, int[] layers, float[] ps, float embDrop,
                         float[] yRange, boolean useBn, boolean bnFinal) {

        /**
         * The configuration as JSON.
         *
         * @return e.g. {@code {"embSzs": [[10, 6]], "nCont": 3, "outSz": 2, "layers": [200, 100], ...}}
         */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            JsonArray embs = new JsonArray();
            for (int[] e : embSzs) {
                JsonArray pair = new JsonArray();
                pair.add(e[0]);
                pair.add(e[1]);
                embs.add(pair);
            }
            o.add("embSzs", embs);
            o.addProperty("nCont", nCont);
            o.addProperty("outSz", outSz);
            JsonArray l = new JsonArray();
            for (int v : layers) {
                l.add(v);
            }
            o.add("layers", l);
            JsonArray p = new JsonArray();
            for (float v : ps == null ? new float[0] : ps) {
                p.add(v);
            }
            o.add("ps", p);
            o.addProperty("embDrop", embDrop);
            if (yRange != null) {
                JsonArray y = new JsonArray();
                y.add(yRange[0]);
                y.add(yRange[1]);
                o.add("yRange", y);
            }
            o.addProperty("useBn", useBn);
            o.addProperty("bnFinal", bnFinal);
            return o;
        }

        /**
         * Reads a configuration written by {@link #toJson()}.
         *
         * @param o the JSON
         * @return the configuration
         * @throws IllegalArgumentException naming a missing field
         */
        public static Config fromJson(JsonObject o) {
            List<int[]> embs = new ArrayList<>();
            for (JsonElement e : field(o, "embSzs").getAsJsonArray()) {
                JsonArray pair = e.getAsJsonArray();
                embs.add(new int[] {pair.get(0).getAsInt(), pair.get(1).getAsInt()});
            }
            JsonArray l = field(o, "layers").getAsJsonArray();
            int[] layers = new int[l.size()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = l.get(i).getAsInt();
            }
            JsonArray p = field(o, "ps").getAsJsonArray();
            float[] ps = new float[p.size()];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = p.get(i).getAsFloat();
            }
            float[] yRange = null;
            if (o.has("yRange") && !o.get("yRange").isJsonNull()) {
                JsonArray y = o.getAsJsonArray("yRange");
                yRange = new float[] {y.get(0).getAsFloat(), y.get(1).getAsFloat()};
            }
            return new Config(embs, field(o, "nCont").getAsInt(), field(o, "outSz").getAsInt(), layers, ps,
                    field(o, "embDrop").getAsFloat(), yRange, field(o, "useBn").getAsBoolean(),
                    field(o, "bnFinal").getAsBoolean());
        }

        private static JsonElement field(JsonObject o, String key) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                throw new IllegalArgumentException("the model configuration has no '" + key + "'");
            }
            return e;
        }
    }

    /**
     * Creates the model from a configuration (as an export holds it).
     *
     * @param config the configuration
     */
    public TabularModel(Config config) {
        this(config.embSzs(), config.nCont(), config.outSz(), config.layers(), config.ps(), config.embDrop(),
                config.yRange(), config.useBn(), config.bnFinal());
    }

    /**
     * Creates the model.
     *
     * @param embSzs {@code (rows, width)} of each categorical column's embedding
     * @param nCont the number of continuous columns
     * @param outSz the number of outputs (classes, or targets for regression)
     * @param layers the hidden layer sizes, e.g. {@code {200, 100}}
     * @param ps the dropout after each hidden layer (one value per layer, or one for all, or empty for 0)
     * @param embDrop the dropout on the concatenated embeddings
     * @param yRange {@code {lo, hi}} for a sigmoid output range, or {@code null}
     * @param useBn whether to put BatchNorm between the hidden layers
     * @param bnFinal whether to end with a BatchNorm on the outputs
     */
    public TabularModel(List<int[]> embSzs, int nCont, int outSz, int[] layers, float[] ps, float embDrop,
            float[] yRange, boolean useBn, boolean bnFinal) {
        if (outSz < 1) {
            throw new IllegalArgumentException("outSz must be >= 1, got " + outSz);
        }
        if (embSzs.isEmpty() && nCont == 0) {
            throw new IllegalArgumentException("a tabular model needs categorical or continuous inputs");
        }
        if (yRange != null && (yRange.length != 2 || !(yRange[1] > yRange[0]))) {
            throw new IllegalArgumentException("yRange must be {lo, hi} with lo < hi");
        }
        float[] drops = dropouts(ps, layers.length);
        List<int[]> embCopy = new ArrayList<>();
        for (int[] sz : embSzs) {
            embCopy.add(sz.clone());
        }
        this.config = new Config(List.copyOf(embCopy), nCont, outSz, layers.clone(), ps == null ? new float[0] : ps.clone(),
                embDrop, yRange == null ? null : yRange.clone(), useBn, bnFinal);
        List<Embedding> embs = new ArrayList<>();
        int width = 0;
        for (int[] sz : embSzs) {
            embs.add(new Embedding(sz[0], sz[1], Init.truncNormal(0.01)));
            width += sz[1];
        }
        this.nEmb = width;
        this.nCont = nCont;
        this.yRange = yRange == null ? null : yRange.clone();
        this.embeds = addChildBlock("embeds", new ModuleList<>(embs));
        this.embDrop = addChildBlock("emb_drop", Dropout.builder().optRate(embDrop).build());
        this.bnCont = addChildBlock("bn_cont", new BatchNorm1d(nCont));
        int[] sizes = new int[layers.length + 2];
        sizes[0] = nEmb + nCont;
        System.arraycopy(layers, 0, sizes, 1, layers.length);
        sizes[sizes.length - 1] = outSz;
        SequentialBlock seq = new SequentialBlock();
        for (int i = 0; i < sizes.length - 1; i++) {
            float p = i == 0 ? 0f : drops[i - 1];
            if (useBn && i != 0) {
                seq.add(new BatchNorm1d(sizes[i]));
            }
            if (p != 0) {
                seq.add(Dropout.builder().optRate(p).build());
            }
            seq.add(new Linear(sizes[i], sizes[i + 1]));
            if (i < sizes.length - 2) {
                seq.add(Activation.reluBlock());
            }
        }
        if (bnFinal) {
            seq.add(new BatchNorm1d(sizes[sizes.length - 1]));
        }
        this.layers = addChildBlock("layers", seq);
    }

    private static float[] dropouts(float[] ps, int n) {
        if (ps == null || ps.length == 0) {
            return new float[n];
        }
        if (ps.length == 1) {
            float[] out = new float[n];
            Arrays.fill(out, ps[0]);
            return out;
        }
        if (ps.length != n) {
            throw new IllegalArgumentException(ps.length + " dropout values given for " + n + " layers");
        }
        return ps.clone();
    }

    /** @return the arguments this model was built with */
    public Config config() {
        return config;
    }

    /** @return the embeddings, one per categorical column */
    public ModuleList<Embedding> embeds() {
        return embeds;
    }

    /** @return the hidden and output layers */
    public SequentialBlock layers() {
        return layers;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = null;
        if (nEmb != 0) {
            NDArray xCat = inputs.get(0);
            NDList parts = new NDList(embeds.size());
            for (int i = 0; i < embeds.size(); i++) {
                NDArray col = xCat.get(new NDIndex().addAllDim().addIndices(i));
                parts.add(embeds.get(i).forward(ps, new NDList(col), training).head());
            }
            x = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
            x = embDrop.forward(ps, new NDList(x), training).head();
        }
        if (nCont != 0) {
            NDArray xCont = bnCont.forward(ps, new NDList(inputs.get(1)), training).head();
            x = x == null ? xCont : NDArrays.concat(new NDList(x, xCont), 1);
        }
        x = layers.forward(ps, new NDList(x), training).head();
        if (yRange != null) {
            x = Activation.sigmoid(x).mul(yRange[1] - yRange[0]).add(yRange[0]);
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return layers.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), nEmb + nCont)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long bs = inputShapes[0].get(0);
        embeds.initialize(manager, dataType, new Shape(bs));
        embDrop.initialize(manager, dataType, new Shape(bs, nEmb));
        bnCont.initialize(manager, dataType, new Shape(bs, nCont));
        layers.initialize(manager, dataType, new Shape(bs, nEmb + nCont));
    }
}
