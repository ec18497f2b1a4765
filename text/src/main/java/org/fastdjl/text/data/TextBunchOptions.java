package org.fastdjl.text.data;

import org.fastdjl.core.data.NumpyRandom;

/**
 * The settings both text data bunches share: the processed data, the training and validation batch
 * sizes and the seed of the training order. {@link TextLMDataBunch.Builder} and {@link
 * TextClasDataBunch.Builder} extend it.
 *
 * @param <B> the concrete builder, returned by every {@code opt} method
 */
public abstract class TextBunchOptions<B extends TextBunchOptions<B>> {

    final TextData data;
    private int bs;
    private Integer valBs;
    private Long seed;

    TextBunchOptions(TextData data, int defaultBs) {
        this.data = data;
        this.bs = defaultBs;
    }

    /** @return this builder, typed */
    abstract B self();

    /**
     * Sets the training batch size.
     *
     * @param bs at least 1
     * @return this builder
     */
    public B optBs(int bs) {
        this.bs = TextDataBunch.checkBs(bs);
        return self();
    }

    /**
     * Sets the validation and test batch size (default: the training batch size).
     *
     * @param valBs at least 1
     * @return this builder
     */
    public B optValBs(int valBs) {
        this.valBs = TextDataBunch.checkBs(valBs);
        return self();
    }

    /**
     * Seeds the training order (numpy's generator, as {@code np.random.seed}).
     *
     * @param seed 0 to 2^32-1
     * @return this builder
     */
    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    int bs() {
        return bs;
    }

    int valBs() {
        return valBs != null ? valBs : bs;
    }

    NumpyRandom rng() {
        return TextDataBunch.rng(seed);
    }
}
