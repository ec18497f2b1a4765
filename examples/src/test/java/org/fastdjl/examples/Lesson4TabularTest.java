package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

import org.fastdjl.core.TestData;

/** {@code ./fastdjl lesson4-tabular} end to end on the generated {@code adult_tiny} data. */
class Lesson4TabularTest {

    @Test
    void runsTheNotebookOnAdultTiny() throws Exception {
        Path out = TestData.tempDir();
        Path report = out.resolve("report.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            rc = Main.run(new String[] {"lesson4-tabular", "--data",
                SyntheticDataTest.testData().resolve("adult_tiny").toString(), "--out", out.toString(),
                "--report", report.toString(), "--epochs", "3"});
        } finally {
            System.setOut(stdout);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        stdout.print(text);
        assertEquals(0, rc, text);
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("workclass") && lines[0].endsWith("target"), "show_batch header: " + lines[0]);
        assertTrue(text.contains("epoch     train_loss  valid_loss  accuracy  time"), "the results table");
        assertTrue(text.matches("(?s).*\\(Category (<50k|>=50k), tensor\\([01]\\), tensor\\(\\[0\\.\\d{4}, 0\\.\\d{4}\\]\\)\\).*"),
                "predict printed as fastai does");
        assertTrue(text.contains("test set predictions: (200, 2)"), "getPreds on the test set");
        assertTrue(text.contains("learner exported to " + out.resolve("export.fdjl")), "learn.export() at the end");
        assertTrue(Files.size(out.resolve("export.fdjl")) > 1000);
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals(3, json.getAsJsonArray("epochs").size());
        JsonObject last = json.getAsJsonArray("epochs").get(2).getAsJsonObject();
        double accuracy = last.get("accuracy").getAsDouble();
        // 3 epochs (fit(3, 1e-2)) measured 0.825 to 0.845; one epoch on 28 batches varies too much to test
        assertTrue(accuracy > 0.75, "the generated salary rule is learnable: accuracy " + accuracy);
        assertTrue(json.get("peak_rss_mb").getAsDouble() > 0);
    }

    @Test
    void aMissingFolderIsAClearError() {
        int rc = Main.run(new String[] {"lesson4-tabular", "--data", "/nonexistent/adult"});
        assertEquals(2, rc, "bad input exits with 2 and a message");
    }
}
