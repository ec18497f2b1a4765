package org.fastdjl.collab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.collab.Ratings;
import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.NumpyRandom;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

class CollabDataBunchTest {

    @Test
    void splitIsFastaisSeededPermutationAndClassesComeFromTrain() {
        Table t = Ratings.planted(10, 8, 1);
        CollabDataBunch data = CollabDataBunch.fromTable(t).optSeed(42).optBs(16).build();
        int n = t.rowCount();
        int cut = (int) (0.2 * n);
        assertEquals(cut, data.validDs().size());
        assertEquals(n - cut, data.trainDs().size());
        // valid rows are np.random.permutation(n)[:cut] in that order
        int[] perm = new NumpyRandom(42).permutation(n);
        for (int k = 0; k < cut; k++) {
            int row = perm[k];
            assertEquals(data.users().indexOf(CategoryMap.key(t.intColumn("userId").get(row))),
                    (int) data.validDs().x().get(0).value(k, 0));
        }
        assertEquals("#na#", data.users().classes().get(0));
        assertEquals(List.of("#na#", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), data.users().classes());
        assertEquals(1, data.c());
    }

    @Test
    void anItemOnlyInValidationMapsToNa() {
        IntColumn u = IntColumn.create("u", new int[] {1, 1, 2, 2, 3});
        StringColumn i = StringColumn.create("i", new String[] {"a", "b", "a", "b", "zzz"});
        DoubleColumn r = DoubleColumn.create("r", new double[] {1, 2, 3, 4, 5});
        Table t = Table.create("t", u, i, r);
        // validPct 0.2 of 5 rows = 1 row: np.random.seed(0); permutation(5)[0] is row 2
        CollabDataBunch data = CollabDataBunch.fromTable(t).optValidPct(0.2).optSeed(0).build();
        int validRow = new NumpyRandom(0).permutation(5)[0];
        Table only = t.dropRows(java.util.stream.IntStream.range(0, 5).filter(x -> x != validRow).toArray());
        int[][] codes = data.encode(only, false);
        String item = i.get(validRow);
        boolean seenInTrain = !item.equals("zzz") && data.items().indexOf(item) > 0;
        assertEquals(seenInTrain ? data.items().indexOf(item) : 0, codes[1][0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> data.encode(Table.create("x", IntColumn.create("u", new int[] {99}),
                        StringColumn.create("i", new String[] {"a"})), true));
        assertTrue(e.getMessage().startsWith("row index 0 of table 'x', user column 'u': '99' was not in the training data"),
                e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        Table empty = Table.create("e", IntColumn.create("u"), IntColumn.create("i"), DoubleColumn.create("r"));
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> CollabDataBunch.fromTable(empty).build());
        assertTrue(e1.getMessage().contains("empty"), e1.getMessage());

        Table t = Ratings.planted(3, 3, 2);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> CollabDataBunch.fromTable(t).optRatingName("stars").build());
        assertTrue(e2.getMessage().contains("no rating column 'stars'")
                && e2.getMessage().contains("[userId, movieId, rating]"), e2.getMessage());

        Table text = Table.create("t", IntColumn.create("u", new int[] {1, 2, 3}),
                IntColumn.create("i", new int[] {1, 2, 3}), StringColumn.create("r", new String[] {"4", "x5", "3"}));
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> CollabDataBunch.fromTable(text).build());
        assertEquals("row index 1 of table 't', rating column 'r': 'x5' is not a number", e3.getMessage());

        DoubleColumn missing = DoubleColumn.create("r", new double[] {4, 3, 2});
        missing.setMissing(2);
        Table withNa = Table.create("t", IntColumn.create("u", new int[] {1, 2, 3}),
                IntColumn.create("i", new int[] {1, 2, 3}), missing);
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> CollabDataBunch.fromTable(withNa).build());
        assertTrue(e4.getMessage().startsWith("row index 2 of table 't', rating column 'r': the rating is missing"), e4.getMessage());
    }

    @Test
    void showBatchDecodesUsersAndItems() {
        CollabDataBunch data = CollabDataBunch.fromTable(Ratings.planted(5, 5, 3)).optSeed(1).optBs(8).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        data.showBatch(3, org.fastdjl.core.data.DatasetType.VALID, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("userId  movieId  target"), lines[0]);
        String[] first = lines[1].trim().split("\\s+");
        assertTrue(Integer.parseInt(first[0]) >= 1 && Integer.parseInt(first[1]) >= 101, Arrays.toString(first));
    }

    @Test
    void stringRatingsThatAreNumbersAreAccepted() {
        Table t = Table.create("t", IntColumn.create("u", new int[] {1, 2, 3, 4, 5}),
                IntColumn.create("i", new int[] {1, 2, 3, 4, 5}),
                StringColumn.create("r", new String[] {"4", "3.5", " 2 ", "1", "5"}));
        CollabDataBunch data = CollabDataBunch.fromTable(t).optValidPct(0).build();
        float[] y = new float[5];
        for (int k = 0; k < 5; k++) {
            y[k] = (float) data.trainDs().y().get(0).value(k, 0);
        }
        assertArrayEquals(new float[] {4, 3.5f, 2, 1, 5}, y);
    }

    @Test
    void noValidationSetTrainsAndPrintsNa() {
        CollabDataBunch data = CollabDataBunch.fromTable(Ratings.planted(6, 5, 4)).optValidPct(0).optSeed(1).optBs(8)
                .build();
        assertEquals(0, data.validDs().size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (org.fastdjl.collab.learner.CollabLearner learn = org.fastdjl.collab.learner.Collab.learner(data)
                .optNFactors(3).build()) {
            learn.fit(2, 1e-2);
            assertTrue(Double.isNaN(learn.recorder().valLosses()[1]));
        } finally {
            System.setOut(previous);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[1].matches("0 +\\d+\\.\\d{6} +#na# +\\d\\d:\\d\\d"), "fastai prints #na#: " + lines[1]);
    }
}
