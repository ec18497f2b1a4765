package org.fastdjl.text.transform;

import java.util.Arrays;
import java.util.List;

/**
 * Splits one text into tokens: the step between fastai's pre-rules and post-rules (fastai's
 * {@code BaseTokenizer}). Implementations must be thread-safe: {@link Tokenizer} calls one instance from
 * all its worker threads.
 *
 * <p>The default is {@link SpacyTokenizer#english()}, spaCy's blank English tokenizer as fastai v1 uses it.
 */
@FunctionalInterface
public interface BaseTokenizer {

    /**
     * Splits {@code text} into tokens.
     *
     * @param text the text, after the pre-rules
     * @return the tokens in order; whitespace that is not a single separating space comes back as tokens
     */
    List<String> tokenize(String text);

    /**
     * fastai's plain {@code BaseTokenizer}: {@code text.split(' ')}, empty strings included.
     *
     * @return a tokenizer splitting on single spaces
     */
    static BaseTokenizer splitOnSpace() {
        return text -> Arrays.asList(text.split(" ", -1));
    }
}
