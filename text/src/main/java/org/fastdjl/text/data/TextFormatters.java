package org.fastdjl.text.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.data.ItemFormatter;
import org.fastdjl.text.transform.Vocab;

/** fastai's {@code TextList.show_xys}: a batch's rows decoded back to tokens, at most 70 of them. */
final class TextFormatters {

    /** fastai's {@code max_len} in {@code show_batch}. */
    static final int MAX_LEN = 70;

    private TextFormatters() {
    }

    /** The first {@code MAX_LEN} space-separated words of the decoded ids, as fastai cuts them. */
    static String text(Vocab vocab, int[] ids) {
        String[] words = vocab.textify(ids).split(" ", -1);
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(MAX_LEN, words.length)));
    }

    static int[] row(Batch batch, int row) {
        long[] v = batch.x().get(0).get(row).toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** Language model: {@code idx | text}. */
    static final class LanguageModel implements ItemFormatter {
        private final Vocab vocab;

        LanguageModel(Vocab vocab) {
            this.vocab = vocab;
        }

        @Override
        public List<String> columns() {
            return List.of("idx", "text");
        }

        @Override
        public List<String> format(Batch batch, int row, DatasetType type) {
            return List.of(String.valueOf(row), text(vocab, row(batch, row)));
        }
    }

    /** Classifier: {@code text | target}, the padding stripped (fastai's {@code reconstruct}). */
    static final class Classifier implements ItemFormatter {
        private final Vocab vocab;
        private final List<String> classes;
        private final int padIdx;

        Classifier(Vocab vocab, List<String> classes, int padIdx) {
            this.vocab = vocab;
            this.classes = classes;
            this.padIdx = padIdx;
        }

        @Override
        public List<String> columns() {
            return List.of("text", "target");
        }

        @Override
        public List<String> format(Batch batch, int row, DatasetType type) {
            int[] ids = row(batch, row);
            int lo = 0;
            int hi = ids.length;
            while (lo < hi && ids[lo] == padIdx) {
                lo++;
            }
            while (hi > lo && ids[hi - 1] == padIdx) {
                hi--;
            }
            List<String> out = new ArrayList<>(2);
            out.add(text(vocab, Arrays.copyOfRange(ids, lo, hi)));
            out.add(batch.y().isEmpty() ? "" : classes.get((int) batch.y().get(0).getLong(row)));
            return out;
        }
    }
}
