package org.fastdjl.text.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.fastdjl.text.transform.Vocab;

/**
 * Processed text data: the token ids of the train, valid and optional test documents, the
 * {@link Vocab}, and for a classifier the classes and labels. What fastai v1's labelled lists hold
 * after processing, and what {@code data.save('data_lm.pkl')} / {@code load_data} keep, so that a
 * second run skips tokenization:
 *
 * <pre>{@code
 * TextData data = TextList.fromCsv(path, "texts.csv", "text").splitFromCol(2).labelForLm().process();
 * data.save(Path.of("models/data_lm.fdjl"));
 * TextDataBunch again = TextData.load(Path.of("models/data_lm.fdjl")).databunch(64);
 * }</pre>
 *
 * <p>Immutable.
 */
public final class TextData {

    /** fastai's language-model batch size. */
    public static final int LM_BS = 64;
    /** fastai's classifier batch size. */
    public static final int CLAS_BS = 32;

    private final boolean lm;
    private final Vocab vocab;
    private final List<String> classes;
    private final TextSplit train;
    private final TextSplit valid;
    private final TextSplit test;
    private final int droppedEmpty;
    private final String origin;

    TextData(boolean lm, Vocab vocab, List<String> classes, TextSplit train, TextSplit valid, TextSplit test,
            int droppedEmpty, String origin) {
        this.lm = lm;
        this.vocab = Objects.requireNonNull(vocab, "vocab");
        this.classes = List.copyOf(classes);
        this.train = Objects.requireNonNull(train, "train");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.test = test;
        this.droppedEmpty = droppedEmpty;
        this.origin = Objects.requireNonNull(origin, "origin");
        if (lm != classes.isEmpty() || lm == train.hasLabels() || lm == valid.hasLabels()) {
            throw new IllegalArgumentException(lm ? "language-model data has no classes or labels"
                    : "classifier data needs classes and labelled train and valid splits");
        }
    }

    /**
     * Language-model data processed elsewhere (such as on a Spark cluster): what
     * {@code TextList...labelForLm().process()} makes, to {@link #save} and load with
     * {@link TextDataBunch#loadData}.
     *
     * @param vocab the vocab, made on the training split
     * @param train the training documents, without labels
     * @param valid the validation documents, without labels
     * @param droppedEmpty how many empty documents were left out
     * @param origin where the documents came from ({@link #origin()})
     * @return the data
     * @throws IllegalArgumentException when a split has labels or no document, or an id is outside the vocab
     */
    public static TextData languageModel(Vocab vocab, TextSplit train, TextSplit valid, int droppedEmpty,
            String origin) {
        for (TextSplit s : List.of(train, valid)) {
            if (s.size() == 0) {
                throw new IllegalArgumentException("the " + (s == train ? "training" : "validation")
                        + " split has no document");
            }
            int[] ids = s.flatIds();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0 || ids[i] >= vocab.size()) {
                    throw new IllegalArgumentException("token " + i + " of the " + (s == train ? "training" : "validation")
                            + " split has id " + ids[i] + ", outside the vocab of " + vocab.size());
                }
            }
        }
        return new TextData(true, vocab, List.of(), train, valid, null, droppedEmpty, origin);
    }

    /**
     * Whether this is language-model data ({@code label_for_lm}).
     *
     * @return true for a language model, false for a classifier
     */
    public boolean isLanguageModel() {
        return lm;
    }

    /**
     * The vocab: the one given with {@link TextList#optVocab} (the same object), else the one made on the
     * training split.
     *
     * @return the vocab
     */
    public Vocab vocab() {
        return vocab;
    }

    /**
     * The classes of a classifier.
     *
     * @return the class names, empty for a language model
     */
    public List<String> classes() {
        return classes;
    }

    /** @return the training documents */
    public TextSplit train() {
        return train;
    }

    /** @return the validation documents */
    public TextSplit valid() {
        return valid;
    }

    /** @return whether a test set was added */
    public boolean hasTest() {
        return test != null;
    }

    /**
     * The test documents.
     *
     * @return the unlabelled test split
     * @throws IllegalStateException when there is none
     */
    public TextSplit test() {
        if (test == null) {
            throw new IllegalStateException("no test set: add one with addTest before processing");
        }
        return test;
    }

    /**
     * How many empty documents were dropped ({@link TextList#optDropEmpty}).
     *
     * @return the count
     */
    public int droppedEmpty() {
        return droppedEmpty;
    }

    /**
     * Where the documents came from ({@link TextList#origin()}), to tell whether a saved copy is stale.
     *
     * @return the description
     */
    public String origin() {
        return origin;
    }

    /**
     * The loaders with fastai's batch size: a {@link TextLMDataBunch} with bs 64 and bptt 70, or a
     * {@link TextClasDataBunch} with bs 32.
     *
     * @return the data bunch
     */
    public TextDataBunch databunch() {
        return databunch(lm ? LM_BS : CLAS_BS);
    }

    /**
     * The loaders with this batch size (bptt 70 for a language model).
     *
     * @param bs the batch size
     * @return a {@link TextLMDataBunch} or a {@link TextClasDataBunch}
     */
    public TextDataBunch databunch(int bs) {
        return lm ? TextLMDataBunch.builder(this).optBs(bs).build() : TextClasDataBunch.builder(this).optBs(bs).build();
    }

    /**
     * Writes the data to one file (vocab, classes, ids, labels, split, origin, with a checksum) through a
     * temporary file renamed into place: a crash never leaves a half-written file.
     *
     * @param file where to write; its folder is created when missing
     * @throws IOException when it cannot be written
     */
    public void save(Path file) throws IOException {
        TextDataFile.write(file, this);
    }

    /**
     * Reads data written by {@link #save}.
     *
     * @param file the file
     * @return the data
     * @throws IOException naming the file and what is wrong: missing, not such a file, another version,
     *     truncated, corrupt (checksum), or inconsistent (an id outside the vocab, a label outside the
     *     classes)
     */
    public static TextData load(Path file) throws IOException {
        return TextDataFile.read(file);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextData d && d.lm == lm && d.vocab.equals(vocab) && d.classes.equals(classes)
                && d.train.equals(train) && d.valid.equals(valid) && Objects.equals(d.test, test)
                && d.droppedEmpty == droppedEmpty && d.origin.equals(origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lm, vocab, classes, train, valid);
    }

    @Override
    public String toString() {
        return (lm ? "language-model" : "classifier") + " data: train " + train.size() + " documents ("
                + train.totalTokens() + " tokens), valid " + valid.size() + " (" + valid.totalTokens() + ")"
                + (test != null ? ", test " + test.size() : "") + "; vocab " + vocab.size()
                + (lm ? "" : "; classes " + classes);
    }
}
