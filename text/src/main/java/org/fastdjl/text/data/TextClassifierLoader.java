package org.fastdjl.text.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.Batches;
import org.fastdjl.core.data.DataLoader;
import org.fastdjl.core.data.NumpyRandom;

/**
 * The classifier loader, as fastai v1's {@code TextClasDataBunch.create}: training batches in
 * {@link SortishSampler} order with the incomplete last batch dropped, validation and test batches in
 * {@link SortSampler} order (longest first) with all documents; each batch padded by {@link PadCollate}
 * ({@code xxpad} at the start). {@code x} is int64 {@code (n, longest)}, {@code y} int64 {@code (n)} class
 * indices (none for a test set). {@link Batch#indices()} holds the documents' indices in the split, so
 * predictions can be put back in split order.
 */
public final class TextClassifierLoader implements DataLoader {

    private final TextSplit split;
    private final int bs;
    private final boolean train;
    private final NumpyRandom rng;
    private final int padIdx;
    private final boolean padFirst;
    private final int[] lengths;
    private int[] sorted;

    /**
     * Creates a loader.
     *
     * @param split the documents
     * @param bs documents per batch
     * @param train sortish order and drop-last (training), else longest first and every document
     * @param rng the sortish sampler's source (numpy's generator); unused when not training
     * @param padIdx the padding id ({@link PadCollate#PAD_IDX})
     * @param padFirst pad at the start (fastai's default)
     */
    public TextClassifierLoader(TextSplit split, int bs, boolean train, NumpyRandom rng, int padIdx,
            boolean padFirst) {
        if (bs < 1) {
            throw new IllegalArgumentException("bs must be at least 1, got " + bs);
        }
        this.split = Objects.requireNonNull(split, "split");
        this.bs = bs;
        this.train = train;
        this.rng = train ? Objects.requireNonNull(rng, "rng") : rng;
        this.padIdx = padIdx;
        this.padFirst = padFirst;
        this.lengths = split.lengths();
    }

    @Override
    public int numBatches() {
        int n = split.size();
        return train ? n / bs : (n + bs - 1) / bs;
    }

    @Override
    public int batchSize() {
        return bs;
    }

    @Override
    public int size() {
        return split.size();
    }

    /**
     * The order of the next pass, as the sampler gives it (for tests and inspection); a training pass
     * draws a new one.
     *
     * @return split indices
     */
    int[] nextOrder() {
        if (train) {
            return SortishSampler.order(lengths, bs, rng);
        }
        if (sorted == null) {
            sorted = SortSampler.order(lengths);
        }
        return sorted;
    }

    @Override
    public Iterator<Batch> iterator(NDManager parent) {
        int[] order = nextOrder();
        int n = order.length;
        return Batches.of(numBatches(), b -> {
            int from = b * bs;
            int to = Math.min(n, from + bs);
            PadCollate.Padded p = PadCollate.collate(split, order, from, to, padIdx, padFirst);
            NDManager m = parent.newSubManager();
            NDList x = new NDList(m.create(p.values(), new Shape(p.rows(), p.width())));
            NDList y = new NDList();
            if (split.hasLabels()) {
                int[] labels = split.labelsNoCopy();
                long[] ys = new long[to - from];
                for (int i = from; i < to; i++) {
                    ys[i - from] = labels[order[i]];
                }
                y.add(m.create(ys, new Shape(to - from)));
            }
            return new Batch(m, x, y, to - from, Arrays.copyOfRange(order, from, to));
        });
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "TextClassifierLoader(%,d documents, %,d batches of %d, %s, padded %s)",
                split.size(), numBatches(), bs, train ? "sortish order" : "sorted by length",
                padFirst ? "at the start" : "at the end");
    }
}
