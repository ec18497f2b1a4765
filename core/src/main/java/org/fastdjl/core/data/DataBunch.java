package org.fastdjl.core.data;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

import org.fastdjl.core.nn.LossFunction;
import org.fastdjl.core.util.TextTable;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The train, validation and optional test {@link DataLoader}s of one problem, with the device their
 * batches go to, as fastai v1's {@code DataBunch}. It also knows what a model for it must output
 * ({@link #c()}) and the loss that fits its labels ({@link #lossFunc()}).
 *
 * <p>The device defaults to DJL's default ({@code Engine.getInstance().defaultDevice()}: the GPU when
 * there is one) and can be changed with {@link #setDevice(Device)}. The {@link #path()} is the data's
 * folder, as fastai's {@code data.path}: learners on this data save their models in {@code
 * path/models} unless given another path.
 */
public class DataBunch {

    private final DataLoader train;
    private final DataLoader valid;
    private final DataLoader test;
    private final LossFunction lossFunc;
    private final int c;
    private final ItemFormatter formatter;
    private Device device;
    private Path path = Path.of(".");

    /**
     * Creates a data bunch.
     *
     * @param train the training loader
     * @param valid the validation loader
     * @param test the test loader, or {@code null}
     * @param lossFunc the loss that fits the labels (cross-entropy for classes, MSE for floats)
     * @param c the number of model outputs (classes, or targets for regression)
     * @param formatter how {@link #showBatch} decodes items
     */
    public DataBunch(
            DataLoader train,
            DataLoader valid,
            DataLoader test,
            LossFunction lossFunc,
            int c,
            ItemFormatter formatter) {
        this.train = Objects.requireNonNull(train, "train");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.test = test;
        this.lossFunc = Objects.requireNonNull(lossFunc, "lossFunc");
        this.c = c;
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        this.device = Engine.getInstance().defaultDevice();
    }

    /**
     * A data bunch with no items, for a learner that only predicts (one loaded from an export, as
     * fastai's {@code load_learner} gives one with an empty data bunch): it knows the loss and the
     * number of outputs, its loaders yield nothing.
     *
     * @param lossFunc the loss that fits the labels (its activation turns outputs into predictions)
     * @param c the number of model outputs
     * @return the data bunch, on DJL's default device
     */
    public static DataBunch empty(LossFunction lossFunc, int c) {
        DataLoader none = new EmptyLoader();
        return new DataBunch(none, none, null, lossFunc, c, ItemFormatters.raw());
    }

    /** A loader of no items. */
    private static final class EmptyLoader implements DataLoader {
        @Override
        public int numBatches() {
            return 0;
        }

        @Override
        public int batchSize() {
            return 1;
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public Iterator<Batch> iterator(NDManager parent) {
            return java.util.Collections.emptyIterator();
        }
    }

    /** @return the training loader */
    public DataLoader train() {
        return train;
    }

    /** @return the validation loader */
    public DataLoader valid() {
        return valid;
    }

    /** @return whether a test set was added */
    public boolean hasTest() {
        return test != null;
    }

    /**
     * The loader for one part of the data.
     *
     * @param type train, valid or test
     * @return the loader
     * @throws IllegalStateException if the test set is asked for and there is none
     */
    public DataLoader dl(DatasetType type) {
        switch (type) {
            case TRAIN:
                return train;
            case VALID:
                return valid;
            default:
                if (test == null) {
                    throw new IllegalStateException("this DataBunch has no test set: add one first");
                }
                return test;
        }
    }

    /** @return the loss that fits the labels */
    public LossFunction lossFunc() {
        return lossFunc;
    }

    /** @return the number of model outputs */
    public int c() {
        return c;
    }

    /**
     * The class names of a classification problem in label-index order (fastai's {@code data.classes});
     * the application data bunches give theirs.
     *
     * @return the classes; empty when the data does not name them (regression, or a plain data bunch)
     */
    public List<String> classes() {
        return List.of();
    }

    /** @return the device batches are created on */
    public Device device() {
        return device;
    }

    /**
     * Moves future batches to another device (the learner moves the model with them).
     *
     * @param device the device
     */
    public void setDevice(Device device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    /**
     * The data's folder (fastai's {@code data.path}): where a learner on this data keeps its files
     * ({@code path/models/...}) unless it is given another path. The data-block builders set it to
     * the folder the data was read from; the default is the working folder.
     *
     * @return the folder
     */
    public Path path() {
        return path;
    }

    /**
     * Sets the data's folder.
     *
     * @param path the folder
     * @return this data bunch
     */
    public DataBunch setPath(Path path) {
        this.path = Objects.requireNonNull(path, "path");
        return this;
    }

    /** @return the formatter that decodes items */
    public ItemFormatter formatter() {
        return formatter;
    }

    /**
     * Prints the first {@code rows} items of the first batch of the training set, decoded, as fastai's
     * {@code show_batch}.
     *
     * @param rows how many items to show
     */
    public void showBatch(int rows) {
        showBatch(rows, DatasetType.TRAIN, System.out);
    }

    /**
     * Prints the first {@code rows} items of the first batch of a data set, decoded.
     *
     * @param rows how many items to show
     * @param type which data set
     * @param out where to print
     */
    public void showBatch(int rows, DatasetType type, PrintStream out) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Iterator<Batch> it = dl(type).iterator(manager);
            if (!it.hasNext()) {
                out.println("(empty " + type.name().toLowerCase() + " set)");
                return;
            }
            try (Batch batch = it.next()) {
                List<List<String>> body = new ArrayList<>();
                for (int r = 0; r < Math.min(rows, batch.size()); r++) {
                    body.add(formatter.format(batch, r, type));
                }
                out.print(TextTable.format(formatter.columns(), body));
            }
        }
    }

    /**
     * A description as fastai prints a DataBunch: the sizes of the sets and their batches, the classes,
     * the path and device, and the first two validation items decoded (the validation set is not
     * shuffled, so printing the data draws nothing from the training shuffle).
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(";\n");
        sb.append("Train: ").append(describe(train)).append('\n');
        sb.append("Valid: ").append(describe(valid)).append('\n');
        if (test != null) {
            sb.append("Test: ").append(describe(test)).append('\n');
        }
        List<String> classes = classes();
        sb.append("c: ").append(c);
        if (!classes.isEmpty()) {
            int n = Math.min(10, classes.size());
            sb.append("; classes: ").append(classes.subList(0, n)).append(classes.size() > n ? " ..." : "");
        }
        sb.append("; path: ").append(path).append("; device: ").append(device).append('\n');
        if (valid.size() > 0) {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                PrintStream out = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
                showBatch(2, DatasetType.VALID, out);
                sb.append("First validation items:\n").append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                sb.append("(the items cannot be shown: ").append(e.getMessage()).append(")\n");
            }
        }
        return sb.toString();
    }

    private static String describe(DataLoader dl) {
        return String.format(java.util.Locale.ROOT, "%,d items, %,d batch%s of %d", dl.size(), dl.numBatches(),
                dl.numBatches() == 1 ? "" : "es", dl.batchSize());
    }
}
