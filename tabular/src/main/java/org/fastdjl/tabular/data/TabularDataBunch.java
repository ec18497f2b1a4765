package org.fastdjl.tabular.data;

import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.fastdjl.core.data.ArrayDataLoader;
import org.fastdjl.core.data.ArrayDataset;
import org.fastdjl.core.data.ArrayField;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DataLoader;
import org.fastdjl.core.nn.Losses;

/**
 * The batches of a processed tabular data block, fastai v1's {@code TabularDataBunch}: each batch holds
 * {@code x = [cats (int64, (bs, k)), conts (float32, (bs, m))]} and {@code y = [labels]} (int64 class
 * indices for classification, float32 targets for regression; none for the test set). The loss follows
 * the labels (cross-entropy or MSE, flattened), {@link #c()} is the number of classes (1 for
 * regression). The training set is shuffled with its incomplete last batch dropped; validation and
 * test go in order. A table without categorical (or continuous) columns still gives both inputs, with
 * shape {@code (bs, 0)}.
 *
 * <p>Made from the data block as in fastai, where the data block ends:
 *
 * <pre>{@code
 * TabularDataBunch data = TabularList.fromTable(df)
 *         .catNames(catNames).contNames(contNames)
 *         .procs(FillMissing::new, Categorify::new, Normalize::new)
 *         .splitByIdxRange(800, 1000)
 *         .labelFromCol("salary")
 *         .addTest(test)
 *         .databunch();           // bs 64, as fastai's .databunch()
 * data.showBatch(10);
 * }</pre>
 */
public final class TabularDataBunch extends DataBunch {

    /** fastai's default batch size. */
    public static final int DEFAULT_BS = 64;

    private final TabularData data;

    private TabularDataBunch(TabularData data, int bs, Random random) {
        super(loader(data.train(), data, bs, true, random),
                loader(data.valid(), data, bs, false, random),
                data.hasTest() ? loader(data.test(), data, bs, false, random) : null,
                data.isClassification() ? Losses.crossEntropyFlat() : Losses.mseFlat(),
                data.c(),
                new TabularItemFormatter(data));
        this.data = data;
        setPath(data.path());
    }

    /**
     * Batches a processed data block (what {@link TabularData#databunch(int)} does).
     *
     * @param data the processed data block
     * @param bs the batch size of every loader
     * @return the data bunch; its training shuffle is seeded by {@code Fastdjl.setSeed}, if called
     */
    public static TabularDataBunch from(TabularData data, int bs) {
        return new TabularDataBunch(Objects.requireNonNull(data, "data"), checkBs(bs), org.fastdjl.core.Fastdjl.random());
    }

    /**
     * Batches a processed data block with a seeded training shuffle, for runs that repeat exactly.
     *
     * @param data the processed data block
     * @param bs the batch size of every loader
     * @param seed the seed of the training shuffle
     * @return the data bunch
     */
    public static TabularDataBunch from(TabularData data, int bs, long seed) {
        return new TabularDataBunch(Objects.requireNonNull(data, "data"), checkBs(bs), new Random(seed));
    }

    private static int checkBs(int bs) {
        if (bs < 1) {
            throw new IllegalArgumentException("bs must be >= 1, got " + bs);
        }
        return bs;
    }

    private static DataLoader loader(TabularSplit split, TabularData data, int bs, boolean train, Random random) {
        return new ArrayDataLoader(dataset(split, data.labelName()), bs, train, train, random);
    }

    /**
     * The arrays of one split as a data set: inputs {@code cats (n, k)} and {@code conts (n, m)}, and the
     * labels when the split has them.
     *
     * @param split a processed split
     * @param labelName the name of the label field
     * @return the data set
     */
    static ArrayDataset dataset(TabularSplit split, String labelName) {
        int n = split.size();
        List<ArrayField> x = List.of(
                ArrayField.indexRows("cats", split.catCodes(), n, split.catCount()),
                ArrayField.floatRows("conts", split.conts(), n, split.contCount()));
        List<ArrayField> y;
        if (!split.hasLabels()) {
            y = List.of();
        } else if (split.hasClassLabels()) {
            y = List.of(ArrayField.indices(labelName, split.labelIndices(), 0));
        } else {
            y = List.of(ArrayField.floats(labelName, split.labelValues(), 0));
        }
        return new ArrayDataset(x, y);
    }

    /**
     * The processed data block behind the batches: column names, classes, processors.
     *
     * @return the data block
     */
    public TabularData tabularData() {
        return data;
    }

    /**
     * The processed categorical columns, in the order of the {@code cats} input.
     *
     * @return the names (FillMissing's {@code _na} flags last)
     */
    public List<String> catNames() {
        return data.catNames();
    }

    /**
     * The continuous columns, in the order of the {@code conts} input.
     *
     * @return the names
     */
    public List<String> contNames() {
        return data.contNames();
    }

    /**
     * Whether the labels are classes (or regression targets).
     *
     * @return true for classification
     */
    public boolean isClassification() {
        return data.isClassification();
    }

    /**
     * The label classes in index order (fastai's {@code data.classes}); empty for regression.
     *
     * @return the classes
     */
    public List<String> classes() {
        return data.labelClasses();
    }
}
