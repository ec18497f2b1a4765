package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.ForkedJvm;
import org.fastdjl.core.TestData;
import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.transform.CsvTexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained tiny text classifier: exported, then loaded in a new JVM with no data (the same probabilities,
 * bit for bit), predicting a CSV, and interpreted (confusion matrix, top losses, intrinsic attention).
 */
class TextClassifierExportTest {

    private static Path dir;
    private static TextClassifierLearner learn;
    private static Path export;
    private static List<String> texts;

    @BeforeAll
    static void trainAndExport() throws IOException {
        dir = TestData.tempDir();
        TinyClas.csv(dir, 120, 11, 2, 30);
        TextLMDataBunch lm = TinyClas.lmData(dir);
        TextClasDataBunch clas = TinyClas.clasData(dir, lm, 16, 16);
        learn = TinyClas.learner(clas, TinyClas.config().dropMult(0.5), dir, 12);
        learn.unfreeze();
        learn.fitOneCycle(2, Lr.of(3e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN, Double.NaN);
        export = learn.export();
        texts = new ArrayList<>();
        for (List<String> r : CsvTexts.readColumns(dir.resolve("texts.csv"), List.of("text"))) {
            texts.add(r.get(0));
        }
        texts = texts.subList(0, 40);
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    static String bits(ClassPrediction p) {
        StringBuilder sb = new StringBuilder(p.label());
        for (float v : p.probs()) {
            sb.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
        }
        return sb.toString();
    }

    /**
     * The other JVM: loads the export and prints the bits of {@code predict(text)} for each text, then of
     * {@code predict(texts)}.
     *
     * @param args the export, then the texts
     * @throws IOException if the export cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (TextClassifierLearner loaded = Learners.load(Path.of(args[0]), TextClassifierLearner.class)) {
            List<String> all = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                all.add(args[i]);
                System.out.println(bits(loaded.predict(args[i])));
            }
            loaded.predict(all).forEach(p -> System.out.println(bits(p)));
        }
    }

    @Test
    void exportLoadedInANewJvmPredictsTheSameBits() throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(export.toString());
        for (String t : texts) {
            expected.add(bits(learn.predict(t)));
            args.add(t);
        }
        learn.predict(texts).forEach(p -> expected.add(bits(p)));
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Xmx256m"), TextClassifierExportTest.class.getName(), 120,
                args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected, r.stdout().lines().toList());
    }

    @Test
    void theLoadedLearnerIsTheSameClassifierAndNothingOfTheDataIsInTheFile() throws IOException {
        try (Learner any = Learners.load(export)) {
            TextClassifierLearner loaded = (TextClassifierLearner) any;
            assertEquals(learn.classes(), loaded.classes());
            assertEquals(learn.vocab(), loaded.vocab());
            assertEquals(learn.config(), loaded.config());
            assertEquals(learn.predictBs(), loaded.predictBs());
            assertEquals(5, loaded.layerGroups().size());
            assertArrayEquals(learn.predict("").probs(), loaded.predict("").probs(), 0f);
        }
        String raw = new String(Files.readAllBytes(export), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!raw.contains(texts.get(0)) && !raw.contains(texts.get(1)), "no training text in the export");
    }

    @Test
    void aCsvOfTextsIsPredictedInOrderWithItsTextColumn() throws IOException {
        try (TextClassifierLearner loaded = Learners.load(export, TextClassifierLearner.class)) {
            Path csv = dir.resolve("reviews.csv");
            StringBuilder sb = new StringBuilder("id,review\n");
            for (int i = 0; i < texts.size(); i++) {
                sb.append(i).append(",\"").append(texts.get(i)).append("\"\n");
            }
            sb.append(texts.size()).append(",\n"); // an empty review: read as [xxbos]
            Files.writeString(csv, sb);
            Path out = dir.resolve("reviews.predictions.csv");
            assertEquals(texts.size() + 1, CsvPredict.run(loaded, csv, out, 7, Map.of(RecordHeader.TEXT, "review"))
                    .rows());
            List<String> lines = Files.readAllLines(out);
            assertEquals("id,review,prediction,p_neg,p_pos", lines.get(0));
            // each CSV batch of 7 rows is predicted as predict(list) of those 7 texts
            List<ClassPrediction> first = learn.predict(texts.subList(0, 7));
            for (int i = 0; i < 7; i++) {
                ClassPrediction p = first.get(i);
                assertTrue(lines.get(1 + i).endsWith("," + p.label() + "," + p.probs()[0] + "," + p.probs()[1]),
                        lines.get(1 + i));
            }
            List<String> lastBatch = new ArrayList<>(texts.subList(35, 40));
            lastBatch.add("");
            ClassPrediction empty = learn.predict(lastBatch).get(5);
            assertTrue(lines.get(lines.size() - 1).endsWith("," + empty.label() + "," + empty.probs()[0] + ","
                    + empty.probs()[1]), lines.get(lines.size() - 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CsvPredict.run(loaded, csv, out, 5, Map.of()));
            assertTrue(e.getMessage().contains("has no column 'text'") && e.getMessage().contains("--text-col"),
                    e.getMessage());
        }
    }

    @Test
    void aLabelColumnWithOneClassIsRefusedByName() throws IOException {
        Path one = dir.resolve("one");
        Files.createDirectories(one);
        Files.writeString(one.resolve("texts.csv"), "label,text,is_valid\npos,a great film,False\npos,loved it,False\n"
                + "pos,superb acting,True\n");
        TextClasDataBunch data = (TextClasDataBunch) TextList.fromCsv(one, "texts.csv", "text").optMinFreq(1)
                .splitFromCol(2).labelFromCol(0).databunch(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Text.classifierLearner(data, TinyClas.config()).build());
        assertTrue(e.getMessage().contains("single class, 'pos'") && e.getMessage().contains("at least two"),
                e.getMessage());
    }

    @Test
    void theInterpretationCountsTheValidationSetAndTheAttentionIsTheGradientOfTheClass() throws IOException {
        org.fastdjl.text.interpret.TextClassificationInterpretation interp =
                org.fastdjl.text.interpret.TextClassificationInterpretation.fromLearner(learn);
        org.fastdjl.core.learner.Predictions preds = learn.getPreds(org.fastdjl.core.data.DatasetType.VALID);
        int[][] cm = interp.confusionMatrix();
        int[] argMax = preds.argMax();
        int[][] mine = new int[2][2];
        for (int i = 0; i < preds.size(); i++) {
            mine[(int) preds.targets()[i]][argMax[i]]++;
        }
        assertArrayEquals(mine[0], cm[0]);
        assertArrayEquals(mine[1], cm[1]);
        assertEquals(24, cm[0][0] + cm[0][1] + cm[1][0] + cm[1][1]);
        String table = interp.formatTopLosses(3);
        assertEquals(1 + 3, table.lines().count(), table);
        assertTrue(table.lines().findFirst().orElseThrow().contains("Text") && table.contains("xxbos"), table);
        var top = interp.topLosses(3);
        double worst = java.util.Arrays.stream(interp.base().losses()).max().orElseThrow();
        assertEquals(worst, top.get(0).loss(), 1e-9);
        Path png = interp.plotConfusionMatrix(dir.resolve("confusion.png"));
        assertTrue(Files.size(png) > 1000);

        String text = texts.get(3);
        ClassPrediction p = learn.predict(text);
        var a = interp.intrinsicAttention(text);
        assertEquals(learn.vocab().tokens(learn.textIds(text)), a.tokens());
        assertEquals(p.index(), a.classIndex());
        assertEquals(p.probs()[p.index()], a.probability(), 1e-5f, "the same forward pass as predict");
        float max = 0;
        for (float w : a.weights()) {
            assertTrue(w >= 0 && w <= 1, a.toString());
            max = Math.max(max, w);
        }
        assertEquals(1f, max, 0f);
        var other = interp.intrinsicAttention(text, 1 - p.index());
        assertEquals(1 - p.probs()[p.index()], other.probability(), 1e-5f);
        // for two classes the two probabilities sum to one: their gradients are opposite, the weights equal
        assertArrayEquals(a.weights(), other.weights(), 1e-4f);
        for (var param : learn.model().getParameters()) {
            ai.djl.ndarray.NDArray arr = param.getValue().getArray();
            if (arr.hasGradient()) {
                assertEquals(0f, arr.getGradient().abs().sum().getFloat(), 0f, param.getKey() + " has no gradient left");
            }
        }
        // fastai shows the tokens of the ids: unknown words as xxunk
        Path html = interp.writeIntrinsicAttention(dir.resolve("attention.html"), List.of(text, "I <3 it & so on"));
        String page = Files.readString(html);
        int spans = page.split("<span title=", -1).length - 1;
        assertEquals(a.tokens().size() + learn.textIds("I <3 it & so on").length, spans);
        assertTrue(page.contains(">xxunk</span>") && !page.contains("<3"), page);
        assertTrue(page.contains("<span title=\"1.000\" style=\"background-color: rgba(0, 104, 55, 0.5);\">"), page);
    }
}
