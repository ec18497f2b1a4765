package org.fastdjl.text.learner;

import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Tokenizer;
import org.fastdjl.text.transform.Vocab;

import java.util.ArrayList;
import java.util.List;

/**
 * New texts turned into ids the way the data-block path turned the training texts ({@code
 * data.one_item(text)}): fastai's tokenizer and rules, {@code xxbos} first, unknown tokens as {@code
 * xxunk}. An empty text becomes {@code [xxbos]}, as in fastai.
 */
final class TextIds {

    /** Texts in a call from which the tokenizer uses every core. */
    private static final int PARALLEL_FROM = 64;

    private TextIds() {}

    /** fastai's default tokenizer, built once (its tables take a moment). */
    private static final class Tok {
        static final TokenizeProcessor ONE = new TokenizeProcessor(new Tokenizer().withCpus(1));
        static final TokenizeProcessor ALL = new TokenizeProcessor(new Tokenizer());
    }

    /**
     * The ids of one text.
     *
     * @param vocab the model's vocab
     * @param text the text (not {@code null})
     * @return its ids, {@code xxbos} first
     */
    static int[] of(Vocab vocab, String text) {
        if (text == null) {
            throw new IllegalArgumentException("the text is null");
        }
        return vocab.numericalize(Tok.ONE.processTexts(List.of(text)).get(0));
    }

    /**
     * The ids of several texts, tokenized on all cores when there are many.
     *
     * @param vocab the model's vocab
     * @param texts the texts (none {@code null})
     * @return the ids of each, in order
     */
    static List<int[]> of(Vocab vocab, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
        }
        TokenizeProcessor p = texts.size() >= PARALLEL_FROM ? Tok.ALL : Tok.ONE;
        List<List<String>> toks = p.processTexts(texts);
        List<int[]> out = new ArrayList<>(toks.size());
        for (List<String> t : toks) {
            out.add(vocab.numericalize(t));
        }
        return out;
    }
}
