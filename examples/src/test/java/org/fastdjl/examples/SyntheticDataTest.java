package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The committed files in {@code src-test-data/} are exactly what {@link SyntheticData} generates. */
class SyntheticDataTest {

    static Path testData() {
        return Path.of(System.getProperty("user.dir")).getParent().resolve("src-test-data");
    }

    @Test
    void committedFilesEqualTheGenerator() throws IOException {
        assertEquals(SyntheticData.ratings(100, 80, 7), Files.readString(testData().resolve("movie_lens_tiny/ratings.csv")),
                "run ./fastdjl generate-data and commit src-test-data/");
        assertEquals(SyntheticData.adult(SyntheticData.ADULT_TINY_ROWS, 11),
                Files.readString(testData().resolve("adult_tiny/adult.csv")),
                "run ./fastdjl generate-data and commit src-test-data/");
    }
}
