package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * The language-model stream: every token of the split in x, y = x shifted by one, rows that continue
 * from batch to batch, fastai's row starts and batch count, shuffling per pass for training only.
 */
class LanguageModelLoaderTest {

    /** Documents whose tokens are all different: token id = 1000 * (doc + 1) + position. */
    static TextSplit uniqueTokens(int... lengths) {
        List<int[]> docs = new ArrayList<>();
        for (int d = 0; d < lengths.length; d++) {
            int[] ids = new int[lengths[d]];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = 1000 * (d + 1) + t;
            }
            docs.add(ids);
        }
        int[] src = new int[lengths.length];
        Arrays.setAll(src, i -> i);
        return TextSplit.of(docs, null, src);
    }

    /** The stream of one pass: the documents in the loader's order, concatenated. */
    static int[] stream(TextSplit split, int[] order) {
        int[] s = new int[split.totalTokens()];
        int k = 0;
        for (int d : order) {
            for (int id : split.ids(d)) {
                s[k++] = id;
            }
        }
        return s;
    }

    /** x and y of every batch of one pass, as [batch][row][t]. */
    static long[][][][] pass(LanguageModelLoader dl, NDManager m) {
        List<long[][][]> out = new ArrayList<>();
        Iterator<Batch> it = dl.iterator(m);
        while (it.hasNext()) {
            try (Batch b = it.next()) {
                assertEquals(DataType.INT64, b.x().head().getDataType());
                assertEquals(new Shape(dl.batchSize(), dl.bptt()), b.x().head().getShape());
                assertEquals(new Shape(dl.batchSize(), dl.bptt()), b.y().head().getShape());
                long[] x = b.x().head().toLongArray();
                long[] y = b.y().head().toLongArray();
                long[][][] xy = new long[2][dl.batchSize()][];
                for (int r = 0; r < dl.batchSize(); r++) {
                    xy[0][r] = Arrays.copyOfRange(x, r * dl.bptt(), (r + 1) * dl.bptt());
                    xy[1][r] = Arrays.copyOfRange(y, r * dl.bptt(), (r + 1) * dl.bptt());
                }
                out.add(xy);
            }
        }
        return out.toArray(new long[0][][][]);
    }

    @Test
    void eachTokenExactlyOnceWhenTheStreamFillsTheBatches() {
        // 4 rows x 5 tokens x 3 batches = 60 tokens
        TextSplit split = uniqueTokens(7, 13, 1, 20, 9, 10);
        assertEquals(60, split.totalTokens());
        LanguageModelLoader dl = new LanguageModelLoader(split, 4, 5, true, new NumpyRandom(1));
        assertEquals(3, dl.numBatches());
        try (NDManager m = NDManager.newBaseManager()) {
            long[][][][] batches = pass(dl, m);
            assertEquals(3, batches.length);
            int[] counts = new int[7000];
            for (long[][][] b : batches) {
                for (long[] row : b[0]) {
                    for (long id : row) {
                        counts[(int) id]++;
                    }
                }
            }
            for (int d = 0; d < split.size(); d++) {
                for (int id : split.ids(d)) {
                    assertEquals(1, counts[id], "token " + id + " once in x per epoch");
                    counts[id] = 0;
                }
            }
            assertEquals(0, Arrays.stream(counts).sum(), "no token that is not in the split");
            checkRowsContinue(split, dl, batches);
        }
    }

    @Test
    void rowsStartWhereFastaiStartsThemAndWrapAroundTheStream() {
        // 101 tokens, bs 3, bptt 4: ceil(101 / 12) = 9 batches, rows of 36 tokens overlap at the seams
        TextSplit split = uniqueTokens(30, 0, 41, 5, 25);
        LanguageModelLoader dl = new LanguageModelLoader(split, 3, 4, false, null);
        assertEquals(9, dl.numBatches());
        try (NDManager m = NDManager.newBaseManager()) {
            long[][][][] batches = pass(dl, m);
            int[] s = stream(split, dl.lastOrder());
            double step = 101.0 / 3;
            for (int r = 0; r < 3; r++) {
                int start = (int) (step * r);
                for (int k = 0; k < batches.length; k++) {
                    for (int t = 0; t < 4; t++) {
                        assertEquals(s[(start + k * 4 + t) % 101], batches[k][0][r][t], "row " + r + " batch " + k);
                        assertEquals(s[(start + k * 4 + t + 1) % 101], batches[k][1][r][t]);
                    }
                }
            }
            int[] counts = new int[6000];
            int seen = 0;
            for (long[][][] b : batches) {
                for (long[] row : b[0]) {
                    for (long id : row) {
                        counts[(int) id]++;
                        seen++;
                    }
                }
            }
            int twice = 0;
            for (int id : s) {
                assertTrue(counts[id] >= 1, "no token is left out: " + id);
                twice += counts[id] - 1;
            }
            assertEquals(9 * 3 * 4, seen);
            assertEquals(seen - 101, twice, "only the seams' overlap is seen twice");
            checkRowsContinue(split, dl, batches);
        }
    }

    /** y is x shifted by one token; row r of batch k+1 goes on where row r of batch k stopped. */
    private static void checkRowsContinue(TextSplit split, LanguageModelLoader dl, long[][][][] batches) {
        int[] s = stream(split, dl.lastOrder());
        int[] posOf = new int[7000];
        for (int i = 0; i < s.length; i++) {
            posOf[s[i]] = i;
        }
        for (int k = 0; k < batches.length; k++) {
            for (int r = 0; r < dl.batchSize(); r++) {
                long[] x = batches[k][0][r];
                long[] y = batches[k][1][r];
                for (int t = 0; t < dl.bptt(); t++) {
                    assertEquals(s[(posOf[(int) x[t]] + 1) % s.length], y[t], "y is the next token");
                    if (t + 1 < dl.bptt()) {
                        assertEquals(x[t + 1], y[t]);
                    }
                }
                if (k + 1 < batches.length) {
                    assertEquals(y[dl.bptt() - 1], batches[k + 1][0][r][0], "row " + r + " continues into batch "
                            + (k + 1));
                }
            }
        }
    }

    @Test
    void trainingShufflesTheDocumentsEveryPassValidationNever() {
        TextSplit split = uniqueTokens(12, 8, 30, 5, 19, 22, 7, 16);
        LanguageModelLoader train = new LanguageModelLoader(split, 2, 6, true, new NumpyRandom(7));
        LanguageModelLoader valid = new LanguageModelLoader(split, 2, 6, false, null);
        try (NDManager m = NDManager.newBaseManager()) {
            long[][][][] t1 = pass(train, m);
            int[] o1 = train.lastOrder();
            long[][][][] t2 = pass(train, m);
            int[] o2 = train.lastOrder();
            assertFalse(Arrays.equals(o1, o2), "a new document order each epoch");
            assertNotEquals(Arrays.deepToString(t1), Arrays.deepToString(t2));
            int[] sorted = o2.clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, sorted, "every document in every epoch");
            // np.random.seed(7); idx = np.arange(8); np.random.shuffle(idx) -> the first order
            int[] perm = new NumpyRandom(7).permutation(8);
            assertArrayEquals(perm, o1);

            long[][][][] v1 = pass(valid, m);
            long[][][][] v2 = pass(valid, m);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, valid.lastOrder());
            assertEquals(Arrays.deepToString(v1), Arrays.deepToString(v2), "validation batches never change");
            assertEquals(1000, v1[0][0][0][0], "validation starts with the first document");
        }
    }

    @Test
    void aTinySplitStillFillsEveryRow() {
        TextSplit split = uniqueTokens(3);
        LanguageModelLoader dl = new LanguageModelLoader(split, 4, 5, false, null);
        assertEquals(1, dl.numBatches());
        try (NDManager m = NDManager.newBaseManager()) {
            long[][][][] b = pass(dl, m);
            assertArrayEquals(new long[] {1000, 1001, 1002, 1000, 1001}, b[0][0][0], "wraps around the stream");
        }
        assertEquals(0, new LanguageModelLoader(TextSplit.of(List.of(), null, new int[0]), 4, 5, false, null)
                .numBatches());
    }
}
