package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;

import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.interpret.TextClassificationInterpretation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Training the classifier on reviews of very different lengths (3 to 200 words: one chunk or twenty,
 * some chunks run only to carry the state) leaves the count of live arrays flat.
 */
class ClasMemoryTest {

    @Test
    void liveArraysStayFlatOverSeveralClassifierEpochsWithVeryDifferentLengths(@TempDir Path dir) throws Exception {
        TinyClas.csv(dir, 60, 21, 2, 200);
        TextLMDataBunch lm = TinyClas.lmData(dir);
        TextClasDataBunch clas = TinyClas.clasData(dir, lm, 6, 6);
        int[] lengths = clas.data().train().lengths();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int l : lengths) {
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        assertTrue(min < 10 && max > 150, "lengths from " + min + " to " + max);
        LmMemoryTest.Probe probe = new LmMemoryTest.Probe();
        Engine.getInstance().setRandomSeed(2);
        try (TextClassifierLearner learn = Text.classifierLearner(clas, TinyClas.config()).optBptt(10).optMaxLen(40)
                .optSilent(true).optPath(dir).build()) {
            learn.unfreeze();
            learn.fitOneCycle(3, Lr.of(1e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN, Double.NaN, probe);
            learn.predict("a great film");
            learn.predict(java.util.List.of("a great film", "the plot was dull and the music boring"));
            TextClassificationInterpretation.intrinsicAttention(learn, "a superb story", -1);
            learn.fit(3, Lr.of(1e-3), Double.NaN, probe);
        }
        for (int i = 1; i < probe.live.size(); i++) {
            assertEquals(probe.live.get(0), probe.live.get(i), "live NDArrays after epoch " + i + ": " + probe.live);
        }
    }
}
