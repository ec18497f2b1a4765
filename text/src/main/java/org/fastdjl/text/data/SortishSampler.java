package org.fastdjl.text.data;

import java.util.Arrays;

import org.fastdjl.core.data.NumpyRandom;

/**
 * fastai v1's {@code SortishSampler}, the training order of a text classifier: documents of about the
 * same length end up in the same batch (little padding) while the order still changes every epoch.
 *
 * <ol>
 *   <li>a random permutation of the documents ({@code np.random.permutation(n)});</li>
 *   <li>cut into chunks of {@code bs*50}, each sorted longest first (stable);</li>
 *   <li>cut into batches of {@code bs}; the batch whose first document is the longest goes first (so an
 *       out-of-memory error shows at once), the others in a random order
 *       ({@code np.random.permutation});</li>
 * </ol>
 * The loader then takes {@code bs} documents at a time from this order and drops the incomplete last
 * batch, as fastai's training {@code DataLoader(drop_last=True)} does. With the same numpy state the
 * order is fastai's.
 */
public final class SortishSampler {

    /** The chunk size is {@code bs} times this. */
    public static final int CHUNK_BATCHES = 50;

    private SortishSampler() {
    }

    /**
     * The document order of one epoch.
     *
     * @param lengths each document's token count
     * @param bs the batch size
     * @param rng the source of both permutations
     * @return every document index once
     */
    public static int[] order(int[] lengths, int bs, NumpyRandom rng) {
        int n = lengths.length;
        int[] idxs = rng.permutation(n);
        int sz = bs * CHUNK_BATCHES;
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = idxs[i];
        }
        for (int from = 0; from < n; from += sz) {
            Arrays.sort(sorted, from, Math.min(n, from + sz), (a, b) -> Integer.compare(lengths[b], lengths[a]));
        }
        int nb = (n + bs - 1) / bs;
        if (nb == 0) {
            return new int[0];
        }
        int[] batchOrder = new int[nb];
        for (int b = 0; b < nb; b++) {
            batchOrder[b] = b;
        }
        int maxBatch = 0; // np.argmax over each batch's first key: the first maximum
        for (int b = 1; b < nb; b++) {
            if (lengths[sorted[b * bs]] > lengths[sorted[maxBatch * bs]]) {
                maxBatch = b;
            }
        }
        batchOrder[0] = maxBatch;
        batchOrder[maxBatch] = 0;
        if (nb > 1) {
            int[] perm = rng.permutation(nb - 1);
            int[] rest = Arrays.copyOfRange(batchOrder, 1, nb);
            for (int i = 0; i < rest.length; i++) {
                batchOrder[1 + i] = rest[perm[i]];
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int b : batchOrder) {
            for (int i = b * bs; i < Math.min(n, (b + 1) * bs); i++) {
                out[k++] = sorted[i];
            }
        }
        return out;
    }
}
