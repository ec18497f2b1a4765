package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.NumpyRandom;
import org.junit.jupiter.api.Test;

/** Sortish and sorted batching, left padding with xxpad, labels and data-set indices. */
class ClassifierLoaderTest {

    /** n documents of random lengths 1..maxLen; token t of doc d is 10 + (d * 7 + t) % 50, label d % 3. */
    static TextSplit docs(int n, int maxLen, long seed) {
        Random r = new Random(seed);
        List<int[]> docs = new ArrayList<>();
        int[] labels = new int[n];
        for (int d = 0; d < n; d++) {
            int[] ids = new int[1 + r.nextInt(maxLen)];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = 10 + (d * 7 + t) % 50;
            }
            docs.add(ids);
            labels[d] = d % 3;
        }
        int[] src = new int[n];
        Arrays.setAll(src, i -> 100 + i);
        return TextSplit.of(docs, labels, src);
    }

    @Test
    void sortishOrderHasEveryItemOnceLongestBatchFirstAndSortedChunks() {
        int bs = 4;
        int n = 640; // chunks of bs*50 = 200: 200, 200, 200, 40 -> every batch full, none straddles two chunks
        TextSplit split = docs(n, 300, 1);
        int[] lengths = split.lengths();
        int[] order = SortishSampler.order(lengths, bs, new NumpyRandom(5));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i], "every item exactly once");
        }
        int max = Arrays.stream(lengths).max().getAsInt();
        assertEquals(max, lengths[order[0]], "the batch with the longest item goes first");
        int[] perm = new NumpyRandom(5).permutation(n); // the sampler's first draw
        int[] chunkOf = new int[n];
        for (int i = 0; i < n; i++) {
            chunkOf[perm[i]] = i / (bs * 50);
        }
        boolean shuffled = false;
        int lastChunk = -1;
        for (int b = 0; b < n / bs; b++) {
            for (int i = b * bs; i < (b + 1) * bs; i++) {
                assertEquals(chunkOf[order[b * bs]], chunkOf[order[i]], "a batch comes from one chunk");
                if (i > b * bs) {
                    assertTrue(lengths[order[i - 1]] >= lengths[order[i]], "a batch is sorted, longest first");
                }
            }
            shuffled |= lastChunk > chunkOf[order[b * bs]];
            lastChunk = chunkOf[order[b * bs]];
        }
        assertTrue(shuffled, "batches of different chunks are mixed, not in chunk order");
        assertFalse(Arrays.equals(order, SortishSampler.order(lengths, bs, new NumpyRandom(6))));
    }

    @Test
    void sortishWithinOneChunkIsLengthSortedAcrossBatches() {
        TextSplit split = docs(40, 50, 2);
        int[] lengths = split.lengths();
        int[] order = SortishSampler.order(lengths, 4, new NumpyRandom(3));
        // one chunk: the 10 batches are consecutive slices of one sorted list, so their length ranges
        // do not interleave
        List<int[]> ranges = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            ranges.add(new int[] {lengths[order[b * 4 + 3]], lengths[order[b * 4]]});
        }
        ranges.sort((a, c) -> Integer.compare(c[1], a[1]));
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(ranges.get(i)[1] <= ranges.get(i - 1)[0], "batch ranges are disjoint slices of one sort");
        }
    }

    @Test
    void sortSamplerIsLongestFirstAndStable() {
        int[] order = SortSampler.order(new int[] {3, 9, 3, 1, 9, 5});
        assertArrayEquals(new int[] {1, 4, 5, 0, 2, 3}, order);
    }

    @Test
    void trainingBatchesArePaddedAtTheStartWithXxpadAndDropTheLastIncompleteOne() {
        TextSplit split = docs(50, 30, 4);
        TextClassifierLoader dl = new TextClassifierLoader(split, 8, true, new NumpyRandom(11), PadCollate.PAD_IDX,
                true);
        assertEquals(6, dl.numBatches(), "50 / 8, the incomplete batch dropped");
        int[] seen = new int[50];
        try (NDManager m = NDManager.newBaseManager()) {
            Iterator<Batch> it = dl.iterator(m);
            int batches = 0;
            boolean first = true;
            while (it.hasNext()) {
                try (Batch b = it.next()) {
                    batches++;
                    assertEquals(8, b.size());
                    checkBatch(split, b);
                    for (int i : b.indices()) {
                        seen[i]++;
                    }
                    if (first) {
                        int longest = Arrays.stream(split.lengths()).max().getAsInt();
                        assertEquals(longest, b.x().head().getShape().get(1), "the longest document comes first");
                        first = false;
                    }
                }
            }
            assertEquals(6, batches);
        }
        assertEquals(48, Arrays.stream(seen).sum());
        assertTrue(Arrays.stream(seen).allMatch(c -> c <= 1), "no document twice in an epoch");
    }

    @Test
    void validationBatchesAreLongestFirstWithEveryDocumentAndTheirIndices() {
        TextSplit split = docs(21, 40, 5);
        TextClassifierLoader dl = new TextClassifierLoader(split, 8, false, null, PadCollate.PAD_IDX, true);
        assertEquals(3, dl.numBatches());
        List<Integer> all = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Iterator<Batch> it = dl.iterator(m);
            while (it.hasNext()) {
                try (Batch b = it.next()) {
                    checkBatch(split, b);
                    for (int i : b.indices()) {
                        all.add(i);
                    }
                }
            }
        }
        assertEquals(21, all.size());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(split.length(all.get(i - 1)) >= split.length(all.get(i)), "sorted longest first");
        }
        assertEquals(21, all.stream().distinct().count());
    }

    /** Each row is xxpad (1) then exactly the document's ids; y the document's label (int64). */
    private static void checkBatch(TextSplit split, Batch b) {
        long width = b.x().head().getShape().get(1);
        assertEquals(DataType.INT64, b.x().head().getDataType());
        assertEquals(DataType.INT64, b.y().head().getDataType());
        long[] x = b.x().head().toLongArray();
        long[] y = b.y().head().toLongArray();
        int maxLen = 0;
        for (int r = 0; r < b.size(); r++) {
            int doc = b.indices()[r];
            int[] ids = split.ids(doc);
            maxLen = Math.max(maxLen, ids.length);
            int pad = (int) width - ids.length;
            for (int t = 0; t < width; t++) {
                long want = t < pad ? PadCollate.PAD_IDX : ids[t - pad];
                assertEquals(want, x[(int) (r * width + t)], "row " + r + " position " + t);
            }
            assertEquals(split.label(doc), y[r]);
        }
        assertEquals(maxLen, width, "padded to the batch's longest document");
    }

    @Test
    void padAtTheEndWhenAsked() {
        TextSplit split = TextSplit.of(List.of(new int[] {5, 6, 7}, new int[] {8}), new int[] {0, 1}, new int[] {0, 1});
        PadCollate.Padded p = PadCollate.collate(split, new int[] {0, 1}, 0, 2, 1, false);
        assertArrayEquals(new long[] {5, 6, 7, 8, 1, 1}, p.values());
        PadCollate.Padded q = PadCollate.collate(split, new int[] {0, 1}, 0, 2, 1, true);
        assertArrayEquals(new long[] {5, 6, 7, 1, 1, 8}, q.values());
    }
}
