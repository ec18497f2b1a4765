package org.fastdjl.tabular.learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.LearnerOptions;
import org.fastdjl.tabular.data.EmbeddingSize;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.nn.TabularModel;

/**
 * Entry point of the tabular application, fastai v1's {@code tabular_learner(data, layers, emb_szs,
 * metrics, ps, emb_drop, y_range, use_bn, **learn_kwargs)}: a {@link TabularModel} with one embedding
 * per categorical column (sizes by fastai's rule unless given), {@code len(cont_names)} continuous
 * inputs and {@code data.c} outputs, in a {@link TabularLearner}.
 *
 * <pre>{@code
 * TabularLearner learn = Tabular.learner(data).optLayers(200, 100).optMetrics(Metrics.accuracy()).build();
 * learn.fit(1, 1e-2);
 * }</pre>
 */
public final class Tabular {

    /**
     * The hidden layers used when none are given: the lesson's {@code [200, 100]} (fastai v1 requires
     * the argument; fastai v2 defaults to these).
     */
    static final int[] DEFAULT_LAYERS = {200, 100};

    /**
     * libtorch intra-op threads while a tabular learner fits or predicts: one. A tabular model's
     * operations (a 64-row batch through a few hundred units) are too small to split across cores; on
     * the lesson's fit one thread is faster than two, the more so while the JIT compiler also wants a
     * core (see {@code ./fastdjl bench-tabular}).
     */
    static final int DEFAULT_NUM_THREADS = 1;

    private Tabular() {
    }

    /**
     * Starts building a tabular learner on some data.
     *
     * @param data the batches
     * @return the builder
     */
    public static Builder learner(TabularDataBunch data) {
        return new Builder(Objects.requireNonNull(data, "data"));
    }

    /** Builds a {@link TabularLearner}; defaults are fastai's. */
    public static final class Builder extends LearnerOptions<Builder> {
        private final TabularDataBunch data;
        private int[] layers = DEFAULT_LAYERS.clone();
        private Map<String, Integer> embSzs = Map.of();
        private float[] ps = new float[0];
        private float embDrop;
        private float[] yRange;
        private boolean useBn = true;

        private Builder(TabularDataBunch data) {
            super(DEFAULT_NUM_THREADS);
            this.data = data;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the hidden layer sizes (fastai's {@code layers}; default {@code [200, 100]}).
         *
         * @param layers the sizes, input side first; none for a linear model
         * @return this builder
         */
        public Builder optLayers(int... layers) {
            for (int l : layers) {
                if (l < 1) {
                    throw new IllegalArgumentException("layer sizes must be >= 1, got " + Arrays.toString(layers));
                }
            }
            this.layers = layers.clone();
            return this;
        }

        /**
         * Overrides the embedding width of some categorical columns (fastai's {@code emb_szs} dict);
         * the others follow {@code min(600, round(1.6 n^0.56))}.
         *
         * @param embSzs width by column name
         * @return this builder
         */
        public Builder optEmbSzs(Map<String, Integer> embSzs) {
            this.embSzs = Map.copyOf(embSzs);
            return this;
        }


        /**
         * Sets the dropout after each hidden layer (fastai's {@code ps}; default none).
         *
         * @param ps one value per hidden layer, or one for all
         * @return this builder
         */
        public Builder optPs(float... ps) {
            for (float p : ps) {
                if (!(p >= 0 && p < 1)) {
                    throw new IllegalArgumentException("dropout probabilities must be in [0, 1), got "
                            + Arrays.toString(ps));
                }
            }
            this.ps = ps.clone();
            return this;
        }

        /**
         * Sets the dropout on the embeddings (fastai's {@code emb_drop}; default 0).
         *
         * @param embDrop the probability
         * @return this builder
         */
        public Builder optEmbDrop(float embDrop) {
            if (!(embDrop >= 0 && embDrop < 1)) {
                throw new IllegalArgumentException("embDrop must be in [0, 1), got " + embDrop);
            }
            this.embDrop = embDrop;
            return this;
        }

        /**
         * Squashes the outputs into {@code (lo, hi)} with a sigmoid (fastai's {@code y_range}), for
         * regression.
         *
         * @param lo the low end
         * @param hi the high end, above {@code lo}
         * @return this builder
         */
        public Builder optYRange(float lo, float hi) {
            if (!(hi > lo)) {
                throw new IllegalArgumentException("yRange needs lo < hi, got (" + lo + ", " + hi + ")");
            }
            this.yRange = new float[] {lo, hi};
            return this;
        }

        /**
         * Whether to put BatchNorm between the hidden layers (fastai's {@code use_bn}; default true).
         *
         * @param useBn the choice
         * @return this builder
         */
        public Builder optUseBn(boolean useBn) {
            this.useBn = useBn;
            return this;
        }






        /**
         * Builds the model from the data and wraps it in a learner, with the model initialized on the
         * data's device.
         *
         * @return the learner
         * @throws IllegalArgumentException for an embedding size naming no categorical column, or
         *     {@code ps} of the wrong length
         */
        public TabularLearner build() {
            List<int[]> embs = new ArrayList<>();
            for (EmbeddingSize s : data.tabularData().embeddingSizes(embSzs)) {
                embs.add(new int[] {s.cardinality(), s.size()});
            }
            TabularModel model = new TabularModel(embs, data.contNames().size(), data.c(), layers, ps, embDrop,
                    yRange, useBn, false);
            return new TabularLearner(configure(Learner.builder(data, model)), data);
        }
    }
}
