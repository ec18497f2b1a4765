package org.fastdjl.text.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DataLoader;
import org.fastdjl.core.data.ItemFormatter;
import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.text.transform.Vocab;

/**
 * The loaders of processed text data, fastai v1's {@code TextDataBunch}: a {@link TextLMDataBunch} for a
 * language model or a {@link TextClasDataBunch} for a classifier, with the {@link TextData} they were
 * made from. The loss is cross-entropy for both (the LM's targets are the next tokens).
 *
 * <pre>{@code
 * TextDataBunch dataLm = TextList.fromCsv(path, "texts.csv", "text").splitFromCol(2).labelForLm().databunch();
 * dataLm.save(Path.of("out/data_lm.fdjl"));                      // data_lm.save('data_lm.pkl')
 * TextDataBunch again = TextDataBunch.loadData(Path.of("out/data_lm.fdjl"), 64);   // load_data(path, ..., bs=64)
 * again.showBatch(5);
 * }</pre>
 */
public abstract class TextDataBunch extends DataBunch {

    private final TextData data;

    /**
     * Creates a text data bunch.
     *
     * @param data the processed data
     * @param train the training loader
     * @param valid the validation loader
     * @param test the test loader, or {@code null}
     * @param c the model's number of outputs (vocab size or number of classes)
     * @param formatter how {@code showBatch} decodes items
     */
    protected TextDataBunch(TextData data, DataLoader train, DataLoader valid, DataLoader test, int c,
            ItemFormatter formatter) {
        super(train, valid, test, Losses.crossEntropyFlat(), c, formatter);
        this.data = data;
    }

    /**
     * The processed data the loaders read.
     *
     * @return the data
     */
    public TextData data() {
        return data;
    }

    /**
     * The vocab (fastai's {@code data.vocab}); pass it to the classifier's {@link TextList#optVocab}.
     *
     * @return the vocab
     */
    public Vocab vocab() {
        return data.vocab();
    }

    /**
     * Saves the processed data (fastai's {@code data.save(file)}); {@link #loadData} makes loaders from it
     * without tokenizing again.
     *
     * @param file where to write, atomically
     * @throws IOException when it cannot be written
     */
    public void save(Path file) throws IOException {
        data.save(file);
    }

    /**
     * Loads saved data with fastai's batch size for its kind (fastai's {@code load_data(path, file)}).
     *
     * @param file a file written by {@link #save}
     * @return a {@link TextLMDataBunch} or a {@link TextClasDataBunch}
     * @throws IOException naming the file and what is wrong with it
     */
    public static TextDataBunch loadData(Path file) throws IOException {
        TextDataBunch bunch = TextData.load(file).databunch();
        bunch.setPath(folderOf(file));
        return bunch;
    }

    /** The folder of a saved file: fastai's {@code load_data(path, file)} makes it the data's path. */
    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".");
    }

    /**
     * Loads saved data with a batch size (fastai's {@code load_data(path, file, bs=bs)}).
     *
     * @param file a file written by {@link #save}
     * @param bs the batch size
     * @return a {@link TextLMDataBunch} or a {@link TextClasDataBunch}
     * @throws IOException naming the file and what is wrong with it
     */
    public static TextDataBunch loadData(Path file, int bs) throws IOException {
        TextDataBunch bunch = TextData.load(file).databunch(bs);
        bunch.setPath(folderOf(file));
        return bunch;
    }

    /** A numpy generator from a seed, or from a random seed. */
    static NumpyRandom rng(Long seed) {
        return new NumpyRandom(seed != null ? seed : org.fastdjl.core.Fastdjl.numpySeed());
    }

    static int checkBs(int bs) {
        if (bs < 1) {
            throw new IllegalArgumentException("bs must be at least 1, got " + bs);
        }
        return bs;
    }
}
