package org.fastdjl.collab.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.util.Warnings;
import org.fastdjl.tabular.data.TabularCsv;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A ratings file read by Tablesaw's own reader (which trims unquoted fields) and by {@link TabularCsv}
 * (which keeps them, as pandas) gives the same users, items, split and predictions; a table of mostly
 * unknown users warns once. The file is the repository's {@code movie_lens_tiny} with user ids written
 * as {@code " u<id>"}, so the two readers see different text.
 */
class ReaderEquivalenceTest {

    private static Path spacedRatings() throws IOException {
        Path src = Path.of(System.getProperty("fastdjl.root", ".")).resolve("src-test-data/movie_lens_tiny/ratings.csv");
        List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            out.add(" u" + line.replaceFirst(",", ", "));
        }
        Path file = TestData.tempDir().resolve("ratings.csv");
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }

    private static float[] validPreds(Table ratings) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        CollabDataBunch data = CollabDataBunch.fromTable(ratings).optSeed(42).build();
        try (CollabLearner learn = Collab.learner(data).optNFactors(10).optYRange(0f, 5.5f).optSilent(true).build()) {
            learn.fitOneCycle(1, 5e-3);
            return learn.getPreds(DatasetType.VALID).values();
        }
    }

    @Test
    void bothReadersGiveTheSameClassesAndPredictions() throws IOException {
        Path csv = spacedRatings();
        Table pandasLike = TabularCsv.read(csv);
        Table tablesaw = Table.read().csv(csv.toFile());
        assertEquals(" u1", pandasLike.stringColumn("userId").get(0));
        assertEquals("u1", tablesaw.stringColumn("userId").get(0));

        CollabDataBunch a = CollabDataBunch.fromTable(pandasLike).optSeed(42).build();
        CollabDataBunch b = CollabDataBunch.fromTable(tablesaw).optSeed(42).build();
        assertEquals(a.users().classes(), b.users().classes());
        assertEquals(a.items().classes(), b.items().classes());
        assertTrue(a.users().classes().contains("u1"), a.users().toString());
        assertArrayEquals(validPreds(pandasLike), validPreds(tablesaw));

        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        try (CollabLearner learn = Collab.learner(a).optNFactors(10).optSilent(true).build()) {
            assertArrayEquals(learn.predict(pandasLike.inRange(0, 20), true), learn.predict(tablesaw.inRange(0, 20), true),
                    "a model trained on one reader's table predicts the other's rows alike");
            assertEquals(learn.predict(" u1", 9), learn.predict("u1", 9));
        }
    }

    @Test
    void mostlyUnknownUsersWarnOnce() throws IOException {
        Table ratings = TabularCsv.read(spacedRatings());
        List<String> warnings = new ArrayList<>();
        Consumer<String> previous = Warnings.setSink(warnings::add);
        try {
            CollabDataBunch data = CollabDataBunch.fromTable(ratings).optSeed(42).build();
            assertEquals(List.of(), warnings, "a random split leaves few validation users unseen");
            Table others = ratings.inRange(0, 10);
            for (int r = 0; r < 10; r++) {
                others.stringColumn("userId").set(r, "U" + (r + 1));
            }
            data.encode(others, false);
            data.encode(others, false);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("column 'userId': 10 of 10 values (100%)"), warnings.get(0));
            assertTrue(warnings.get(0).contains("'U1' (closest known 'u1')"), warnings.get(0));
        } finally {
            Warnings.setSink(previous);
        }
    }
}
