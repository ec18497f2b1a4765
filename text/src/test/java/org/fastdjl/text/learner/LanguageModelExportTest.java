package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.fastdjl.core.ForkedJvm;
import org.fastdjl.core.export.ExportFormatException;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.text.data.TextLMDataBunch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A language model exported, then loaded with no data (in this JVM and a new one): the same generations. */
class LanguageModelExportTest {

    private static LanguageLearner learn;
    private static Path export;

    @BeforeAll
    static void trainAndExport() throws IOException {
        Path dir = org.fastdjl.core.TestData.tempDir();
        learn = TinyLm.learner(TinyLm.data(), TinyLm.config(), dir);
        learn.fitOneCycle(2, 1e-2);
        export = learn.export();
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    /** Two seeded generations and a beam search: what both JVMs print. */
    static List<String> generations(LanguageLearner l) {
        Engine.getInstance().setRandomSeed(123);
        String a = l.predict("The cat", 12, 0.75);
        String b = l.predict("My friend liked", 8, 1.0);
        String c = l.beamSearch("A dog", 6, 20, 1.0);
        return List.of(a, b, c);
    }

    /**
     * The other JVM: loads the export and prints the generations, one per line.
     *
     * @param args the export
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (LanguageLearner loaded = Learners.load(Path.of(args[0]), LanguageLearner.class)) {
            generations(loaded).forEach(System.out::println);
        }
    }

    @Test
    void exportLoadedInANewJvmGeneratesTheSameText() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Xmx256m"), LanguageModelExportTest.class.getName(), 120,
                export.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(generations(learn), r.stdout().lines().toList());
    }

    @Test
    void theLoadedLearnerHasTheVocabConfigAndWeightsButNoData() throws IOException {
        try (LanguageLearner loaded = Learners.load(export, LanguageLearner.class)) {
            assertEquals(learn.vocab().itos(), loaded.vocab().itos());
            assertEquals(learn.config().toJson(), loaded.config().toJson());
            assertEquals(learn.stateDict().keySet(), loaded.stateDict().keySet());
            float[] a = learn.encoder().encoder().weight().getArray().toFloatArray();
            float[] b = loaded.encoder().encoder().weight().getArray().toFloatArray();
            assertTrue(java.util.Arrays.equals(a, b), "the embedding (and the tied decoder) bit for bit");
            IllegalStateException e = assertThrows(IllegalStateException.class, loaded::lmData);
            assertTrue(e.getMessage().contains("loaded from an export"), e.getMessage());
        }
    }

    @Test
    void optPretrainedFnamesReadsFastaisTwoFilesOntoTheDatasVocab(@TempDir Path dir) throws IOException {
        // fastai's pretrained_fnames: a .pth state dict (here the legacy-format fixture, emb 8, hidden 12,
        // 3 layers, 100 tokens) and its itos pickle, under any names
        Path torch = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "torch");
        Path pth = Files.copy(torch.resolve("awd_lstm_zip.pth"), dir.resolve("my_weights.pth"));
        Path pkl = Files.copy(torch.resolve("itos_tiny.pkl"), dir.resolve("my_vocab.pkl"));
        List<String> itos = Files.readAllLines(torch.resolve("itos_tiny.txt"));
        TextLMDataBunch data = TinyLm.data();
        try (LanguageLearner pre = Text.languageModelLearner(data).optPretrainedFnames(pth, pkl).optSilent(true)
                .optPath(dir).build();
                NDManager cpu = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            assertEquals(List.of(8, 12, 3), List.of(pre.config().embSz(), pre.config().nHid(), pre.config().nLayers()));
            Map<String, NDArray> src = org.fastdjl.core.io.torch.TorchCheckpoint.read(pth, cpu);
            float[] old = src.get("0.encoder.weight").toFloatArray();
            float[] w = pre.encoder().encoder().weight().getArray().toFloatArray();
            for (String token : List.of("the", ".", "xxbos")) {
                int now = data.vocab().stoi(token);
                int then = itos.indexOf(token);
                assertTrue(now >= 0 && then >= 0, token);
                for (int k = 0; k < 8; k++) {
                    assertEquals(old[then * 8 + k], w[now * 8 + k], 0f, token + " keeps its pretrained row");
                }
            }
        }
        java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> Text.languageModelLearner(data).optPretrainedFnames(dir.resolve("lstm_fwd.pth"), pkl).build());
        assertTrue(e.getMessage().contains("lstm_fwd.pth"), e.getMessage());
    }

    @Test
    void anExportWithAnotherTokenizerOrNoVocabIsRefusedByName(@TempDir Path dir) throws Exception {
        org.fastdjl.core.export.ExportContent c = learn.exportContent();
        com.google.gson.JsonObject p = c.pipeline();
        p.addProperty("tokenizer", "sentencepiece");
        Path other = dir.resolve("other.fdjl");
        org.fastdjl.core.export.ExportFile.write(other, new org.fastdjl.core.export.ExportContent(c.kind(), c.module(),
                c.model(), p), learn.model());
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(other).close());
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("sentencepiece")
                && e.getMessage().contains(TextExports.TOKENIZER), e.getMessage());
        p = c.pipeline();
        p.remove("itos");
        Path noVocab = dir.resolve("novocab.fdjl");
        org.fastdjl.core.export.ExportFile.write(noVocab, new org.fastdjl.core.export.ExportContent(c.kind(),
                c.module(), c.model(), p), learn.model());
        e = assertThrows(ExportFormatException.class, () -> Learners.load(noVocab).close());
        assertTrue(e.getMessage().contains("no vocab"), e.getMessage());
    }
}
