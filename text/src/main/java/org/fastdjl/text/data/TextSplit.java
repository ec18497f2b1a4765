package org.fastdjl.text.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One processed split: the token ids of each document, its label (classifier data) and where it came
 * from, as flat primitive arrays.
 *
 * <h2>Layout</h2>
 * Document {@code i}'s ids are {@code ids[offsets[i] .. offsets[i+1])}; {@code offsets} has
 * {@code size() + 1} entries starting at 0. {@link #labels()} holds one class index per document
 * (none for a language model or a test set); {@link #sourceItems()} the document's index in the
 * {@link TextList} it was read from (its CSV data row, table row or file number).
 *
 * <p>Immutable: accessors that return arrays return copies.
 */
public final class TextSplit {

    private final int[] offsets;
    private final int[] ids;
    private final int[] labels;
    private final int[] sourceItems;

    TextSplit(int[] offsets, int[] ids, int[] labels, int[] sourceItems) {
        int n = offsets.length - 1;
        if (n < 0 || offsets[0] != 0 || offsets[n] != ids.length) {
            throw new IllegalArgumentException("offsets must start at 0 and end at the number of ids");
        }
        for (int i = 0; i < n; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("offsets must not decrease (document " + i + ")");
            }
        }
        if (labels != null && labels.length != n || sourceItems.length != n) {
            throw new IllegalArgumentException("labels and source items must have one entry per document");
        }
        this.offsets = offsets;
        this.ids = ids;
        this.labels = labels;
        this.sourceItems = sourceItems;
    }

    /**
     * A split from flat arrays, as processing elsewhere (such as on a Spark cluster) makes them: document
     * {@code i}'s ids are {@code ids[offsets[i] .. offsets[i+1])}. The arrays are kept, not copied.
     *
     * @param offsets {@code n + 1} non-decreasing offsets from 0 to {@code ids.length}
     * @param ids every document's token ids, one after the other
     * @param labels a class index per document, or {@code null} (language model, test set)
     * @param sourceItems each document's index in the data it was read from (its row)
     * @return the split
     * @throws IllegalArgumentException when the arrays do not fit together
     */
    public static TextSplit fromFlat(int[] offsets, int[] ids, int[] labels, int[] sourceItems) {
        return new TextSplit(offsets, ids, labels, sourceItems);
    }

    /**
     * A split from documents given as id arrays.
     *
     * @param docs the ids of each document
     * @param labels a class index per document, or {@code null}
     * @param sourceItems where each document came from
     * @return the split
     */
    static TextSplit of(List<int[]> docs, int[] labels, int[] sourceItems) {
        int[] offsets = new int[docs.size() + 1];
        long total = 0;
        for (int i = 0; i < docs.size(); i++) {
            total += docs.get(i).length;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more than 2^31 tokens in one split");
            }
            offsets[i + 1] = (int) total;
        }
        int[] ids = new int[(int) total];
        for (int i = 0; i < docs.size(); i++) {
            System.arraycopy(docs.get(i), 0, ids, offsets[i], docs.get(i).length);
        }
        return new TextSplit(offsets, ids, labels, sourceItems);
    }

    /**
     * The number of documents.
     *
     * @return the count
     */
    public int size() {
        return offsets.length - 1;
    }

    /**
     * The number of tokens in all documents.
     *
     * @return the count
     */
    public int totalTokens() {
        return ids.length;
    }

    /**
     * The number of tokens of one document.
     *
     * @param i a document
     * @return its length
     */
    public int length(int i) {
        Objects.checkIndex(i, size());
        return offsets[i + 1] - offsets[i];
    }

    /**
     * The length of every document.
     *
     * @return one length per document
     */
    public int[] lengths() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = offsets[i + 1] - offsets[i];
        }
        return out;
    }

    /**
     * The ids of one document.
     *
     * @param i a document
     * @return a copy of its ids
     */
    public int[] ids(int i) {
        Objects.checkIndex(i, size());
        return Arrays.copyOfRange(ids, offsets[i], offsets[i + 1]);
    }

    /**
     * Whether the documents have class labels.
     *
     * @return false for a language model or a test set
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The class index of one document.
     *
     * @param i a document
     * @return its label
     * @throws IllegalStateException when the split has no labels
     */
    public int label(int i) {
        Objects.checkIndex(i, size());
        if (labels == null) {
            throw new IllegalStateException("this split has no labels");
        }
        return labels[i];
    }

    /**
     * Every document's class index.
     *
     * @return a copy, or {@code null} when the split has no labels
     */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /**
     * Every document's index in the {@link TextList} it was read from.
     *
     * @return a copy
     */
    public int[] sourceItems() {
        return sourceItems.clone();
    }

    /** The flat ids, not copied (package use: loaders and the file writer). */
    int[] flatIds() {
        return ids;
    }

    /** The offsets, not copied. */
    int[] offsets() {
        return offsets;
    }

    /** The labels, not copied; may be null. */
    int[] labelsNoCopy() {
        return labels;
    }

    /** The source items, not copied. */
    int[] sourceItemsNoCopy() {
        return sourceItems;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextSplit s && Arrays.equals(s.offsets, offsets) && Arrays.equals(s.ids, ids)
                && Arrays.equals(s.labels, labels) && Arrays.equals(s.sourceItems, sourceItems);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(offsets);
    }
}
