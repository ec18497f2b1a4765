package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.fastdjl.text.transform.CsvTexts;
import org.fastdjl.text.transform.TokenJson;
import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Commands that need no tensors never touch DJL or libtorch: {@code tokenize} runs in a JVM whose class
 * path has no DJL jar at all (no API, no PyTorch engine, no native libtorch, no JNA), so any use of them
 * would end the command with a {@code NoClassDefFoundError}. ({@code help} loads every command's class
 * to list them, DJL's classes with the lessons', but never libtorch: no tensor command, no preload.)
 */
class TokenizeWithoutDjlTest {

    private static final Path TINY = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "imdb_tiny",
            "texts.csv");

    private static List<String> withoutDjl() throws Exception {
        List<String> kept = new ArrayList<>();
        int removed = 0;
        for (String entry : ForkedJvm.classPath()) {
            String e = entry.replace(File.separatorChar, '/');
            if (e.contains("/ai/djl/") || e.contains("/net/java/dev/jna/")) {
                removed++;
            } else {
                kept.add(entry);
            }
        }
        assertTrue(removed >= 4, "the test class path should hold DJL's api, engine, jni and native jars: " + removed);
        return kept;
    }

    private static ForkedJvm.Result main(List<String> classPath, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ForkedJvm.java(), "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dai.djl.offline=true", "-cp", String.join(File.pathSeparator, classPath),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return ForkedJvm.run(cmd, Map.of());
    }

    @Test
    void tokenizeRunsWithLibtorchAndDjlAbsentFromTheClassPath() throws Exception {
        List<String> cp = withoutDjl();
        for (String entry : cp) {
            assertFalse(entry.contains("/ai/djl/") || entry.contains("pytorch"), entry);
        }
        Path out = TestData.tempDir().resolve("tokens.jsonl");
        ForkedJvm.Result r = main(cp, "tokenize", "--csv", TINY.toString(), "--text-col", "text", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertFalse(r.stderr().contains("NoClassDefFoundError"), r.stderr());

        // the same tokens as the tokenizer gives in this (DJL-equipped) JVM
        List<String> texts = CsvTexts.readColumn(TINY, "text");
        List<String> expected = new ArrayList<>();
        for (List<String> doc : new TokenizeProcessor(new Tokenizer()).processTexts(texts)) {
            expected.add(TokenJson.toJson(doc));
        }
        assertEquals(expected, Files.readAllLines(out, StandardCharsets.UTF_8));
    }

    @Test
    void aTensorCommandDoesFailWithoutDjl() throws Exception {
        // the filter does remove what the tensor commands need: the check above can fail
        List<String> cp = withoutDjl();
        Path ratings = TINY.getParent().getParent().resolve("movie_lens_tiny");
        ForkedJvm.Result collab = main(cp, "collab-spreadsheet", "--data", ratings.toString(), "--steps", "1");
        assertNotEquals(0, collab.exitCode(), collab.stdout() + collab.stderr());
        assertTrue(collab.stderr().contains("ai/djl"), collab.stderr());
    }
}
