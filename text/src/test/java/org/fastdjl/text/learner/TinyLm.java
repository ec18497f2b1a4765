package org.fastdjl.text.learner;

import ai.djl.engine.Engine;

import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.nn.AwdLstmConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated texts and tiny language models for the learner tests. */
final class TinyLm {

    private TinyLm() {}

    /** emb 16, hidden 24, 2 layers: about 5,000 parameters with a 40-token vocab. */
    static AwdLstmConfig config() {
        return AwdLstmConfig.lm().toBuilder().optEmbSz(16).optNHid(24).optNLayers(2).build();
    }

    /** Short sentences from a small grammar, seeded. */
    static List<String> sentences(int n, long seed) {
        String[] subj = {"The cat", "A dog", "My friend", "The old man", "Every child"};
        String[] verb = {"sat on", "looked at", "liked", "walked to", "found"};
        String[] obj = {"the mat.", "a red ball.", "the big house.", "our garden.", "this movie!"};
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(subj[r.nextInt(subj.length)] + " " + verb[r.nextInt(verb.length)] + " "
                    + obj[r.nextInt(obj.length)] + " " + subj[r.nextInt(subj.length)] + " "
                    + verb[r.nextInt(verb.length)] + " " + obj[r.nextInt(obj.length)]);
        }
        return out;
    }

    /** Language-model data: the last fifth of the texts for validation. */
    static TextLMDataBunch data(List<String> texts, int bs, int bptt) {
        int n = texts.size();
        int[] valid = new int[n / 5];
        for (int i = 0; i < valid.length; i++) {
            valid[i] = n - valid.length + i;
        }
        try {
            TextData d = TextList.fromTexts(texts).optMinFreq(1).splitByIdx(valid).labelForLm().process();
            return TextLMDataBunch.builder(d).optBs(bs).optBptt(bptt).optSeed(1).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TextLMDataBunch data() {
        return data(sentences(200, 7), 8, 12);
    }

    static LanguageLearner learner(TextLMDataBunch data, AwdLstmConfig config, Path path) throws IOException {
        Engine.getInstance().setRandomSeed(42);
        return Text.languageModelLearner(data, config).optSilent(true).optPath(path).build();
    }
}
