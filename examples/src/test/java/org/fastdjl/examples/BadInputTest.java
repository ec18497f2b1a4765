package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every bad input found in issue 10 exits with 2 and one line naming the file, line or option and what
 * was expected: never a stack trace, never {@code null}.
 */
class BadInputTest {

    private static void failsWith(String expected, String... args) {
        CommandLineTest.Run r = CommandLineTest.run(args);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("[")).toList(); // [thread] log lines aside
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals(1, lines.size(), "one line: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("fastdjl " + args[0] + ": "), line);
        assertTrue(line.contains(expected), "'" + expected + "' not in: " + line);
        assertFalse(line.contains("null") || line.contains("Exception") || line.contains("\tat "), line);
    }

    private static Path folderWith(String name, byte[] content) throws IOException {
        Path dir = TestData.tempDir();
        Files.write(dir.resolve(name), content);
        return dir;
    }

    private static byte[] adultRows(int rows) throws IOException {
        Path csv = Lessons.repoRoot().resolve("src-test-data/adult_tiny/adult.csv");
        List<String> lines = Files.readAllLines(csv);
        return (String.join("\n", lines.subList(0, rows + 1)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tabularDataTooSmallEmptyOrNotUtf8() throws IOException {
        failsWith("has 500 data rows; the lesson takes rows 800-999 for validation and test, so it needs at least "
                + "1,000 rows", "lesson4-tabular", "--data", folderWith("adult.csv", adultRows(500)).toString());
        failsWith("adult.csv: the file is empty", "lesson4-tabular", "--data", folderWith("adult.csv", new byte[0])
                .toString());
        byte[] latin = "age,workclass,salary\n49,caf\u00e9,<50k\n".getBytes(StandardCharsets.ISO_8859_1);
        failsWith("adult.csv: not UTF-8 text: byte 0xE9 on line 2, column 7", "lesson4-tabular", "--data",
                folderWith("adult.csv", latin).toString());
    }

    @Test
    void collabRatingsRaggedBinaryOrAFolder() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(
                Lessons.repoRoot().resolve("src-test-data/movie_lens_tiny/ratings.csv")).subList(0, 20));
        lines.set(10, "1,2,3"); // the 11th line of the file
        byte[] ragged = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        failsWith("ratings.csv, line 11: 3 fields; the header has 4", "lesson4-collab", "--data",
                folderWith("ratings.csv", ragged).toString());
        byte[] binary = new byte[600];
        new java.util.Random(1).nextBytes(binary);
        failsWith("ratings.csv: not UTF-8 text", "lesson4-collab", "--data", folderWith("ratings.csv", binary).toString());
        Path dir = TestData.tempDir();
        Files.createDirectory(dir.resolve("ratings.csv"));
        failsWith("ratings.csv: is a folder; expected a CSV file", "lesson4-collab", "--data", dir.toString());
        failsWith("ratings.csv, line 11: 3 fields", "collab-spreadsheet", "--data",
                folderWith("ratings.csv", ragged).toString());
    }

    @Test
    void badOptionValuesNameTheOptionAndWhatIsExpected() {
        failsWith("--steps must be a whole number >= 1, got '-5'", "collab-spreadsheet", "--steps", "-5");
        failsWith("--arch must be one of simple_cnn, resnet18, resnet34, got 'vgg'", "vision-bridge", "--arch", "vgg");
        failsWith("--runs must be a whole number >= 1, got '0'", "bench-collab", "--runs", "0");
        failsWith("--lr must be a finite number > 0, got 'fast'", "lesson4-collab", "--lr", "fast");
        failsWith("--epochs needs a value: --epochs N", "lesson4-collab", "--epochs");
        failsWith("--data /no/such/folder: no such folder", "lesson4-tabular", "--data", "/no/such/folder");
        failsWith("unexpected argument 'adult.csv'", "lesson4-tabular", "adult.csv");
    }

    @Test
    void benchmarkRowsNeverSayNull() {
        assertFalse(Benchmarks.referenceName().contains("null"), Benchmarks.referenceName());
    }
}
