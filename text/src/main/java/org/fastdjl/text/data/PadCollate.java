package org.fastdjl.text.data;

/**
 * fastai v1's {@code pad_collate}: the documents of a batch as one {@code (n, maxLen)} matrix, the
 * shorter ones filled with the padding id ({@code xxpad}, 1) at the start ({@code pad_first=True}, so
 * the last tokens, which the classifier's pooling ends on, line up) or at the end.
 */
public final class PadCollate {

    /** fastai's {@code pad_idx}: the id of {@code xxpad}. */
    public static final int PAD_IDX = 1;

    private PadCollate() {
    }

    /**
     * A padded batch: {@code values} row-major with {@code rows} rows of {@code width} ids.
     *
     * @param values the ids, padded
     * @param rows the number of documents
     * @param width the longest document's length
     */
    public record Padded(long[] values, int rows, int width) {
    }

    /**
     * Pads documents {@code order[from..to)} of a split.
     *
     * @param split the documents
     * @param order document indices
     * @param from first position in {@code order}
     * @param to end position in {@code order} (exclusive)
     * @param padIdx the padding id
     * @param padFirst pad at the start (fastai's default) rather than the end
     * @return the padded matrix, built in one primitive array
     */
    public static Padded collate(TextSplit split, int[] order, int from, int to, int padIdx, boolean padFirst) {
        int[] offsets = split.offsets();
        int[] ids = split.flatIds();
        int width = 0;
        for (int i = from; i < to; i++) {
            width = Math.max(width, offsets[order[i] + 1] - offsets[order[i]]);
        }
        int rows = to - from;
        long[] out = new long[rows * width];
        java.util.Arrays.fill(out, padIdx);
        for (int r = 0; r < rows; r++) {
            int doc = order[from + r];
            int start = offsets[doc];
            int len = offsets[doc + 1] - start;
            int dst = r * width + (padFirst ? width - len : 0);
            for (int t = 0; t < len; t++) {
                out[dst + t] = ids[start + t];
            }
        }
        return new Padded(out, rows, width);
    }
}
