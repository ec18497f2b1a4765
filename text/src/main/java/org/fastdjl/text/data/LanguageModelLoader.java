package org.fastdjl.text.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataLoader;
import org.fastdjl.core.data.NumpyRandom;

/**
 * The language-model loader, fastai v1's {@code LanguageModelPreLoader} (1.0.61): all documents of a
 * split, one after the other, form one token stream; the stream is cut into {@code bs} rows of equal
 * length, and batch {@code k} holds tokens {@code k*bptt .. k*bptt+bptt-1} of every row as {@code x}
 * and the same shifted by one token as {@code y}, both int64 {@code (bs, bptt)}. Row {@code r} of batch
 * {@code k+1} continues row {@code r} of batch {@code k}, so the model carries its hidden state across
 * batches.
 *
 * <p>As in fastai:
 * <ul>
 *   <li>the training loader shuffles the document order at every pass ({@code np.random.shuffle} of the
 *       index, with numpy's algorithm); validation and test keep the split's order. (fastai leaves the
 *       very first epoch unshuffled, a side effect of allocating its buffers then; here every pass is
 *       shuffled.)</li>
 *   <li>{@code bptt} is fixed (70 by default). fastai v1 1.0.61 varies no sequence length in its loader:
 *       the random {@code seq_len} belonged to the older {@code LanguageModelLoader}.</li>
 *   <li>a pass has {@code ceil(tokens / (bs*bptt))} batches; row {@code i} starts at stream position
 *       {@code int(i * tokens / bs)} and reads {@code batches*bptt} tokens, wrapping around to the start
 *       of the stream. So when the token count is not a multiple of {@code bs*bptt}, the rows overlap a
 *       little at their seams (fewer than {@code bs*bptt} tokens in all are seen twice); no token is
 *       left out.</li>
 * </ul>
 *
 * <p>Each batch is built with two bulk copies (one {@code long[]} for {@code x}, one for {@code y});
 * nothing but the Java cursors is kept between batches.
 */
public final class LanguageModelLoader implements DataLoader {

    private final TextSplit split;
    private final int bs;
    private final int bptt;
    private final boolean shuffle;
    private final NumpyRandom rng;
    private final int[] idx;
    private int[] lastOrder;

    /**
     * Creates a loader.
     *
     * @param split the documents
     * @param bs rows per batch
     * @param bptt tokens per row per batch
     * @param shuffle whether each pass shuffles the document order (training)
     * @param rng the shuffles' source (numpy's generator)
     */
    public LanguageModelLoader(TextSplit split, int bs, int bptt, boolean shuffle, NumpyRandom rng) {
        if (bs < 1 || bptt < 1) {
            throw new IllegalArgumentException("bs and bptt must be at least 1, got bs " + bs + ", bptt " + bptt);
        }
        this.split = Objects.requireNonNull(split, "split");
        this.bs = bs;
        this.bptt = bptt;
        this.shuffle = shuffle;
        this.rng = shuffle ? Objects.requireNonNull(rng, "rng") : rng;
        this.idx = new int[split.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        this.lastOrder = idx.clone();
    }

    @Override
    public int numBatches() {
        long per = (long) bs * bptt;
        return (int) ((split.totalTokens() + per - 1) / per);
    }

    @Override
    public int batchSize() {
        return bs;
    }

    /** @return the number of documents */
    @Override
    public int size() {
        return split.size();
    }

    /** @return tokens per row per batch */
    public int bptt() {
        return bptt;
    }

    /**
     * The document order of the latest pass (the split's order before the first).
     *
     * @return split indices, a copy
     */
    public int[] lastOrder() {
        return lastOrder.clone();
    }

    @Override
    public Iterator<Batch> iterator(NDManager parent) {
        if (shuffle && idx.length > 1) {
            int[] perm = rng.permutation(idx.length); // np.random.shuffle(idx) moves items as permutation(n) does
            int[] copy = idx.clone();
            for (int i = 0; i < idx.length; i++) {
                idx[i] = copy[perm[i]];
            }
        }
        lastOrder = idx.clone();
        return new Pass(parent, idx.clone());
    }

    /** One pass: the per-row cursors into the ragged stream. */
    private final class Pass implements Iterator<Batch> {
        private final NDManager parent;
        private final int[] order;
        private final int[] ids;
        private final int[] offsets;
        private final int[] doc;
        private final int[] pos;
        private final int batches;
        private int next;

        Pass(NDManager parent, int[] order) {
            this.parent = parent;
            this.order = order;
            this.ids = split.flatIds();
            this.offsets = split.offsets();
            this.doc = new int[bs];
            this.pos = new int[bs];
            this.batches = numBatches();
            long total = split.totalTokens();
            if (total == 0) {
                return;
            }
            double step = (double) total / bs;
            int d = 0;
            long before = 0; // tokens in the documents before order[d]
            for (int r = 0; r < bs; r++) {
                long start = (long) (step * r); // fastai's int(step * i)
                while (before + len(d) <= start) {
                    before += len(d);
                    d++;
                }
                doc[r] = d;
                pos[r] = (int) (start - before);
            }
        }

        private int len(int d) {
            int k = order[d];
            return offsets[k + 1] - offsets[k];
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            next++;
            long[] x = new long[bs * bptt];
            long[] y = new long[bs * bptt];
            for (int r = 0; r < bs; r++) {
                int d = doc[r];
                int p = pos[r];
                int base = r * bptt;
                for (int t = 0; t <= bptt; t++) {
                    if (t == bptt) {
                        doc[r] = d; // the next batch starts where y's last token is x's first
                        pos[r] = p;
                    }
                    long tok = ids[offsets[order[d]] + p];
                    if (t < bptt) {
                        x[base + t] = tok;
                    }
                    if (t > 0) {
                        y[base + t - 1] = tok;
                    }
                    p++;
                    while (p >= len(d)) { // next non-empty document, around the end of the stream
                        p = 0;
                        d = d + 1 == order.length ? 0 : d + 1;
                    }
                }
            }
            NDManager m = parent.newSubManager();
            Shape shape = new Shape(bs, bptt);
            return new Batch(m, new NDList(m.create(x, shape)), new NDList(m.create(y, shape)), bs);
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "LanguageModelLoader(%,d documents, %,d tokens, %,d batches of %d x bptt %d%s)",
                split.size(), split.totalTokens(), numBatches(), bs, bptt, shuffle ? ", documents shuffled each pass" : "");
    }
}
