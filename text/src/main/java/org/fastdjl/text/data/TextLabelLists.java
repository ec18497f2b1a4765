package org.fastdjl.text.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.fastdjl.text.transform.TextInputException;

/**
 * Split and labelled texts, not yet processed: fastai v1's {@code LabelLists}. {@link #process()}
 * tokenizes and numericalizes everything; {@link #databunch()} does that and makes the loaders.
 *
 * <pre>{@code
 * TextDataBunch data = TextList.fromFolder(path)
 *         .splitByFolder("train", "test")
 *         .labelFromFolder("neg", "pos")
 *         .filterMissingY()                 // drop documents in other folders, counted
 *         .databunch(32);
 * }</pre>
 *
 * <p>Immutable: {@link #filterMissingY()} and {@link #addTest} return new lists.
 */
public final class TextLabelLists {

    private static final System.Logger LOG = System.getLogger(TextLabelLists.class.getName());

    private final TextList list;
    private final boolean lm;
    private final int[] train;
    private final int[] valid;
    private final List<String> classes;
    private final String[] trainRaw;
    private final String[] validRaw;
    private final String labelSource;
    private final TextList test;
    private final int droppedMissingY;

    private TextLabelLists(TextList list, boolean lm, int[] train, int[] valid, List<String> classes,
            String[] trainRaw, String[] validRaw, String labelSource, TextList test, int droppedMissingY) {
        this.list = list;
        this.lm = lm;
        this.train = train;
        this.valid = valid;
        this.classes = classes;
        this.trainRaw = trainRaw;
        this.validRaw = validRaw;
        this.labelSource = labelSource;
        this.test = test;
        this.droppedMissingY = droppedMissingY;
    }

    static TextLabelLists forLm(TextList list, int[] train, int[] valid) {
        return new TextLabelLists(list, true, train, valid, List.of(), null, null, null, null, 0);
    }

    static TextLabelLists forClassifier(TextList list, int[] train, int[] valid, List<String> classes,
            String[] trainRaw, String[] validRaw, String labelSource) {
        return new TextLabelLists(list, false, train, valid, classes, trainRaw, validRaw, labelSource, null, 0);
    }

    /**
     * Whether these are language-model lists ({@link TextItemLists#labelForLm()}).
     *
     * @return true for a language model, false for a classifier
     */
    public boolean isLanguageModel() {
        return lm;
    }

    /**
     * The classes (empty for a language model).
     *
     * @return the class names; label i is {@code classes().get(i)}
     */
    public List<String> classes() {
        return classes;
    }

    /**
     * The training documents.
     *
     * @return indices into the {@link TextList}
     */
    public int[] trainItems() {
        return train.clone();
    }

    /**
     * The validation documents.
     *
     * @return indices into the {@link TextList}
     */
    public int[] validItems() {
        return valid.clone();
    }

    /**
     * How many documents {@link #filterMissingY()} dropped.
     *
     * @return the count, 0 before filtering
     */
    public int droppedMissingY() {
        return droppedMissingY;
    }

    /**
     * Drops the documents whose label is missing or not one of the classes (fastai's
     * {@code filter_missing_y}), with a warning that says how many and which labels; without this call
     * such documents are an error in {@link #process()}.
     *
     * @return new lists without them
     * @throws IllegalArgumentException when no training or no validation document is left
     */
    public TextLabelLists filterMissingY() {
        if (lm) {
            return this;
        }
        Map<String, Integer> index = classIndex();
        Kept t = keep(train, trainRaw, index);
        Kept v = keep(valid, validRaw, index);
        int dropped = train.length - t.items.length + valid.length - v.items.length;
        if (dropped > 0) {
            LOG.log(System.Logger.Level.WARNING, "dropped {0} documents whose label (from {1}) is missing or not in "
                    + "the classes {2}: {3}", dropped, labelSource, classes, unknownLabels());
        }
        if (t.items.length == 0 || v.items.length == 0) {
            throw new IllegalArgumentException("no " + (t.items.length == 0 ? "training" : "validation")
                    + " document has a label in the classes " + classes + " (labels from " + labelSource + ")");
        }
        return new TextLabelLists(list, false, t.items, v.items, classes, t.raw, v.raw, labelSource, test,
                droppedMissingY + dropped);
    }

    private record Kept(int[] items, String[] raw) {
    }

    private static Kept keep(int[] items, String[] raw, Map<String, Integer> index) {
        List<Integer> k = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (raw[i] != null && index.containsKey(raw[i])) {
                k.add(i);
            }
        }
        int[] it = new int[k.size()];
        String[] r = new String[k.size()];
        for (int i = 0; i < it.length; i++) {
            it[i] = items[k.get(i)];
            r[i] = raw[k.get(i)];
        }
        return new Kept(it, r);
    }

    private List<String> unknownLabels() {
        Map<String, Integer> index = classIndex();
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String[] raws : new String[][] {trainRaw, validRaw}) {
            for (String r : raws) {
                if (r == null) {
                    out.add("(missing)");
                } else if (!index.containsKey(r)) {
                    out.add("'" + r + "'");
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Adds a test set, processed with the same tokenizer and vocab and unlabelled (fastai's
     * {@code add_test}).
     *
     * @param testList the test documents; their own settings are ignored
     * @return new lists with the test set
     */
    public TextLabelLists addTest(TextList testList) {
        return new TextLabelLists(list, lm, train, valid, classes, trainRaw, validRaw, labelSource,
                Objects.requireNonNull(testList, "testList"), droppedMissingY);
    }

    /**
     * Adds a test set of plain texts.
     *
     * @param texts the test documents
     * @return new lists with the test set
     */
    public TextLabelLists addTest(List<String> texts) {
        return addTest(TextList.fromTexts(texts));
    }

    /**
     * Tokenizes every document of every split once, in parallel (fastai's {@code TokenizeProcessor}),
     * makes the vocab on the training tokens unless one was given, and turns tokens into ids, unknown
     * ones into {@code xxunk} (fastai's {@code NumericalizeProcessor}).
     *
     * @return the processed data
     * @throws TextInputException when a file cannot be read, a document is empty (unless
     *     {@link TextList#optDropEmpty}) or a label is outside the classes (unless {@link #filterMissingY()}),
     *     naming the documents
     */
    public TextData process() throws TextInputException {
        if (!lm) {
            checkLabels();
        }
        return new TextProcessor(list, lm, classes).process(train, codes(trainRaw), valid, codes(validRaw), test);
    }

    /**
     * Processes the data and makes the loaders with fastai's batch sizes: 64 (with bptt 70) for a
     * language model, 32 for a classifier.
     *
     * @return a {@link TextLMDataBunch} or a {@link TextClasDataBunch}
     * @throws TextInputException as {@link #process()}
     */
    public TextDataBunch databunch() throws TextInputException {
        TextDataBunch bunch = process().databunch();
        bunch.setPath(list.path());
        return bunch;
    }

    /**
     * Processes the data and makes the loaders.
     *
     * @param bs the batch size
     * @return a {@link TextLMDataBunch} or a {@link TextClasDataBunch}
     * @throws TextInputException as {@link #process()}
     */
    public TextDataBunch databunch(int bs) throws TextInputException {
        TextDataBunch bunch = process().databunch(bs);
        bunch.setPath(list.path());
        return bunch;
    }

    private Map<String, Integer> classIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            m.put(classes.get(i), i);
        }
        return m;
    }

    private int[] codes(String[] raw) {
        if (lm) {
            return null;
        }
        Map<String, Integer> index = classIndex();
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] == null ? -1 : index.getOrDefault(raw[i], -1);
        }
        return out;
    }

    private void checkLabels() throws TextInputException {
        Map<String, Integer> index = classIndex();
        List<String> bad = new ArrayList<>();
        int count = 0;
        for (int s = 0; s < 2; s++) {
            int[] items = s == 0 ? train : valid;
            String[] raw = s == 0 ? trainRaw : validRaw;
            for (int i = 0; i < items.length; i++) {
                if (raw[i] == null || !index.containsKey(raw[i])) {
                    count++;
                    if (bad.size() < 5) {
                        bad.add(list.where(items[i]) + " (" + (s == 0 ? "train" : "valid") + "): "
                                + (raw[i] == null ? "no label" : "label '" + raw[i] + "'"));
                    }
                }
            }
        }
        if (count > 0) {
            throw new TextInputException(count + " document" + (count == 1 ? " has" : "s have")
                    + " a label (from " + labelSource + ") that is missing or not one of the classes " + classes
                    + ":\n  " + String.join("\n  ", bad) + (count > bad.size() ? "\n  ..." : "")
                    + "\ngive the classes they belong to, or call filterMissingY() to drop them");
        }
    }
}
