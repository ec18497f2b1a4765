package org.fastdjl.text.data;

import java.util.Objects;

import org.fastdjl.core.data.NumpyRandom;

/**
 * Language-model loaders, fastai v1's {@code TextLMDataBunch}: a {@link LanguageModelLoader} per split
 * (training shuffled each pass), {@code c} = the vocab size. {@code showBatch} prints each row's
 * position and its first 70 tokens (fastai's {@code idx}/{@code text} table).
 *
 * <pre>{@code
 * TextLMDataBunch data = TextLMDataBunch.builder(textData).optBs(48).optBptt(70).optSeed(42).build();
 * }</pre>
 */
public final class TextLMDataBunch extends TextDataBunch {

    /** fastai's {@code bptt}. */
    public static final int DEFAULT_BPTT = 70;

    private final int bptt;

    private TextLMDataBunch(Builder b, NumpyRandom rng) {
        super(b.data,
                new LanguageModelLoader(b.data.train(), b.bs(), b.bptt, true, rng),
                new LanguageModelLoader(b.data.valid(), b.valBs(), b.bptt, false, null),
                b.data.hasTest() ? new LanguageModelLoader(b.data.test(), b.valBs(), b.bptt, false, null) : null,
                b.data.vocab().size(),
                new TextFormatters.LanguageModel(b.data.vocab()));
        this.bptt = b.bptt;
    }

    /**
     * Starts building loaders over language-model data.
     *
     * @param data processed data from {@link TextItemLists#labelForLm()}
     * @return the builder, with fastai's bs 64 and bptt 70
     * @throws IllegalArgumentException for classifier data
     */
    public static Builder builder(TextData data) {
        if (!Objects.requireNonNull(data, "data").isLanguageModel()) {
            throw new IllegalArgumentException("this is classifier data (classes " + data.classes()
                    + "): use TextClasDataBunch, or label the texts with labelForLm()");
        }
        return new Builder(data);
    }

    /** @return tokens per row per batch */
    public int bptt() {
        return bptt;
    }

    /** Builds a {@link TextLMDataBunch}; every setting starts at fastai's default. */
    public static final class Builder extends TextBunchOptions<Builder> {
        private int bptt = DEFAULT_BPTT;

        private Builder(TextData data) {
            super(data, TextData.LM_BS); // fastai's language-model default bs, 64
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the tokens per row per batch (default 70).
         *
         * @param bptt at least 1
         * @return this builder
         */
        public Builder optBptt(int bptt) {
            if (bptt < 1) {
                throw new IllegalArgumentException("bptt must be at least 1, got " + bptt);
            }
            this.bptt = bptt;
            return this;
        }

        /**
         * Builds the loaders.
         *
         * @return the data bunch
         */
        public TextLMDataBunch build() {
            return new TextLMDataBunch(this, rng());
        }
    }
}
