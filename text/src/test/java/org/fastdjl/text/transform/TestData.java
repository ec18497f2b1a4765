package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared data folder (system property {@code fastdjl.data}); tests that need it skip without it. */
public final class TestData {

    private TestData() {
    }

    /** {@code imdb_sample} inside the data folder, or a skipped test when it is not there. */
    static Path imdbSample() {
        String data = System.getProperty("fastdjl.data");
        assumeTrue(data != null, "system property fastdjl.data is not set; skipping a test that needs the data");
        Path dir = Path.of(data).resolve("imdb_sample");
        assumeTrue(Files.isRegularFile(dir.resolve("texts.csv")) && Files.isRegularFile(
                dir.resolve("tokens_fastai_v1.jsonl")), "no imdb_sample/texts.csv and tokens_fastai_v1.jsonl under "
                + Path.of(data).toAbsolutePath() + "; skipping");
        return dir;
    }

    /**
     * Reads a token file: one JSON array of strings per line.
     *
     * @param file the file
     * @return the documents' tokens
     * @throws IOException if it cannot be read
     */
    public static List<List<String>> readJsonLines(Path file) throws IOException {
        Type listOfStrings = new TypeToken<List<String>>() { }.getType();
        Gson gson = new Gson();
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                out.add(gson.fromJson(line, listOfStrings));
            }
        }
        return out;
    }
}
