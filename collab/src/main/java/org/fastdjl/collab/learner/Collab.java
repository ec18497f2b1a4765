package org.fastdjl.collab.learner;

import ai.djl.nn.Block;

import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.collab.nn.EmbeddingDotBias;
import org.fastdjl.collab.nn.EmbeddingNN;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.LearnerOptions;
import org.fastdjl.tabular.data.EmbeddingSizes;

import java.util.Map;

/**
 * Entry point of the collaborative-filtering application, as fastai v1's {@code collab_learner}.
 *
 * <pre>{@code
 * CollabLearner learn = Collab.learner(data).optNFactors(50).optYRange(0f, 5.5f).build();
 * learn.fitOneCycle(3, 5e-3);
 * }</pre>
 */
public final class Collab {

    /**
     * libtorch intra-op threads while a collab learner fits or predicts: one. Embedding lookups and dot
     * products of 64 rows are too small to split across cores: on the ML-sample fit one thread runs an
     * epoch in 0.035 s against 0.055 s for two (warm; more in the first epoch, when the JIT compiler
     * also wants a core).
     */
    static final int DEFAULT_NUM_THREADS = 1;

    private Collab() {}

    /**
     * Starts building a collab learner on some data.
     *
     * @param data the ratings
     * @return the builder
     */
    public static Builder learner(CollabDataBunch data) {
        return new Builder(data);
    }

    /** Builds a {@link CollabLearner}; defaults are fastai's. */
    public static final class Builder extends LearnerOptions<Builder> {
        private final CollabDataBunch data;
        private int nFactors = 50;
        private float[] yRange;
        private boolean useNn;
        private int[] layers = new int[0];
        private float[] ps = new float[0];
        private float embDrop;
        private boolean useBn = true;
        private boolean bnFinal;
        private Map<String, Integer> embSzs = Map.of();

        private Builder(CollabDataBunch data) {
            super(DEFAULT_NUM_THREADS);
            this.data = data;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the number of factors of {@code EmbeddingDotBias} (the lesson's 50 by default).
         *
         * @param nFactors the factors
         * @return this builder
         */
        public Builder optNFactors(int nFactors) {
            if (nFactors < 1) {
                throw new IllegalArgumentException("nFactors must be >= 1, got " + nFactors);
            }
            this.nFactors = nFactors;
            return this;
        }

        /**
         * Squashes predictions into a range with a sigmoid (the lesson uses (0, 5.5)).
         *
         * @param lo the low end
         * @param hi the high end
         * @return this builder
         */
        public Builder optYRange(float lo, float hi) {
            this.yRange = new float[] {lo, hi};
            return this;
        }

        /**
         * Uses {@code EmbeddingNN} (embeddings + MLP) instead of {@code EmbeddingDotBias}.
         *
         * @param useNn the choice
         * @return this builder
         */
        public Builder optUseNn(boolean useNn) {
            this.useNn = useNn;
            return this;
        }

        /**
         * Sets the hidden layers of {@code EmbeddingNN}.
         *
         * @param layers the sizes
         * @return this builder
         */
        public Builder optLayers(int... layers) {
            this.layers = layers.clone();
            return this;
        }

        /**
         * Sets the dropouts of {@code EmbeddingNN}'s layers.
         *
         * @param ps one per layer, or one for all
         * @return this builder
         */
        public Builder optPs(float... ps) {
            this.ps = ps.clone();
            return this;
        }

        /**
         * Sets {@code EmbeddingNN}'s embedding dropout.
         *
         * @param embDrop the dropout
         * @return this builder
         */
        public Builder optEmbDrop(float embDrop) {
            this.embDrop = embDrop;
            return this;
        }

        /**
         * Sets {@code EmbeddingNN}'s BatchNorm use.
         *
         * @param useBn BatchNorm between layers
         * @param bnFinal BatchNorm at the end
         * @return this builder
         */
        public Builder optBn(boolean useBn, boolean bnFinal) {
            this.useBn = useBn;
            this.bnFinal = bnFinal;
            return this;
        }

        /**
         * Overrides {@code EmbeddingNN}'s embedding widths by column name.
         *
         * @param embSzs widths for the user and/or item column
         * @return this builder
         */
        public Builder optEmbSzs(Map<String, Integer> embSzs) {
            this.embSzs = Map.copyOf(embSzs);
            return this;
        }






        /** @return the learner, with its model initialized on the data's device */
        public CollabLearner build() {
            int nUsers = data.users().size();
            int nItems = data.items().size();
            for (String k : embSzs.keySet()) {
                if (!k.equals(data.userName()) && !k.equals(data.itemName())) {
                    throw new IllegalArgumentException("embedding size given for '" + k + "'; the columns are '"
                            + data.userName() + "' and '" + data.itemName() + "'");
                }
            }
            Block model = useNn
                    ? new EmbeddingNN(
                            new int[] {nUsers, embSzs.getOrDefault(data.userName(), EmbeddingSizes.rule(nUsers))},
                            new int[] {nItems, embSzs.getOrDefault(data.itemName(), EmbeddingSizes.rule(nItems))},
                            layers, ps, embDrop, yRange, useBn, bnFinal)
                    : new EmbeddingDotBias(nFactors, nUsers, nItems, yRange);
            return new CollabLearner(configure(Learner.builder(data, model)), data);
        }
    }
}
