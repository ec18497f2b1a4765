package org.fastdjl.vision.data;

import ai.djl.modality.cv.ImageFactory;

import org.fastdjl.core.data.ArrayDataLoader;
import org.fastdjl.core.data.ArrayDataset;
import org.fastdjl.core.data.ArrayField;
import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.data.ItemFormatter;
import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.core.nn.Losses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Images in class folders as a {@link DataBunch}, as fastai's {@code ImageDataBunch.from_folder}:
 * {@code path/train/<class>/*.png} and {@code path/valid/<class>/*.png} (or one set split at random),
 * each image resized to {@code size x size}, scaled to [0, 1] and normalized with ImageNet's statistics.
 * Batches hold {@code x = [images (float32, (bs, 3, size, size))]} and {@code y = [labels (int64)]}.
 *
 * <p>Images are decoded once, in parallel, when the data bunch is built (DJL's {@link ImageFactory}),
 * and kept as one float array, so a batch is one bulk copy. No augmentation.
 */
public final class ImageDataBunch extends DataBunch {

    /** ImageNet's channel means, fastai's {@code imagenet_stats[0]}. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};

    /** ImageNet's channel standard deviations, fastai's {@code imagenet_stats[1]}. */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final List<String> classes;
    private final int size;

    private ImageDataBunch(Builder b, Loaded train, Loaded valid) {
        super(new ArrayDataLoader(train.dataset(b.size), b.bs, true, true, new Random(b.seed)),
                new ArrayDataLoader(valid.dataset(b.size), b.bs, false, false, new Random(b.seed)),
                null, Losses.crossEntropyFlat(), train.classes.size(),
                new Formatter(train.classes, train.files, valid.files));
        this.classes = List.copyOf(train.classes);
        this.size = b.size;
    }

    /**
     * Starts building from a folder.
     *
     * @param path the folder holding {@code train/} and {@code valid/} (or the class folders, with
     *     {@link Builder#optValidPct})
     * @return the builder
     */
    public static Builder fromFolder(Path path) {
        return new Builder(path);
    }

    /** @return the class names, sorted (the folder names) */
    public List<String> classes() {
        return classes;
    }

    /** @return the side of the square images */
    public int size() {
        return size;
    }

    /** @return how an image becomes a model input (resize, scale, ImageNet normalization) */
    public ImageTransform transform() {
        return ImageTransform.imagenet(size);
    }

    /** Builds an {@link ImageDataBunch}. */
    public static final class Builder {
        private final Path path;
        private String train = "train";
        private String valid = "valid";
        private double validPct = -1;
        private long seed = 42;
        private int size = 64;
        private int bs = 64;

        private Builder(Path path) {
            this.path = path;
        }

        /**
         * Names the training folder (default {@code train}).
         *
         * @param train the folder name
         * @return this builder
         */
        public Builder optTrain(String train) {
            this.train = train;
            return this;
        }

        /**
         * Names the validation folder (default {@code valid}).
         *
         * @param valid the folder name
         * @return this builder
         */
        public Builder optValid(String valid) {
            this.valid = valid;
            return this;
        }

        /**
         * Splits the class folders under {@code path} at random instead of using train/valid folders.
         *
         * @param validPct the fraction kept for validation
         * @param seed the seed (numpy's permutation, as fastai's {@code split_by_rand_pct})
         * @return this builder
         */
        public Builder optValidPct(double validPct, long seed) {
            if (!(validPct > 0 && validPct < 1)) {
                throw new IllegalArgumentException("validPct must be in (0, 1), got " + validPct);
            }
            this.validPct = validPct;
            this.seed = seed;
            return this;
        }

        /**
         * Sets the side images are resized to (default 64).
         *
         * @param size the side in pixels
         * @return this builder
         */
        public Builder optSize(int size) {
            if (size < 8) {
                throw new IllegalArgumentException("size must be >= 8, got " + size);
            }
            this.size = size;
            return this;
        }

        /**
         * Sets the batch size (default 64).
         *
         * @param bs the batch size
         * @return this builder
         */
        public Builder optBs(int bs) {
            this.bs = bs;
            return this;
        }

        /**
         * Reads the images.
         *
         * @return the data
         * @throws IOException if a folder is missing or an image cannot be decoded (the message names the
         *     file)
         */
        public ImageDataBunch build() throws IOException {
            if (validPct > 0) {
                Loaded all = Loaded.scan(path, null);
                int n = all.files.size();
                int[] perm = new NumpyRandom(seed).permutation(n);
                int cut = (int) (validPct * n);
                int[] validIdx = Arrays.copyOf(perm, cut);
                boolean[] isValid = new boolean[n];
                for (int i : validIdx) {
                    isValid[i] = true;
                }
                int[] trainIdx = IntStream.range(0, n).filter(i -> !isValid[i]).toArray();
                return wrap(() -> new ImageDataBunch(this, all.subset(trainIdx), all.subset(validIdx)));
            }
            Loaded tr = Loaded.scan(path.resolve(train), null);
            Loaded va = Loaded.scan(path.resolve(valid), tr.classes);
            return wrap(() -> new ImageDataBunch(this, tr, va));
        }

        /** Images are decoded in the constructor's parallel stream; give back their IOException. */
        private static ImageDataBunch wrap(java.util.function.Supplier<ImageDataBunch> make) throws IOException {
            try {
                return make.get();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** The files and labels of one split. */
    private static final class Loaded {
        final List<String> classes;
        final List<Path> files;
        final int[] labels;

        Loaded(List<String> classes, List<Path> files, int[] labels) {
            this.classes = classes;
            this.files = files;
            this.labels = labels;
        }

        static Loaded scan(Path dir, List<String> knownClasses) throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new IOException("no folder " + dir + ": expected one sub-folder of images per class");
            }
            List<String> classes = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(classes::add);
            }
            if (classes.isEmpty()) {
                throw new IOException(dir + " has no class folders");
            }
            if (knownClasses != null) {
                for (String c : classes) {
                    if (!knownClasses.contains(c)) {
                        throw new IOException("class folder " + dir.resolve(c) + " is not a training class; classes are "
                                + knownClasses);
                    }
                }
                classes = knownClasses;
            }
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) {
                Path cdir = dir.resolve(classes.get(c));
                if (!Files.isDirectory(cdir)) {
                    continue;
                }
                try (Stream<Path> s = Files.walk(cdir)) {
                    List<Path> imgs = s.filter(Files::isRegularFile).filter(Loaded::isImage).sorted().toList();
                    for (Path p : imgs) {
                        files.add(p);
                        labels.add(c);
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IOException("no images (" + EXTENSIONS + ") under " + dir);
            }
            return new Loaded(classes, files, labels.stream().mapToInt(Integer::intValue).toArray());
        }

        static boolean isImage(Path p) {
            String n = p.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
        }

        Loaded subset(int[] idx) {
            List<Path> f = new ArrayList<>();
            int[] l = new int[idx.length];
            for (int k = 0; k < idx.length; k++) {
                f.add(files.get(idx[k]));
                l[k] = labels[idx[k]];
            }
            return new Loaded(classes, f, l);
        }

        ArrayDataset dataset(int size) {
            int n = files.size();
            int plane = size * size;
            float[] pixels = new float[n * 3 * plane];
            IntStream.range(0, n).parallel().forEach(i -> decode(files.get(i), size, pixels, i * 3 * plane));
            return new ArrayDataset(List.of(ArrayField.floats("image", pixels, 3, size, size)),
                    List.of(ArrayField.indices("label", labels, 0)));
        }

        private static void decode(Path file, int size, float[] out, int offset) {
            try {
                ImageTransform.imagenet(size).read(file, out, offset);
            } catch (IOException | RuntimeException e) {
                throw new UncheckedIOException(e instanceof IOException io ? io
                        : new IOException("cannot read image " + file + ": " + e.getMessage(), e));
            }
        }
    }

    /** Shows the file and the class of each item. */
    private static final class Formatter implements ItemFormatter {
        private final List<String> classes;
        private final List<Path> train;
        private final List<Path> valid;

        Formatter(List<String> classes, List<Path> train, List<Path> valid) {
            this.classes = classes;
            this.train = train;
            this.valid = valid;
        }

        @Override
        public List<String> columns() {
            return List.of("file", "label");
        }

        @Override
        public List<String> format(Batch batch, int row, DatasetType type) {
            List<Path> files = type == DatasetType.TRAIN ? train : valid;
            int idx = batch.indices()[row];
            return List.of(files.get(idx).getFileName().toString(), classes.get((int) batch.y().head().getLong(row)));
        }
    }
}
