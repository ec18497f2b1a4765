package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;

import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The language-model learner: training, generation, the encoder's file and pretrained folders. */
class LanguageLearnerTest {

    @Test
    void aTinyLanguageModelOverfitsAShortText(@TempDir Path dir) throws IOException {
        // one 13-token sentence again and again: the next token is always determined
        List<String> texts = Collections.nCopies(60, "The quick brown fox jumps over the lazy dog , and then it sleeps .");
        TextLMDataBunch data = TinyLm.data(new ArrayList<>(texts), 4, 10);
        try (LanguageLearner learn = TinyLm.learner(data, TinyLm.config().dropMult(0), dir)) {
            double start = learn.validate().get(0);
            learn.fitOneCycle(12, 1e-2);
            double[] train = learn.recorder().trainLosses();
            double valid = learn.recorder().valLosses()[11];
            assertTrue(start > 2.0, "starts near ln(vocab): " + start);
            assertTrue(valid < 0.2 * start, "valid loss " + valid + " from " + start);
            assertTrue(train[11] < 0.3 * start, "train loss " + train[11] + " from " + start);
            double accuracy = learn.recorder().metrics().get(11)[0];
            double perplexity = learn.recorder().metrics().get(11)[1];
            assertTrue(accuracy > 0.9, "accuracy " + accuracy);
            assertEquals(Math.exp(valid), perplexity, 1e-3 * perplexity, "perplexity = exp(valid loss)");
            String next = learn.predict("The quick brown", 3, 0.1);
            assertEquals("The quick brown fox jumps over", next, "a memorised continuation");
        }
    }

    @Test
    void aSeededPredictRepeatsAndBeamSearchRuns(@TempDir Path dir) throws IOException {
        try (LanguageLearner learn = TinyLm.learner(TinyLm.data(), TinyLm.config(), dir)) {
            learn.fit(1, 1e-2);
            Engine.getInstance().setRandomSeed(123);
            String a = learn.predict("The cat", 15, 0.9);
            Engine.getInstance().setRandomSeed(123);
            String b = learn.predict("The cat", 15, 0.9);
            assertEquals(a, b);
            assertTrue(a.startsWith("The cat "), a);
            assertFalse(a.contains("xxunk"), a);
            assertEquals("The cat ", learn.predict("The cat", 0), "no words asked: the prompt and fastai's separator");
            Engine.getInstance().setRandomSeed(5);
            List<String> draws = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                draws.add(learn.predict("The cat", 15, 1.0));
            }
            assertTrue(draws.stream().distinct().count() > 1, "unseeded draws differ: " + draws);
            Engine.getInstance().setRandomSeed(9);
            String beam = learn.beamSearch("A dog", 5, 8, 1.0);
            assertTrue(beam.startsWith("A dog a dog "), "fastai's beam repeats the prompt's tokens: " + beam);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learn.predict("  ", 3));
            assertTrue(e.getMessage().contains("prompt is empty"), e.getMessage());
        }
    }

    @Test
    void theEncoderSavesWithFastaisNamesAndAnotherVocabIsNamed(@TempDir Path dir) throws IOException {
        TextLMDataBunch data = TinyLm.data();
        try (LanguageLearner a = TinyLm.learner(data, TinyLm.config(), dir)) {
            a.fit(1, 1e-2);
            Path file = a.saveEncoder("enc");
            assertEquals(dir.resolve("models/enc.safetensors"), file);
            try (ai.djl.ndarray.NDManager cpu = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu())) {
                assertTrue(org.fastdjl.core.io.Weights.read(file, cpu).keySet().containsAll(List.of("encoder.weight",
                        "encoder_dp.emb.weight", "rnns.0.weight_hh_l0_raw", "rnns.0.module.weight_ih_l0",
                        "rnns.0.module.weight_hh_l0", "rnns.1.module.bias_hh_l0")));
            }
            try (LanguageLearner b = TinyLm.learner(data, TinyLm.config(), dir)) {
                b.loadEncoder("enc");
                assertEquals(a.encoder().encoder().weight().getArray(), b.encoder().encoder().weight().getArray());
                assertTrue(isFrozen(b.encoder().rnns().get(0).weightHhRaw()), "frozen after loading, as fastai's");
            }
            List<String> more = new ArrayList<>(TinyLm.sentences(20, 3));
            more.add(0, "Seventeen entirely unfamiliar words appear here: quartz, lemur, oboe, fjord, glyph, kiwi, "
                    + "nectar, onyx, plinth, quill, rune, sphinx, tundra, umbra, vortex, wombat, yodel.");
            TextLMDataBunch other = TinyLm.data(more, 2, 5);
            assertNotEquals(data.vocab().size(), other.vocab().size());
            try (LanguageLearner c = TinyLm.learner(other, TinyLm.config(), dir)) {
                IOException e = assertThrows(IOException.class, () -> c.loadEncoder("enc"));
                assertTrue(e.getMessage().contains("(" + data.vocab().size() + ", 16)")
                        && e.getMessage().contains("(" + other.vocab().size() + ", 16)"), e.getMessage());
            }
            try (LanguageLearner d = TinyLm.learner(data, TinyLm.config().toBuilder().optNHid(20).build(), dir)) {
                IOException e = assertThrows(IOException.class, () -> d.loadEncoder("enc"));
                assertTrue(e.getMessage().contains("rnns.0.weight_hh_l0_raw has shape (96, 24) in the file, the model"
                        + " expects (80, 20)"), e.getMessage());
            }
            assertThrows(java.nio.file.NoSuchFileException.class, () -> a.loadEncoder("nothing"));
        }
    }

    private static boolean isFrozen(Parameter p) {
        return !p.requiresGradient();
    }

    @Test
    void aPretrainedFolderLoadsOntoAnotherVocabAndFreezes(@TempDir Path dir) throws IOException {
        TextLMDataBunch corpus = TinyLm.data(TinyLm.sentences(200, 11), 8, 12);
        Path folder = dir.resolve("pretrained");
        try (LanguageLearner pre = TinyLm.learner(corpus, TinyLm.config(), dir)) {
            pre.fit(1, 1e-2);
            PretrainedLm.write(folder, pre.lm(), corpus.vocab(), pre.config());
            // a vocab with a token the corpus never had
            List<String> texts = new ArrayList<>(TinyLm.sentences(50, 12));
            texts.add(0, "Zebras sat on the mat. Zebras zebras.");
            TextLMDataBunch target = TinyLm.data(texts, 4, 8);
            assertTrue(target.vocab().contains("zebras") && !corpus.vocab().contains("zebras"));
            try (LanguageLearner learn = Text.languageModelLearner(target).optPretrained(folder).optSilent(true)
                    .optPath(dir).build()) {
                assertEquals(16, learn.config().embSz(), "sizes from the folder's config");
                float[] w = learn.encoder().encoder().weight().getArray().toFloatArray();
                float[] old = pre.encoder().encoder().weight().getArray().toFloatArray();
                int cat = target.vocab().stoi("cat");
                int oldCat = corpus.vocab().stoi("cat");
                for (int k = 0; k < 16; k++) {
                    assertEquals(old[oldCat * 16 + k], w[cat * 16 + k], 0f, "a known token keeps its row");
                }
                int zebra = target.vocab().stoi("zebras");
                for (int k = 0; k < 16; k++) {
                    double mean = 0;
                    for (int r = 0; r < corpus.vocab().size(); r++) {
                        mean += old[r * 16 + k];
                    }
                    mean /= corpus.vocab().size();
                    assertEquals(mean, w[zebra * 16 + k], 1e-6, "a new token gets the mean row");
                }
                assertTrue(isFrozen(learn.encoder().rnns().get(1).weightHhRaw()), "RNN groups frozen");
                assertFalse(isFrozen(learn.encoder().encoder().weight()), "the last group (embedding, decoder) trains");
                assertEquals(3, learn.layerGroups().size(), "2 RNN layers + embedding/decoder");
                learn.fit(1, 1e-3);
            }
            // without config.json the sizes come from the weights
            Files.delete(folder.resolve(PretrainedLm.CONFIG));
            try (LanguageLearner learn = Text.languageModelLearner(corpus).optPretrained(folder).optSilent(true)
                    .optPath(dir).build()) {
                assertEquals(24, learn.config().nHid());
                assertEquals(2, learn.config().nLayers());
                // the same vocab: the same encoder (the decoder differs on the duplicate xxfake rows, as fastai's)
                assertEquals(pre.lm().forward(pre.parameterStore(), new ai.djl.ndarray.NDList(
                        pre.manager().create(new long[] {2, 5, 6}, new ai.djl.ndarray.types.Shape(1, 3))), false).get(2),
                        learn.lm().forward(learn.parameterStore(), new ai.djl.ndarray.NDList(
                        learn.manager().create(new long[] {2, 5, 6}, new ai.djl.ndarray.types.Shape(1, 3))), false)
                                .get(2));
            }
            // another size than the config asks for
            IOException e = assertThrows(IOException.class, () -> Text.languageModelLearner(corpus,
                    AwdLstmConfig.lm().withSize(AwdLstmConfig.Size.TINY)).optPretrained(folder).build());
            assertTrue(e.getMessage().contains("emb 16, hidden 24, 2 layers")
                    && e.getMessage().contains("emb 64, hidden 128, 2 layers"), e.getMessage());
            IOException missing = assertThrows(IOException.class, () -> Text.languageModelLearner(corpus)
                    .optPretrained(dir.resolve("nowhere")).build());
            assertTrue(missing.getMessage().contains("nowhere") && missing.getMessage().contains("no pretrained"),
                    missing.getMessage());
            Files.delete(folder.resolve(PretrainedLm.ITOS));
            IOException noItos = assertThrows(IOException.class, () -> Text.languageModelLearner(corpus)
                    .optPretrained(folder).build());
            assertTrue(noItos.getMessage().contains("itos.json"), noItos.getMessage());
        }
    }

    @Test
    void aFolderInFastaisLayoutLoadsWithSizesFromTheWeights(@TempDir Path dir) throws IOException {
        // src-test-data/torch: a fastai-shaped AWD-LSTM (emb 8, hidden 12, 3 layers, 100 tokens) saved by
        // PyTorch's legacy torch.save, and its itos pickle
        Path torch = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "torch");
        Path folder = dir.resolve("wt103-like");
        Files.createDirectories(folder);
        Files.copy(torch.resolve("awd_lstm_legacy.pth"), folder.resolve("lstm_fwd.pth"));
        Files.copy(torch.resolve("itos_tiny.pkl"), folder.resolve("itos_tiny.pkl"));
        List<String> itos = Files.readAllLines(torch.resolve("itos_tiny.txt"));
        TextLMDataBunch data = TinyLm.data();
        try (LanguageLearner learn = Text.languageModelLearner(data).optPretrained(folder).optSilent(true)
                .optPath(dir).build();
                ai.djl.ndarray.NDManager cpu = ai.djl.ndarray.NDManager.newBaseManager(ai.djl.Device.cpu())) {
            assertEquals(8, learn.config().embSz());
            assertEquals(12, learn.config().nHid());
            assertEquals(3, learn.config().nLayers());
            float[] old = org.fastdjl.core.io.torch.TorchCheckpoint.read(folder.resolve("lstm_fwd.pth"), cpu)
                    .get("0.encoder.weight").toFloatArray();
            float[] w = learn.encoder().encoder().weight().getArray().toFloatArray();
            int the = data.vocab().stoi("the");
            int oldThe = itos.indexOf("the");
            assertTrue(oldThe > 0 && the > 0);
            for (int k = 0; k < 8; k++) {
                assertEquals(old[oldThe * 8 + k], w[the * 8 + k], 0f, "'the' keeps WT103-style row " + oldThe);
            }
        }
    }

    @Test
    void theTableShowsAccuracyAndPerplexity(@TempDir Path dir) throws IOException {
        try (LanguageLearner learn = TinyLm.learner(TinyLm.data(), TinyLm.config(), dir)) {
            assertEquals(List.of("accuracy", "perplexity"), learn.metricNames());
            assertEquals(1, learn.numThreads(), "a tiny model trains on one thread");
            Map<String, Parameter> sd = learn.stateDict();
            assertTrue(sd.containsKey("0.encoder.weight") && sd.containsKey("1.decoder.bias"));
            assertNotEquals(0, learn.data().train().numBatches());
        }
    }
}
