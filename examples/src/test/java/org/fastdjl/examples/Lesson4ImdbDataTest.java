package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

/** The IMDB data example on the embedded reviews: both data bunches, save, then load without tokenizing. */
class Lesson4ImdbDataTest {

    private static final Path TINY = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "imdb_tiny");

    private static String run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Lesson4ImdbData.run(List.of(args)));
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        return out;
    }

    @Test
    void buildsSavesAndReloadsTheLanguageModelDataThenTheClassifierData() throws Exception {
        Path out = TestData.tempDir();
        String first = run("--data", TINY.toString(), "--out", out.toString());
        assertTrue(first.contains("tokenized and numericalized 200 reviews"), first);
        assertTrue(first.contains("language model: train 160 reviews"), first);
        assertTrue(first.contains("vocab size: 168"), first);
        assertTrue(first.contains("batches: train 3, valid 1 (bs 64, bptt 70)"), first);
        assertTrue(first.contains("idx  text\n0    xxbos"), first);
        assertTrue(first.contains("classes [negative, positive], same vocab object as the language model: true"), first);
        assertTrue(first.contains("batches: train 5, valid 2 (bs 32)"), first);
        assertTrue(Files.size(out.resolve("data_lm.fdjl")) > 1000);

        String second = run("--data", TINY.toString(), "--out", out.toString());
        assertTrue(second.contains("loaded the processed language-model data"), second);
        assertFalse(second.contains("tokenized and numericalized"), second);
        assertTrue(second.contains("vocab size: 168"), second);

        String fresh = run("--data", TINY.toString(), "--out", out.toString(), "--fresh");
        assertTrue(fresh.contains("tokenized and numericalized"), fresh);
    }

    @Test
    void embeddedReviewsAreWhatTheGeneratorWrites() throws Exception {
        assertEquals(SyntheticData.reviews(200, 11), Files.readString(TINY.resolve("texts.csv")));
    }

    @Test
    void registeredAndBadInputExitsWith2() throws Exception {
        assertEquals(2, Main.run(new String[] {"lesson4-imdb-data", "--data", TestData.tempDir().toString()}));
        assertEquals(2, Main.run(new String[] {"lesson4-imdb-data", "--bogus"}));
    }
}
