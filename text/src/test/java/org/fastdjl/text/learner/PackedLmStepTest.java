package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.SequentialRNN;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWD-LSTM language model trains to the same weights, bit for bit, whether the learner packs its
 * parameters into one buffer and steps each layer group with one fused AdamW call (the default) or steps
 * each tensor on its own ({@code optPackParameters(false)}): with all of fastai's dropouts, the tied
 * decoder weight, WeightDropout's raw weights, AR/TAR and one-cycle momentum. Each learner gets its own
 * data bunch, built the same way: a bunch's LM loader draws a new document order for every epoch it
 * serves, so two learners sharing one see different batches.
 */
class PackedLmStepTest {

    private static LanguageLearner learner(AwdLstmConfig cfg, boolean pack, Path dir) {
        TextLMDataBunch data = TinyLm.data();
        Engine.getInstance().setRandomSeed(42);
        SequentialRNN model = AwdLstmModels.languageModel(data.vocab().size(), cfg);
        Learner.Builder b = Learner.builder(data, model).optLayerGroups(AwdLstmModels.lmSplit(model))
                .optInputShapes(new Shape(data.train().batchSize(), data.bptt()))
                .optCallbacks(new RNNTrainer(2, 1)).optMetrics(Metrics.accuracy()).optNumThreads(1)
                .optSilent(true).optPackParameters(pack).optPath(dir);
        return new LanguageLearner(b, data, model, cfg);
    }

    /** Each parameter's name and values, in model order. */
    private static List<Pair<String, float[]>> weights(LanguageLearner learn) {
        List<Pair<String, float[]>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : learn.model().getParameters()) {
            out.add(new Pair<>(p.getKey(), p.getValue().getArray().toFloatArray()));
        }
        return out;
    }

    private static List<Pair<String, float[]>> train(AwdLstmConfig cfg, boolean pack, Path dir, double[] valid) {
        try (LanguageLearner learn = learner(cfg, pack, dir)) {
            Engine.getInstance().setRandomSeed(7);
            learn.fitOneCycle(2, 1e-2);
            valid[0] = learn.recorder().valLosses()[1];
            return weights(learn);
        }
    }

    @Test
    void packedAndPerTensorStepsTrainTheSameWeights(@TempDir Path dir) {
        AwdLstmConfig cfg = TinyLm.config().dropMult(0.3);
        double[] validPacked = new double[1];
        double[] validPlain = new double[1];
        List<Pair<String, float[]>> packed = train(cfg, true, dir, validPacked);
        List<Pair<String, float[]>> plain = train(cfg, false, dir, validPlain);
        assertEquals(plain.size(), packed.size());
        assertTrue(packed.size() >= 10, "encoder, 2 x 4 LSTM tensors, decoder bias: " + packed.size());
        for (int i = 0; i < packed.size(); i++) {
            assertEquals(plain.get(i).getKey(), packed.get(i).getKey());
            assertArrayEquals(plain.get(i).getValue(), packed.get(i).getValue(), packed.get(i).getKey());
        }
        assertEquals(validPlain[0], validPacked[0], "the same weights validate the same");
        try (LanguageLearner untrained = learner(cfg, true, dir)) {
            float[] before = weights(untrained).get(0).getValue();
            float[] after = packed.get(0).getValue();
            assertTrue(!java.util.Arrays.equals(before, after), "training moved the embedding");
        }
    }
}
