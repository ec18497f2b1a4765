package org.fastdjl.text.interpret;

import java.util.List;
import java.util.Locale;

/**
 * The intrinsic attention of a text: each token and its weight, fastai's {@code (tokens, attn)}.
 *
 * @param tokens the text's tokens as the model read them ({@code xxbos} first, {@code xxmaj}, ...)
 * @param weights per token, {@code |d p(class) / d embedding|} summed over the embedding and divided by
 *     the largest, so in [0, 1]
 * @param classIndex the class whose probability was differentiated
 * @param className its name
 * @param probability the model's probability of that class for the text
 */
public record IntrinsicAttention(List<String> tokens, float[] weights, int classIndex, String className,
        float probability) {

    /** @return the tokens with their weights, {@code token(0.123) ...} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(tokens.get(i)).append(String.format(Locale.ROOT, "(%.3f)", weights[i]));
        }
        return sb.toString();
    }
}
