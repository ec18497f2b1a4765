package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IMDB lesson end to end (language model, classifier, export, batch prediction) on the embedded reviews,
 * from scratch and from a folder that {@code pretrain-lm} wrote on a generated WikiText-style corpus, and on
 * a generated folder tree in the full IMDB layout.
 */
class Lesson4ImdbTest {

    private static final Path TINY = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "imdb_tiny");

    private static String run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }

    /** A corpus in WikiText's layout: " = Title = " lines after a blank line start an article. */
    static void writeCorpus(Path dir, int articles) throws Exception {
        Files.createDirectories(dir);
        for (String split : List.of("train", "valid")) {
            StringBuilder sb = new StringBuilder();
            List<String> reviews = new ArrayList<>(List.of(SyntheticData.reviews(articles, split.equals("train") ? 1 : 2)
                    .split("\n")));
            for (int a = 1; a < Math.min(articles, reviews.size()); a++) {
                sb.append(" \n = Article ").append(a).append(" = \n \n");
                sb.append(' ').append(reviews.get(a).replace("\"", "").replace("<br />", " "))
                        .append(" <unk> \n");
            }
            Files.writeString(dir.resolve("wiki." + split + ".tokens"), sb.toString());
        }
    }

    @Test
    void theLanguageModelStepsRunFromScratchAndFromAPretrainedFolder() throws Exception {
        Path out = TestData.tempDir();
        Path report = out.resolve("report.json");
        String text = run("lesson4-imdb", "--data", TINY.toString(), "--size", "tiny", "--epochs", "1", "--out",
                out.resolve("scratch").toString(), "--report", report.toString(), "--no-lr-find");
        assertTrue(text.contains("vocab 168, bs 64, bptt 70"), text);
        assertTrue(text.contains("epoch     train_loss  valid_loss  accuracy  perplexity  time"), text);
        assertEquals(2, text.split("I liked this movie because ", -1).length - 1, "two predictions: " + text);
        assertTrue(Files.exists(out.resolve("scratch/models/fine_tuned_enc.safetensors")));
        JsonObject r = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        JsonArray epochs = r.getAsJsonArray("epochs");
        assertEquals(2 + 10, epochs.size(), "LM: fit_one_cycle(1) frozen, then 1 epoch unfrozen; classifier: the "
                + "tiny recipe's 2 + 2 + 2 + 4 epochs");
        assertEquals("lm", epochs.get(1).getAsJsonObject().get("stage").getAsString());
        assertTrue(epochs.get(1).getAsJsonObject().has("perplexity"));
        JsonObject last = epochs.get(11).getAsJsonObject();
        assertEquals("classifier", last.get("stage").getAsString());
        // the classifier learns the embedded reviews: the validation set's majority class is 0.55
        assertTrue(last.get("accuracy").getAsDouble() >= 0.8, last.toString());
        assertTrue(text.contains("predict(\"I really loved that movie, it was awesome!\") = (Category "), text);
        assertTrue(text.contains("actual \\ predicted  negative  positive"), text);
        for (String f : List.of("export.fdjl", "confusion_matrix.png", "attention.html", "models/first.safetensors",
                "models/third.safetensors")) {
            assertTrue(Files.exists(out.resolve("scratch").resolve(f)), f);
        }
        // the exported classifier predicts a CSV of reviews in another command
        Path preds = out.resolve("preds.csv");
        run("predict", "--model", out.resolve("scratch/export.fdjl").toString(), "--input",
                TINY.resolve("texts.csv").toString(), "--text-col", "text", "--out", preds.toString());
        List<String> lines = Files.readAllLines(preds);
        assertEquals("label,text,is_valid,prediction,p_negative,p_positive", lines.get(0));
        long right = lines.stream().skip(1).filter(l -> l.startsWith("positive,") && l.contains(",positive,")
                || l.startsWith("negative,") && l.contains(",negative,")).count();
        assertTrue(right >= 160, right + " of 200 reviews predicted right");

        Path corpus = out.resolve("corpus");
        writeCorpus(corpus, 60);
        Path pre = out.resolve("pre");
        String p = run("pretrain-lm", "--data", corpus.toString(), "--size", "tiny", "--epochs", "1", "--out",
                pre.toString(), "--bs", "8");
        assertTrue(p.contains("pretrained language model written to " + pre), p);
        for (String f : List.of("weights.safetensors", "itos.json", "config.json")) {
            assertTrue(Files.exists(pre.resolve(f)), f);
        }
        Path report2 = out.resolve("report2.json");
        String fine = run("lesson4-imdb", "--data", TINY.toString(), "--pretrained", pre.toString(), "--epochs", "1",
                "--out", out.resolve("fine").toString(), "--report", report2.toString(), "--no-lr-find");
        assertTrue(fine.contains("before fine-tuning"), fine);
        assertTrue(fine.contains("module=AWD_LSTM(vocab=168, emb 64, hidden 128, 2 layers)"), "the classifier takes the"
                + " pretrained model's sizes: " + fine);
        JsonObject before = JsonParser.parseString(Files.readString(report2)).getAsJsonObject()
                .getAsJsonObject("validate_before_fit");
        assertTrue(before.get("valid_loss").getAsDouble() > 0 && before.has("accuracy"), before.toString());
    }

    @Test
    void fastaisFullImdbFolderLayoutIsDetected() throws Exception {
        Path imdb = TestData.tempDir().resolve("imdb");
        String[] lines = SyntheticData.reviews(100, 5).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String label = lines[i].startsWith("positive") ? "pos" : "neg";
            String text = lines[i].substring(lines[i].indexOf(',') + 2, lines[i].lastIndexOf(',') - 1)
                    .replace("\"\"", "\"");
            String folder = i <= 50 ? "train/" + label : i <= 80 ? "test/" + label : "unsup";
            Files.createDirectories(imdb.resolve(folder));
            Files.writeString(imdb.resolve(folder).resolve(i + "_7.txt"), text);
        }
        Path out = TestData.tempDir();
        String text = run("lesson4-imdb", "--data", imdb.toString(), "--size", "tiny", "--epochs", "1", "--out",
                out.toString(), "--no-lr-find");
        // the LM reads train, test and unsup with a 10% random validation; the classifier train, validated on test
        assertTrue(text.contains("language model data: train 90 texts") && text.contains("valid 10 ("), text);
        assertTrue(text.contains("classifier data: train 50 texts, valid 30, classes [neg, pos], bs 8"), text);
        assertTrue(Files.exists(out.resolve("export.fdjl")));
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path out = TestData.tempDir();
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run(new String[] {"pretrain-lm", "--data", out.toString()}));
            assertEquals(2, Main.run(new String[] {"lesson4-imdb", "--data", TINY.toString(), "--pretrained",
                    out.resolve("missing").toString(), "--out", out.toString()}));
            assertEquals(2, Main.run(new String[] {"lesson4-imdb", "--data", out.toString(), "--out", out.toString()}));
        } finally {
            System.setErr(oldErr);
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("has no wiki.train.tokens"), e);
        assertTrue(e.contains("missing") && e.contains("no pretrained language-model folder here"), e);
        assertTrue(e.contains("holds neither texts.csv") && e.contains("train/{neg,pos}"), e);
        assertEquals(3, e.strip().split("\n").length, e);
    }
}
