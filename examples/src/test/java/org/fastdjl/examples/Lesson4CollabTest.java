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
import java.util.List;
import java.util.Locale;
import java.util.Random;

class Lesson4CollabTest {

    private static String capture(ThrowingRunnable r) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void sampleLayoutRunsEndToEndAndWritesTheSharedReport() throws Exception {
        ai.djl.engine.Engine.getInstance().setRandomSeed(0);
        Path dir = TestData.tempDir();
        Path report = dir.resolve("report.json");
        Path data = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "movie_lens_tiny");
        String out = capture(() -> assertEquals(0, Lesson4Collab.run(List.of("--data", data.toString(),
                "--out", dir.resolve("out").toString(), "--report", report.toString()))));
        assertTrue(out.contains("epoch     train_loss  valid_loss  time"), out);
        assertTrue(Files.size(dir.resolve("out/lr_find.png")) > 1000);
        assertTrue(out.contains("learner exported to " + dir.resolve("out").resolve("export.fdjl")), out);
        assertTrue(Files.size(dir.resolve("out/export.fdjl")) > 1000, "the lesson ends with learn.export()");
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        JsonArray epochs = json.getAsJsonArray("epochs");
        assertEquals(3, epochs.size());
        JsonObject first = epochs.get(0).getAsJsonObject();
        assertEquals(1, first.get("epoch").getAsInt());
        for (String k : List.of("train_loss", "valid_loss", "seconds")) {
            assertTrue(first.has(k), k);
        }
        assertTrue(json.get("peak_rss_mb").getAsDouble() > 50);
        double v0 = first.get("valid_loss").getAsDouble();
        double v2 = epochs.get(2).getAsJsonObject().get("valid_loss").getAsDouble();
        assertTrue(v2 < v0, "valid loss should fall: " + v0 + " -> " + v2);
    }

    /** Writes a small MovieLens 100k layout: u.data (tab-separated, no header) and u.item ('|', Latin-1). */
    private static Path write100k(Path dir) throws Exception {
        Random r = new Random(3);
        StringBuilder data = new StringBuilder();
        for (int u = 1; u <= 30; u++) {
            for (int m = 1; m <= 25; m++) {
                if (r.nextDouble() < 0.7) {
                    int rating = 1 + (int) Math.max(0, Math.min(4, Math.round(2.5 + (u % 5 - 2) * 0.4 + (m % 4 - 1.5) * 0.6
                            + r.nextGaussian() * 0.5)));
                    data.append(u).append('\t').append(m).append('\t').append(rating).append('\t')
                            .append(874965758 + r.nextInt(1000000)).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("u.data"), data);
        StringBuilder items = new StringBuilder();
        for (int m = 1; m <= 25; m++) {
            // a Latin-1 title, as in u.item ("Café" is 0xE9 there)
            String title = (m == 3 ? "Caf\u00e9 Society" : "Movie " + m) + " (19" + (70 + m) + ")";
            items.append(String.format(Locale.ROOT, "%d|%s|01-Jan-19%d||http://example.org/%d|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0%n",
                    m, title, 70 + m, m));
        }
        Files.write(dir.resolve("u.item"), items.toString().getBytes(StandardCharsets.ISO_8859_1));
        return dir;
    }

    @Test
    void movieLens100kLayoutRunsTheNotebooksSecondPart() throws Exception {
        Path dir = write100k(Files.createDirectories(TestData.tempDir().resolve("ml-100k")));
        Path outDir = TestData.tempDir();
        String out = capture(() -> assertEquals(0, Lesson4Collab.run(List.of("--data", dir.toString(),
                "--out", outDir.toString(), "--no-lr-find"))));
        assertTrue(out.contains("title"), out);
        assertTrue(out.contains("Caf\u00e9 Society (1973)"), "Latin-1 titles must decode: " + out);
        assertTrue(out.contains("Movies with the lowest bias (bias, title, mean rating):"), out);
        assertTrue(out.contains("Movies with the highest bias:"), out);
        assertTrue(out.contains("Factor 0, highest:") && out.contains("Factor 1, lowest:"), out);
        assertTrue(Files.exists(outDir.resolve("models/dotprod.safetensors")));
        assertTrue(Files.size(outDir.resolve("movie_pca.png")) > 1000);
        // 5 epochs of fit_one_cycle(5, 5e-3)
        assertEquals(5, out.lines().filter(l -> l.matches("^[0-4]\\s+\\d+\\.\\d{6}\\s+\\d+\\.\\d{6}\\s+\\d\\d:\\d\\d$")).count(),
                out);
    }

    @Test
    void aBadUItemLineIsNamed() throws Exception {
        Path dir = write100k(Files.createDirectories(TestData.tempDir().resolve("ml-100k")));
        Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|x\nabc|Broken|y\n");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Lesson4Collab.readUItem(dir.resolve("u.item")));
        assertTrue(e.getMessage().endsWith("u.item, line 2: movie id 'abc' is not a number"), e.getMessage());
    }

    @Test
    void spreadsheetLossFalls() throws Exception {
        Path data = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "movie_lens_tiny");
        String out = capture(() -> assertEquals(0, CollabSpreadsheet.run(List.of("--data", data.toString(),
                "--steps", "150"))));
        List<Double> rmse = out.lines().filter(l -> l.startsWith("step"))
                .map(l -> Double.parseDouble(l.substring(l.indexOf("rmse") + 4).trim())).toList();
        assertTrue(rmse.size() >= 10, out);
        assertTrue(rmse.get(rmse.size() - 1) < 0.5 * rmse.get(0), "RMSE should at least halve: " + rmse);
    }

    @Test
    void unknownCommandsAndOptionsExitWith2() {
        assertEquals(2, Main.run(new String[] {"no-such-command"}));
        assertEquals(2, Main.run(new String[] {"lesson4-collab", "--bogus", "1"}));
    }
}
