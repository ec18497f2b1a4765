package org.fastdjl.text.nn;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.Locale;
import java.util.Objects;

/**
 * The settings of an AWD-LSTM, fastai v1's {@code awd_lstm_lm_config} / {@code awd_lstm_clas_config}
 * dicts: sizes (embedding, hidden, layers), the padding token and the five dropouts. Immutable;
 * change it with {@link #toBuilder()}, {@link #withSize(Size)} or {@link #dropMult(double)}.
 *
 * <pre>{@code
 * AwdLstmConfig full = AwdLstmConfig.lm();                                // emb 400, hidden 1152, 3 layers
 * AwdLstmConfig cpu = AwdLstmConfig.lm().withSize(AwdLstmConfig.Size.SMALL); // emb 200, hidden 600
 * AwdLstmConfig mine = AwdLstmConfig.lm().toBuilder().optNHid(800).build();
 * AwdLstmConfig used = full.dropMult(0.3);                                // language_model_learner(drop_mult=0.3)
 * }</pre>
 *
 * <p>The sizes of the {@link Size} presets and what a training token costs with each on this kind of
 * machine are in {@code docs/text-lm.md}.
 */
public final class AwdLstmConfig {

    /** Named sizes: fastai's and two smaller ones for CPU work. */
    public enum Size {
        /** For tests and the main job's seconds-long lesson run: emb 64, hidden 128, 2 layers. */
        TINY(64, 128, 2),
        /** A CPU-friendly language model: emb 200, hidden 600, 3 layers (about 1/4 of fastai's cost). */
        SMALL(200, 600, 3),
        /** fastai's AWD-LSTM, the size of the WikiText-103 weights: emb 400, hidden 1152, 3 layers. */
        FULL(400, 1152, 3);

        private final int embSz;
        private final int nHid;
        private final int nLayers;

        Size(int embSz, int nHid, int nLayers) {
            this.embSz = embSz;
            this.nHid = nHid;
            this.nLayers = nLayers;
        }

        /**
         * Reads a size by name ({@code tiny}, {@code small}, {@code full}), as the command-line options
         * give it.
         *
         * @param name the name, any case
         * @return the size
         * @throws IllegalArgumentException naming the known sizes
         */
        public static Size of(String name) {
            for (Size s : values()) {
                if (s.name().equalsIgnoreCase(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown model size '" + name + "': expected tiny, small or full");
        }
    }

    private final int embSz;
    private final int nHid;
    private final int nLayers;
    private final int padToken;
    private final double outputP;
    private final double hiddenP;
    private final double inputP;
    private final double embedP;
    private final double weightP;
    private final boolean tieWeights;
    private final boolean outBias;

    private AwdLstmConfig(Builder b) {
        this.embSz = positive("embSz", b.embSz);
        this.nHid = positive("nHid", b.nHid);
        this.nLayers = positive("nLayers", b.nLayers);
        if (b.padToken < 0) {
            throw new IllegalArgumentException("padToken must be >= 0, got " + b.padToken);
        }
        this.padToken = b.padToken;
        this.outputP = probability("outputP", b.outputP);
        this.hiddenP = probability("hiddenP", b.hiddenP);
        this.inputP = probability("inputP", b.inputP);
        this.embedP = probability("embedP", b.embedP);
        this.weightP = probability("weightP", b.weightP);
        this.tieWeights = b.tieWeights;
        this.outBias = b.outBias;
    }

    private static int positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return v;
    }

    private static double probability(String name, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + p);
        }
        return p;
    }

    /**
     * fastai's {@code awd_lstm_lm_config}: emb 400, hidden 1152, 3 layers, pad token 1, output_p 0.1,
     * hidden_p 0.15, input_p 0.25, embed_p 0.02, weight_p 0.2, tied weights, decoder bias.
     *
     * @return the language-model config
     */
    public static AwdLstmConfig lm() {
        return new Builder().build();
    }

    /**
     * fastai's {@code awd_lstm_clas_config}: the same sizes, output_p 0.4, hidden_p 0.3, input_p 0.4,
     * embed_p 0.05, weight_p 0.5 ({@code tieWeights} and {@code outBias} do not apply to a classifier).
     *
     * @return the classifier config
     */
    public static AwdLstmConfig classifier() {
        Builder b = new Builder();
        b.outputP = 0.4;
        b.hiddenP = 0.3;
        b.inputP = 0.4;
        b.embedP = 0.05;
        b.weightP = 0.5;
        return b.build();
    }

    /**
     * The same dropouts with a preset's sizes.
     *
     * @param size the preset
     * @return a new config
     */
    public AwdLstmConfig withSize(Size size) {
        return toBuilder().optEmbSz(size.embSz).optNHid(size.nHid).optNLayers(size.nLayers).build();
    }

    /**
     * These dropouts with another config's sizes (embedding, hidden, layers), as a classifier takes the
     * sizes of the language model whose encoder it loads: {@code
     * AwdLstmConfig.classifier().withSizesOf(lmLearner.config())}.
     *
     * @param other the config whose sizes to take
     * @return a new config
     */
    public AwdLstmConfig withSizesOf(AwdLstmConfig other) {
        return toBuilder().optEmbSz(other.embSz).optNHid(other.nHid).optNLayers(other.nLayers).build();
    }

    /**
     * Every dropout multiplied by {@code mult}, as fastai's {@code drop_mult} (applied to each
     * {@code *_p} of the config).
     *
     * @param mult the factor, at least 0
     * @return a new config
     */
    public AwdLstmConfig dropMult(double mult) {
        if (!(mult >= 0)) {
            throw new IllegalArgumentException("dropMult must be >= 0, got " + mult);
        }
        Builder b = toBuilder();
        b.outputP *= mult;
        b.hiddenP *= mult;
        b.inputP *= mult;
        b.embedP *= mult;
        b.weightP *= mult;
        return b.build();
    }

    /** @return a builder starting from this config */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.embSz = embSz;
        b.nHid = nHid;
        b.nLayers = nLayers;
        b.padToken = padToken;
        b.outputP = outputP;
        b.hiddenP = hiddenP;
        b.inputP = inputP;
        b.embedP = embedP;
        b.weightP = weightP;
        b.tieWeights = tieWeights;
        b.outBias = outBias;
        return b;
    }

    /** @return the embedding size (also the last LSTM layer's output size) */
    public int embSz() {
        return embSz;
    }

    /** @return the hidden size of every LSTM layer but the last */
    public int nHid() {
        return nHid;
    }

    /** @return the number of LSTM layers */
    public int nLayers() {
        return nLayers;
    }

    /** @return the padding token's index (1, {@code xxpad}) */
    public int padToken() {
        return padToken;
    }

    /** @return the dropout before the decoder (language model) or in the classifier head */
    public double outputP() {
        return outputP;
    }

    /** @return the dropout between LSTM layers */
    public double hiddenP() {
        return hiddenP;
    }

    /** @return the dropout on the embedding output */
    public double inputP() {
        return inputP;
    }

    /** @return the dropout of whole embedding rows */
    public double embedP() {
        return embedP;
    }

    /** @return the DropConnect on each LSTM's hidden-to-hidden weight */
    public double weightP() {
        return weightP;
    }

    /** @return whether the decoder's weight is the embedding's */
    public boolean tieWeights() {
        return tieWeights;
    }

    /** @return whether the decoder has a bias */
    public boolean outBias() {
        return outBias;
    }

    /**
     * The output size of an LSTM layer: {@code nHid}, but {@code embSz} for the last.
     *
     * @param layer the layer, from 0
     * @return its output size
     */
    public int layerOut(int layer) {
        return layer == nLayers - 1 ? embSz : nHid;
    }

    /**
     * The input size of an LSTM layer: {@code embSz} for the first, {@code nHid} for the others.
     *
     * @param layer the layer, from 0
     * @return its input size
     */
    public int layerIn(int layer) {
        return layer == 0 ? embSz : nHid;
    }

    /**
     * Whether two configs build models of the same shapes (sizes, tying and bias; dropouts aside).
     *
     * @param other the other config
     * @return whether weights of one load into the other (for the same vocab)
     */
    public boolean sameShapes(AwdLstmConfig other) {
        return embSz == other.embSz && nHid == other.nHid && nLayers == other.nLayers
                && tieWeights == other.tieWeights && outBias == other.outBias;
    }

    /** @return the sizes in a few words, for messages */
    public String describeShapes() {
        return String.format(Locale.ROOT, "emb %d, hidden %d, %d layers", embSz, nHid, nLayers);
    }

    /**
     * The config as fastai's dict, in JSON ({@code {"emb_sz": 400, "n_hid": 1152, ...}}).
     *
     * @return the JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("emb_sz", embSz);
        o.addProperty("n_hid", nHid);
        o.addProperty("n_layers", nLayers);
        o.addProperty("pad_token", padToken);
        o.addProperty("output_p", outputP);
        o.addProperty("hidden_p", hiddenP);
        o.addProperty("input_p", inputP);
        o.addProperty("embed_p", embedP);
        o.addProperty("weight_p", weightP);
        o.addProperty("tie_weights", tieWeights);
        o.addProperty("out_bias", outBias);
        return o;
    }

    /**
     * Reads a config written by {@link #toJson()} (fastai's dict keys); missing keys keep {@link #lm()}'s
     * values.
     *
     * @param json the JSON text
     * @return the config
     * @throws IllegalArgumentException naming the key that is not a number, or an invalid value
     */
    public static AwdLstmConfig fromJson(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object with emb_sz, n_hid, n_layers, ...");
        }
        JsonObject o = root.getAsJsonObject();
        Builder b = new Builder();
        b.embSz = (int) number(o, "emb_sz", b.embSz);
        b.nHid = (int) number(o, "n_hid", b.nHid);
        b.nLayers = (int) number(o, "n_layers", b.nLayers);
        b.padToken = (int) number(o, "pad_token", b.padToken);
        b.outputP = number(o, "output_p", b.outputP);
        b.hiddenP = number(o, "hidden_p", b.hiddenP);
        b.inputP = number(o, "input_p", b.inputP);
        b.embedP = number(o, "embed_p", b.embedP);
        b.weightP = number(o, "weight_p", b.weightP);
        b.tieWeights = bool(o, "tie_weights", b.tieWeights);
        b.outBias = bool(o, "out_bias", b.outBias);
        return b.build();
    }

    private static double number(JsonObject o, String key, double def) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return def;
        }
        try {
            return e.getAsDouble();
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + e);
        }
    }

    private static boolean bool(JsonObject o, String key, boolean def) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return def;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwdLstmConfig c && sameShapes(c) && padToken == c.padToken && outputP == c.outputP
                && hiddenP == c.hiddenP && inputP == c.inputP && embedP == c.embedP && weightP == c.weightP;
    }

    @Override
    public int hashCode() {
        return Objects.hash(embSz, nHid, nLayers, padToken, outputP, hiddenP, inputP, embedP, weightP, tieWeights,
                outBias);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AwdLstmConfig(emb_sz=%d, n_hid=%d, n_layers=%d, pad_token=%d, output_p=%.4g,"
                + " hidden_p=%.4g, input_p=%.4g, embed_p=%.4g, weight_p=%.4g, tie_weights=%s, out_bias=%s)", embSz, nHid,
                nLayers, padToken, outputP, hiddenP, inputP, embedP, weightP, tieWeights ? "True" : "False",
                outBias ? "True" : "False");
    }

    /** Changes a config; starts from fastai's {@code awd_lstm_lm_config}. */
    public static final class Builder {
        private int embSz = 400;
        private int nHid = 1152;
        private int nLayers = 3;
        private int padToken = 1;
        private double outputP = 0.1;
        private double hiddenP = 0.15;
        private double inputP = 0.25;
        private double embedP = 0.02;
        private double weightP = 0.2;
        private boolean tieWeights = true;
        private boolean outBias = true;

        private Builder() {}

        /**
         * Sets the embedding size.
         *
         * @param embSz at least 1
         * @return this builder
         */
        public Builder optEmbSz(int embSz) {
            this.embSz = embSz;
            return this;
        }

        /**
         * Sets the hidden size.
         *
         * @param nHid at least 1
         * @return this builder
         */
        public Builder optNHid(int nHid) {
            this.nHid = nHid;
            return this;
        }

        /**
         * Sets the number of LSTM layers.
         *
         * @param nLayers at least 1
         * @return this builder
         */
        public Builder optNLayers(int nLayers) {
            this.nLayers = nLayers;
            return this;
        }

        /**
         * Sets the padding token's index.
         *
         * @param padToken at least 0
         * @return this builder
         */
        public Builder optPadToken(int padToken) {
            this.padToken = padToken;
            return this;
        }

        /**
         * Sets the five dropouts at once.
         *
         * @param outputP before the decoder / in the head
         * @param hiddenP between LSTM layers
         * @param inputP on the embedding output
         * @param embedP of whole embedding rows
         * @param weightP on the hidden-to-hidden weights
         * @return this builder
         */
        public Builder optDropouts(double outputP, double hiddenP, double inputP, double embedP, double weightP) {
            this.outputP = outputP;
            this.hiddenP = hiddenP;
            this.inputP = inputP;
            this.embedP = embedP;
            this.weightP = weightP;
            return this;
        }

        /**
         * Whether the decoder shares the embedding's weight (fastai's {@code tie_weights}, true).
         *
         * @param tieWeights the choice
         * @return this builder
         */
        public Builder optTieWeights(boolean tieWeights) {
            this.tieWeights = tieWeights;
            return this;
        }

        /**
         * Whether the decoder has a bias (fastai's {@code out_bias}, true).
         *
         * @param outBias the choice
         * @return this builder
         */
        public Builder optOutBias(boolean outBias) {
            this.outBias = outBias;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException for a size below 1 or a dropout outside [0, 1)
         */
        public AwdLstmConfig build() {
            return new AwdLstmConfig(this);
        }
    }
}
