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
                new TextClassifierLoader(b.data.train(), b.bs(), true, rng, b.padIdx, b.padFirst),
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
    public static final class Builder extends TextBunchOptions<Builder> {
        private int padIdx = PadCollate.PAD_IDX;
        private boolean padFirst = true;

        private Builder(TextData data) {
            super(data, TextData.CLAS_BS); // fastai's classifier default bs, 32
        }

        @Override
        Builder self() {
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

        /**
         * Builds the loaders.
         *
         * @return the data bunch
         */
        public TextClasDataBunch build() {
            return new TextClasDataBunch(this, rng());
        }
    }
}
