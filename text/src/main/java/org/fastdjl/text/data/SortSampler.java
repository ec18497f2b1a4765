package org.fastdjl.text.data;

import java.util.Arrays;

/**
 * fastai v1's {@code SortSampler}: the documents longest first, for validation and test batches with
 * little padding. Equal lengths keep their split order (Python's stable {@code sorted(...,
 * reverse=True)}).
 */
public final class SortSampler {

    private SortSampler() {
    }

    /**
     * The document order.
     *
     * @param lengths each document's token count
     * @return the document indices, longest first
     */
    public static int[] order(int[] lengths) {
        Integer[] idx = new Integer[lengths.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, b) -> Integer.compare(lengths[b], lengths[a])); // stable
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
