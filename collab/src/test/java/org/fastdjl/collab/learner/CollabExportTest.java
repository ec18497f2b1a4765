package org.fastdjl.collab.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.collab.Ratings;
import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.core.ForkedJvm;
import org.fastdjl.core.TestData;
import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.learner.Learners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A collab learner exported, then loaded in a new JVM with no ratings: the same predictions, bit for bit. */
class CollabExportTest {

    private static final int[] USERS = {1, 2, 30, 999, 7};
    private static final int[] ITEMS = {101, 120, 105, 101, 4242};
    private static CollabLearner learn;
    private static Path export;

    @BeforeAll
    static void trainAndExport() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        CollabDataBunch data = CollabDataBunch.fromTable(Ratings.planted(30, 20, 7)).optSeed(42).optBs(32).build();
        learn = Collab.learner(data).optNFactors(8).optYRange(0f, 5.5f).optSilent(true).optPath(TestData.tempDir())
                .build();
        learn.fitOneCycle(3, 5e-2);
        export = learn.export();
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    static Table pairs() {
        return Table.create("pairs", IntColumn.create("userId", USERS), IntColumn.create("movieId", ITEMS));
    }

    static List<String> bits(float[] values) {
        List<String> out = new ArrayList<>();
        for (float v : values) {
            out.add(Integer.toHexString(Float.floatToRawIntBits(v)));
        }
        return out;
    }

    /**
     * The other JVM: loads the export and prints the bits of {@code predict(user, item)} for the known
     * pairs and of {@code predict(Table)} for all pairs (unknown ones as {@code #na#}).
     *
     * @param args the export
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (CollabLearner loaded = Learners.load(Path.of(args[0]), CollabLearner.class)) {
            System.out.println(String.join(" ", bits(new float[] {loaded.predict(1, 101), loaded.predict(30, 105)})));
            System.out.println(String.join(" ", bits(loaded.predict(pairs()))));
        }
    }

    @Test
    void exportLoadedInANewJvmPredictsTheSameBits() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Xmx256m"), CollabExportTest.class.getName(), 120,
                export.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(String.join(" ", bits(new float[] {learn.predict(1, 101), learn.predict(30, 105)})), lines.get(0));
        assertEquals(String.join(" ", bits(learn.predict(pairs()))), lines.get(1));
    }

    @Test
    void unseenUsersAndItemsPredictAsNaAndCsvFieldsFindTheirClasses() throws IOException {
        try (CollabLearner loaded = Learners.load(export, CollabLearner.class)) {
            float[] p = loaded.predict(pairs());
            float[] na = loaded.predict(Table.create("na", IntColumn.create("userId", new int[] {0}),
                    IntColumn.create("movieId", new int[] {101})));
            assertEquals(na[0], p[3], 0f, "user 999 was never seen: #na#");
            assertThrows(IllegalArgumentException.class, () -> loaded.predict(999, 101), "strict predict(user, item)");
            Path dir = TestData.tempDir();
            Path in = dir.resolve("pairs.csv");
            Files.writeString(in, "movieId,userId\n101,1\n105,30.0\n101,999\n,2\n");
            Path out = dir.resolve("preds.csv");
            assertEquals(4, CsvPredict.run(loaded, in, out, 3, Map.of()).rows());
            List<String> lines = Files.readAllLines(out);
            assertEquals("movieId,userId,prediction", lines.get(0));
            assertEquals("101,1," + loaded.predict(1, 101), lines.get(1));
            assertEquals("105,30.0," + loaded.predict(30, 105), lines.get(2), "30.0 is user 30");
            assertEquals("101,999," + na[0], lines.get(3));
            Files.writeString(in, "user,item\n1,101\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CsvPredict.run(loaded, in, out, 3, Map.of()));
            assertTrue(e.getMessage().contains("has no columns 'userId', 'movieId'"), e.getMessage());
        }
    }

    @Test
    void anEmbeddingNnRoundTripsToo() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(8);
        CollabDataBunch data = CollabDataBunch.fromTable(Ratings.planted(20, 10, 8)).optSeed(1).optBs(16).build();
        try (CollabLearner nn = Collab.learner(data).optUseNn(true).optLayers(16).optPs(0.1f).optYRange(0f, 5.5f)
                .optSilent(true).build()) {
            nn.fit(1, 1e-2);
            Path file = nn.export(TestData.tempDir().resolve("nn.fdjl"));
            try (CollabLearner loaded = Learners.load(file, CollabLearner.class)) {
                assertArrayEquals(nn.predict(pairs()), loaded.predict(pairs()));
                assertEquals(nn.stateDict().keySet(), loaded.stateDict().keySet());
            }
        }
    }
}
