package org.fastdjl.text.learner;

import ai.djl.engine.Engine;

import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.nn.AwdLstmConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A generated sentiment set and tiny classifiers for the classifier tests. */
final class TinyClas {

    static final String[] POS = {"great", "loved", "wonderful", "brilliant", "superb", "moving"};
    static final String[] NEG = {"awful", "boring", "hated", "terrible", "dull", "painful"};
    static final String[] FILL = {"the", "movie", "film", "actor", "plot", "was", "and", "a", "story", "scene", "it",
        "of", "this", "with", "director", "music", "ending", "cast", "in", "to"};

    private TinyClas() {}

    /** emb 16, hidden 24, 3 layers (5 layer groups), fastai's classifier dropouts. */
    static AwdLstmConfig config() {
        return AwdLstmConfig.classifier().toBuilder().optEmbSz(16).optNHid(24).optNLayers(3).build();
    }

    /** The language-model config of the same sizes. */
    static AwdLstmConfig lmConfig() {
        return AwdLstmConfig.lm().toBuilder().optEmbSz(16).optNHid(24).optNLayers(3).build();
    }

    /**
     * One review: {@code minFill..maxFill} neutral words with one to three words of its sentiment at
     * random places.
     */
    static String review(Random r, boolean pos, int minFill, int maxFill) {
        int n = minFill + r.nextInt(maxFill - minFill + 1);
        StringBuilder sb = new StringBuilder();
        String[] sentiment = pos ? POS : NEG;
        int marks = 1 + r.nextInt(3);
        int[] at = new int[marks];
        for (int k = 0; k < marks; k++) {
            at[k] = r.nextInt(n + 1);
        }
        for (int i = 0; i <= n; i++) {
            for (int k = 0; k < marks; k++) {
                if (at[k] == i) {
                    sb.append(sentiment[r.nextInt(sentiment.length)]).append(' ');
                }
            }
            if (i < n) {
                sb.append(FILL[r.nextInt(FILL.length)]).append(' ');
            }
        }
        return sb.toString().trim() + ".";
    }

    /**
     * A CSV {@code label,text,is_valid} of {@code n} reviews, every fifth one validation.
     *
     * @return the file
     */
    static Path csv(Path dir, int n, long seed, int minFill, int maxFill) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("label,text,is_valid\n");
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            sb.append(pos ? "pos" : "neg").append(",\"").append(review(r, pos, minFill, maxFill)).append("\",")
                    .append(i % 5 == 4 ? "True" : "False").append('\n');
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("texts.csv");
        Files.writeString(file, sb.toString());
        return file;
    }

    /** Language-model data of the CSV's texts (bs 8, bptt 10). */
    static TextLMDataBunch lmData(Path dir) throws IOException {
        TextData d = TextList.fromCsv(dir, "texts.csv", "text").optMinFreq(1).splitFromCol(2).labelForLm().process();
        return TextLMDataBunch.builder(d).optBs(8).optBptt(10).optSeed(1).build();
    }

    /** Classifier data on a vocab, bs {@code bs}, validation bs {@code valBs}. */
    static TextClasDataBunch clasData(Path dir, TextLMDataBunch lm, int bs, int valBs) throws IOException {
        TextData d = TextList.fromCsv(dir, "texts.csv", "text").optVocab(lm.vocab()).splitFromCol(2).labelFromCol(0)
                .process();
        return TextClasDataBunch.builder(d).optBs(bs).optValBs(valBs).optSeed(3).build();
    }

    static TextClassifierLearner learner(TextClasDataBunch data, AwdLstmConfig config, Path path, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        return Text.classifierLearner(data, config).optSilent(true).optPath(path).build();
    }
}
