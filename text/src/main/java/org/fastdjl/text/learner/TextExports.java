package org.fastdjl.text.learner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.transform.Vocab;

import java.util.ArrayList;
import java.util.List;

/** What the text learners' exports share: the module's name, the tokenizer's rules, the vocab and config. */
final class TextExports {

    /** The artifact whose loader reads the text kinds. */
    static final String MODULE = "fastdjl-text";
    /**
     * The tokenizer an export's texts go through: fastai v1's default ({@code Tokenizer()}: the spaCy-like
     * English base tokenizer, fastai's pre- and post-rules and special tokens), the only one a text learner
     * trains with today. A later version that adds others writes another name, which this one refuses.
     */
    static final String TOKENIZER = "fastai-v1-default";

    private TextExports() {}

    /**
     * Reads the vocab of an export's pipeline, after checking its tokenizer.
     *
     * @param export the export
     * @return the vocab
     * @throws org.fastdjl.core.export.ExportFormatException when the pipeline has no vocab or another
     *     tokenizer
     */
    static Vocab vocab(ExportedLearner export) throws java.io.IOException {
        JsonObject p = export.pipeline();
        JsonElement tok = p.get("tokenizer");
        if (tok == null || !tok.isJsonPrimitive() || !TOKENIZER.equals(tok.getAsString())) {
            throw export.invalid("its texts go through the tokenizer " + tok + ", this version knows only \""
                    + TOKENIZER + "\"");
        }
        JsonElement itos = p.get("itos");
        if (itos == null || !itos.isJsonArray() || itos.getAsJsonArray().isEmpty()) {
            throw export.invalid("the pipeline has no vocab (\"itos\": a list of tokens)");
        }
        List<String> tokens = new ArrayList<>();
        for (JsonElement e : (JsonArray) itos) {
            tokens.add(e.getAsString());
        }
        try {
            return new Vocab(tokens);
        } catch (IllegalArgumentException e) {
            throw export.invalid("its vocab: " + e.getMessage());
        }
    }

    /**
     * Reads the AWD-LSTM config of an export's model.
     *
     * @param export the export
     * @return the config
     * @throws org.fastdjl.core.export.ExportFormatException when it is not a config
     */
    static AwdLstmConfig config(ExportedLearner export) throws java.io.IOException {
        try {
            return AwdLstmConfig.fromJson(export.model().toString());
        } catch (IllegalArgumentException e) {
            throw export.invalid("its AWD-LSTM config: " + e.getMessage());
        }
    }

    /**
     * The intra-op thread count written in an export's model, else the language model's rule.
     *
     * @param export the export
     * @param config its config
     * @return the count
     */
    static int numThreads(ExportedLearner export, AwdLstmConfig config) {
        JsonElement t = export.model().get("numThreads");
        return t != null ? t.getAsInt() : config.nHid() < Text.ONE_THREAD_BELOW_HIDDEN ? 1 : 0;
    }
}
