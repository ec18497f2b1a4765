package org.fastdjl.text.data;

import java.util.List;
import java.util.Objects;

import org.fastdjl.core.data.NumpyRandom;

/**
 * Classifier loaders, fastai v1's {@code TextClasDataBunch}: a {@link TextClassifierLoader} per split
 * (sortish training batches, longest-first validation, {@code xxpad} at the start), {@code c} = the
 * number of classes. {@code showBatch} prints each document's first 70 tokens and its class (fastai's
 * {@code text}/{@code target} table).
 *
 * <pre>{@code
 * TextClasDataBunch data = TextClasDataBunch.builder(textData).optBs(32).optSeed(42).build();
 * }</pre>
 */
public final class TextClasDataBunch extends TextDataBunch {

    private TextClasDataBunch(Builder b, NumpyRandom rng) {
        super(b.data,
                new TextClassifierLoader(b.data.train(), b.bs, true, rng, b.padIdx, b.padFirst),
                new TextClassifierLoader(b.data.valid(), b.valBs(), false, null, b.padIdx, b.padFirst),
                b.data.hasTest()
                        ? new TextClassifierLoader(b.data.test(), b.valBs(), false, null, b.padIdx, b.padFirst) : null,
                b.data.classes().size(),
                new TextFormatters.Classifier(b.data.vocab(), b.data.classes(), b.padIdx));
    }

    /**
     * Starts building loaders over classifier data.
     *
     * @param data processed data from a {@code labelFrom*} call
     * @return the builder, with fastai's bs 32
     * @throws IllegalArgumentException for language-model data
     */
    public static Builder builder(TextData data) {
        if (Objects.requireNonNull(data, "data").isLanguageModel()) {
            throw new IllegalArgumentException("this is language-model data: use TextLMDataBunch, or label the "
                    + "texts with labelFromCol or labelFromFolder");
        }
        return new Builder(data);
    }

    /**
     * The classes (fastai's {@code data.classes}).
     *
     * @return the class names
     */
    public List<String> classes() {
        return data().classes();
    }

    /** Builds a {@link TextClasDataBunch}; every setting starts at fastai's default. */
    public static final class Builder {
        private final TextData data;
        private int bs = TextData.CLAS_BS;
        private Integer valBs;
        private Long seed;
        private int padIdx = PadCollate.PAD_IDX;
        private boolean padFirst = true;

        private Builder(TextData data) {
            this.data = data;
        }

        /**
         * Sets the batch size (default 32).
         *
         * @param bs at least 1
         * @return this builder
         */
        public Builder optBs(int bs) {
            this.bs = TextDataBunch.checkBs(bs);
            return this;
        }

        /**
         * Sets the validation and test batch size (default: {@code bs}).
         *
         * @param valBs at least 1
         * @return this builder
         */
        public Builder optValBs(int valBs) {
            this.valBs = TextDataBunch.checkBs(valBs);
            return this;
        }

        /**
         * Seeds the sortish sampler (numpy's generator, as {@code np.random.seed}).
         *
         * @param seed 0 to 2^32-1
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Pads at the start (default, fastai's {@code pad_first=True}) or at the end.
         *
         * @param padFirst whether to pad at the start
         * @return this builder
         */
        public Builder optPadFirst(boolean padFirst) {
            this.padFirst = padFirst;
            return this;
        }

        private int valBs() {
            return valBs != null ? valBs : bs;
        }

        /**
         * Builds the loaders.
         *
         * @return the data bunch
         */
        public TextClasDataBunch build() {
            return new TextClasDataBunch(this, TextDataBunch.rng(seed));
        }
    }
}
