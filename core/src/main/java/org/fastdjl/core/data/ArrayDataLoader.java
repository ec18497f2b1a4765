package org.fastdjl.core.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.util.Iterator;
import java.util.Random;

/**
 * The loader for an {@link ArrayDataset}: fixed-order or shuffled batches, with fastai's drop-last for
 * the training set.
 */
public final class ArrayDataLoader implements DataLoader {

    private final ArrayDataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Random random;

    /**
     * Creates a loader.
     *
     * @param dataset the data
     * @param batchSize items per batch
     * @param shuffle whether each pass visits the items in a new random order
     * @param dropLast whether to drop the last, incomplete batch
     * @param random the source of the shuffles
     */
    public ArrayDataLoader(
            ArrayDataset dataset, int batchSize, boolean shuffle, boolean dropLast, Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.random = random;
    }

    /** @return the underlying data set */
    public ArrayDataset dataset() {
        return dataset;
    }

    @Override
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int size() {
        return dataset.size();
    }

    @Override
    public Iterator<Batch> iterator(NDManager parent) {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return Batches.of(numBatches(), b -> {
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            NDManager m = parent.newSubManager();
            NDList x = new NDList(dataset.x().size());
            for (ArrayField f : dataset.x()) {
                x.add(f.gather(m, order, from, to));
            }
            NDList y = new NDList(dataset.y().size());
            for (ArrayField f : dataset.y()) {
                y.add(f.gather(m, order, from, to));
            }
            return new Batch(m, x, y, to - from, java.util.Arrays.copyOfRange(order, from, to));
        });
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ArrayDataLoader(%,d items, %,d batches of %d, %s%s; fields x %s, y %s)",
                dataset.size(), numBatches(), batchSize, shuffle ? "shuffled" : "in order",
                dropLast ? ", last incomplete batch dropped" : "", names(dataset.x()), names(dataset.y()));
    }

    private static java.util.List<String> names(java.util.List<ArrayField> fields) {
        return fields.stream().map(ArrayField::name).toList();
    }
}
