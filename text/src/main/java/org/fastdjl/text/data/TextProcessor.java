package org.fastdjl.text.data;

import java.util.ArrayList;
import java.util.List;

import org.fastdjl.text.transform.TextInputException;
import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Vocab;

/**
 * What {@link TextLabelLists#process()} does, fastai's {@code TokenizeProcessor} then
 * {@code NumericalizeProcessor}: read every document of every split, tokenize them all in one parallel
 * pass, make the vocab on the training split, turn tokens into ids.
 */
final class TextProcessor {

    private static final System.Logger LOG = System.getLogger(TextProcessor.class.getName());

    private final TextList list;
    private final boolean lm;
    private final List<String> classes;

    TextProcessor(TextList list, boolean lm, List<String> classes) {
        this.list = list;
        this.lm = lm;
        this.classes = classes;
    }

    /** The documents of one split while they are processed. */
    private static final class Part {
        final TextList source;
        final int[] items;
        final int[] labels;
        final List<List<String>> fields;
        final boolean[] keep;
        int kept;

        Part(TextList source, int[] items, int[] labels) throws TextInputException {
            this.source = source;
            this.items = items;
            this.labels = labels;
            this.fields = source.fields(items);
            this.keep = new boolean[items.length];
        }
    }

    TextData process(int[] train, int[] trainY, int[] valid, int[] validY, TextList test) throws TextInputException {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(list, train, trainY));
        parts.add(new Part(list, valid, validY));
        if (test != null) {
            int[] all = new int[test.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            parts.add(new Part(test, all, null));
        }
        int dropped = checkEmpty(parts);
        List<List<String>> rows = new ArrayList<>();
        for (Part p : parts) {
            for (int i = 0; i < p.items.length; i++) {
                if (p.keep[i]) {
                    rows.add(p.fields.get(i));
                }
            }
        }
        TokenizeProcessor tok = new TokenizeProcessor(list.tokenizer(), list.markFields(), list.includeBos(),
                list.includeEos());
        List<List<String>> tokens = tok.processRows(rows);
        rows.clear();
        Vocab vocab = list.vocab() != null ? list.vocab()
                : Vocab.create(tokens.subList(0, parts.get(0).kept), list.maxVocab(), list.minFreq());
        List<TextSplit> splits = new ArrayList<>();
        int at = 0;
        for (Part p : parts) {
            List<int[]> docs = new ArrayList<>(p.kept);
            int[] labels = p.labels == null ? null : new int[p.kept];
            int[] src = new int[p.kept];
            for (int i = 0, k = 0; i < p.items.length; i++) {
                if (!p.keep[i]) {
                    continue;
                }
                docs.add(vocab.numericalize(tokens.get(at)));
                tokens.set(at++, null); // let the strings go as soon as they are ids
                if (labels != null) {
                    labels[k] = p.labels[i];
                }
                src[k++] = p.items[i];
            }
            splits.add(TextSplit.of(docs, labels, src));
        }
        for (int s = 0; s < 2; s++) {
            if (splits.get(s).size() == 0) {
                throw new TextInputException("the " + (s == 0 ? "training" : "validation")
                        + " split has no document left after dropping the empty ones");
            }
        }
        return new TextData(lm, vocab, classes, splits.get(0), splits.get(1), test != null ? splits.get(2) : null,
                dropped, list.origin());
    }

    /** Marks the documents to keep; an empty one is an error unless the list drops them. */
    private int checkEmpty(List<Part> parts) throws TextInputException {
        int dropped = 0;
        List<String> where = new ArrayList<>();
        for (Part p : parts) {
            for (int i = 0; i < p.items.length; i++) {
                boolean empty = true;
                for (String f : p.fields.get(i)) {
                    empty &= f.isBlank();
                }
                p.keep[i] = !empty;
                if (empty) {
                    dropped++;
                    if (where.size() < 5) {
                        where.add(p.source.where(p.items[i]));
                    }
                } else {
                    p.kept++;
                }
            }
        }
        if (dropped > 0 && !list.dropEmpty()) {
            throw new TextInputException(dropped + " document" + (dropped == 1 ? " is" : "s are") + " empty (no text in "
                    + list.textColumns() + "):\n  " + String.join("\n  ", where) + (dropped > where.size() ? "\n  ..." : "")
                    + "\nfix the data, or call optDropEmpty(true) on the TextList to drop them");
        }
        if (dropped > 0) {
            LOG.log(System.Logger.Level.WARNING, "dropped {0} empty documents, the first {1}", dropped, where);
        }
        return dropped;
    }
}
