package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.transform.CsvTexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** fastai's text_classifier_learner: encoder from the LM, gradual unfreezing, predictions, bad input. */
class TextClassifierLearnerTest {

    private static final double[] MOMS = {0.8, 0.7};

    @Test
    void anEncoderSavedByTheLanguageModelGivesTheClassifierIdenticalEncoderOutputs(@TempDir Path dir)
            throws IOException {
        TinyClas.csv(dir, 60, 1, 4, 12);
        TextLMDataBunch lm = TinyClas.lmData(dir);
        TextClasDataBunch clas = TinyClas.clasData(dir, lm, 8, 8);
        try (LanguageLearner lmLearn = TinyLm.learner(lm, TinyClas.lmConfig(), dir)) {
            lmLearn.fit(1, 1e-2);
            lmLearn.saveEncoder("fine_tuned_enc");
            try (TextClassifierLearner learn = TinyClas.learner(clas, TinyClas.config(), dir, 4)) {
                assertEquals(4, countFrozenGroups(learn), "frozen on creation: only the head trains");
                learn.unfreeze();
                learn.loadEncoder("fine_tuned_enc");
                assertEquals(4, countFrozenGroups(learn), "frozen again after loadEncoder, as fastai's");
                long[] x = {2, 9, 14, 3, 5, 7, 11, 2, 8, 6, 10, 4};
                float[][] out = new float[2][];
                for (int k = 0; k < 2; k++) {
                    var enc = k == 0 ? lmLearn.encoder() : learn.encoder();
                    var ps = k == 0 ? lmLearn.parameterStore() : learn.parameterStore();
                    enc.reset();
                    out[k] = lmLearn.inference(m -> {
                        NDList o = enc.forward(ps, new NDList(m.create(x, new Shape(2, 6))), false);
                        return o.get(o.size() - 1).toFloatArray();
                    });
                }
                assertArrayEquals(out[0], out[1], "the classifier's encoder is the language model's, bit for bit");
            }
        }
        // a classifier on its own vocab (other size) is refused, naming both sizes
        TextData own = TextList.fromCsv(dir, "texts.csv", "text").optMaxVocab(24).splitFromCol(2).labelFromCol(0)
                .process();
        assertNotEquals(lm.vocab().size(), own.vocab().size());
        try (TextClassifierLearner other = TinyClas.learner(TextClasDataBunch.builder(own).optBs(8).build(),
                TinyClas.config(), dir, 4)) {
            IOException e = assertThrows(IOException.class, () -> other.loadEncoder("fine_tuned_enc"));
            assertTrue(e.getMessage().contains("vocab of " + lm.vocab().size() + " tokens")
                    && e.getMessage().contains("vocab has " + own.vocab().size()), e.getMessage());
        }
    }

    private static int countFrozenGroups(TextClassifierLearner learn) {
        int frozen = 0;
        for (List<Block> g : learn.layerGroups()) {
            boolean all = true;
            for (Block b : g) {
                for (Pair<String, Parameter> p : b.getParameters()) {
                    all &= !p.getValue().requiresGradient();
                }
            }
            frozen += all ? 1 : 0;
        }
        return frozen;
    }

    @Test
    void freezeToMinusTwoLeavesExactlyTheEarlierGroupsUnchangedByAStep(@TempDir Path dir) throws IOException {
        TinyClas.csv(dir, 40, 2, 4, 10);
        TextLMDataBunch lm = TinyClas.lmData(dir);
        try (TextClassifierLearner learn = TinyClas.learner(TinyClas.clasData(dir, lm, 8, 8), TinyClas.config(), dir,
                5)) {
            assertEquals(5, learn.layerGroups().size(), "embedding, 3 LSTM layers, head");
            learn.freezeTo(-2);
            Map<Parameter, float[]> before = snapshot(learn);
            learn.fitOneCycle(1, Lr.slice(1e-2 / Math.pow(2.6, 4), 1e-2), MOMS, 25, 0.3, Double.NaN, Double.NaN);
            for (int g = 0; g < 5; g++) {
                for (Block b : learn.layerGroups().get(g)) {
                    for (Pair<String, Parameter> p : b.getParameters()) {
                        if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN
                                || p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                            continue;
                        }
                        float[] now = p.getValue().getArray().toFloatArray();
                        if (g < 3) {
                            assertArrayEquals(before.get(p.getValue()), now, "group " + g + " " + p.getKey()
                                    + " is frozen");
                        } else {
                            assertFalse(java.util.Arrays.equals(before.get(p.getValue()), now), "group " + g + " "
                                    + p.getKey() + " trains");
                        }
                    }
                }
            }
        }
    }

    private static Map<Parameter, float[]> snapshot(TextClassifierLearner learn) {
        Map<Parameter, float[]> out = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : learn.model().getParameters()) {
            out.put(p.getValue(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void aTinyClassifierLearnsAGeneratedSentimentSetAndPredictsAsGetPreds(@TempDir Path dir) throws IOException {
        TinyClas.csv(dir, 240, 3, 3, 14);
        TextLMDataBunch lm = TinyClas.lmData(dir);
        TextClasDataBunch clas = TinyClas.clasData(dir, lm, 16, 1); // one text per validation batch: no padding
        try (TextClassifierLearner learn = TinyClas.learner(clas, TinyClas.config().dropMult(0.5), dir, 6)) {
            learn.unfreeze();
            learn.fitOneCycle(6, Lr.of(3e-2), MOMS, 25, 0.3, Double.NaN, Double.NaN);
            double acc = learn.validate().get(1);
            System.out.println("tiny classifier on 192 generated reviews: valid accuracy " + acc);
            assertTrue(acc >= 0.9, "accuracy " + acc);

            Predictions preds = learn.getPreds(DatasetType.VALID);
            List<List<String>> rows = CsvTexts.readColumns(dir.resolve("texts.csv"), List.of("text", "is_valid"));
            List<String> valid = new ArrayList<>();
            for (List<String> r : rows) {
                if (r.get(1).equals("True")) {
                    valid.add(r.get(0));
                }
            }
            assertEquals(valid.size(), preds.size());
            for (int i = 0; i < valid.size(); i++) {
                ClassPrediction p = learn.predict(valid.get(i));
                assertArrayEquals(preds.row(i), p.probs(), 1e-6f, "validation text " + i);
                assertEquals(p.index(), preds.argMax()[i]);
            }
            // many texts at once, as fastai's test set: sorted by length, padded at the start, the data's
            // validation bs per batch: the same batches as getPreds on the validation set, so the same rows
            learn.save("tiny");
            try (TextClassifierLearner b = TinyClas.learner(TinyClas.clasData(dir, lm, 16, 10),
                    TinyClas.config().dropMult(0.5), dir, 6)) {
                b.load("tiny");
                assertEquals(10, b.predictBs());
                Predictions batched = b.getPreds(DatasetType.VALID);
                List<ClassPrediction> many = b.predict(valid);
                int differ = 0;
                for (int i = 0; i < valid.size(); i++) {
                    assertArrayEquals(batched.row(i), many.get(i).probs(), 1e-6f, "validation text " + i);
                    differ += java.util.Arrays.equals(preds.row(i), many.get(i).probs()) ? 0 : 1;
                }
                assertTrue(differ > 0, "padding in a batch moves some probabilities, as in fastai");
            }
            // an empty review is not an error: it is read as [xxbos], as fastai reads it
            ClassPrediction empty = learn.predict("");
            assertArrayEquals(new int[] {2}, learn.textIds(""));
            assertArrayEquals(empty.probs(), learn.predict("   ").probs(), 0f);
            float sum = 0;
            for (float v : empty.probs()) {
                sum += v;
            }
            assertEquals(1f, sum, 1e-5f);
        }
    }

}
