package org.fastdjl.core;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;

import org.fastdjl.core.data.ArrayDataLoader;
import org.fastdjl.core.data.ArrayDataset;
import org.fastdjl.core.data.ArrayField;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.ItemFormatters;
import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.Linear;
import org.fastdjl.core.nn.Losses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Small generated data sets and models for tests (shared with the other modules as a test-jar). */
public final class TestData {

    private TestData() {}

    /**
     * A regression problem {@code y = x . w + 0.5 + noise} with 3 inputs.
     *
     * @param n items in train (valid gets n/4)
     * @param bs batch size
     * @param seed the seed
     * @return the data
     */
    public static DataBunch regression(int n, int bs, long seed) {
        Random r = new Random(seed);
        float[] w = {1.5f, -2f, 0.7f};
        ArrayDataset train = regressionSet(n, w, r);
        ArrayDataset valid = regressionSet(Math.max(1, n / 4), w, r);
        return new DataBunch(
                new ArrayDataLoader(train, bs, true, true, new Random(seed)),
                new ArrayDataLoader(valid, bs, false, false, new Random(seed)),
                null,
                Losses.mseFlat(),
                1,
                ItemFormatters.raw());
    }

    private static ArrayDataset regressionSet(int n, float[] w, Random r) {
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            float s = 0.5f;
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) r.nextGaussian();
                s += x[i * 3 + j] * w[j];
            }
            y[i] = s + 0.05f * (float) r.nextGaussian();
        }
        return new ArrayDataset(List.of(ArrayField.floats("x", x, 3)), List.of(ArrayField.floats("y", y, 0)));
    }

    /**
     * A classification problem: 3 inputs, 3 classes by the sign pattern of two of them.
     *
     * @param n items in train (valid gets n/4)
     * @param bs batch size
     * @param seed the seed
     * @return the data
     */
    public static DataBunch classification(int n, int bs, long seed) {
        Random r = new Random(seed);
        ArrayDataset train = classSet(n, r);
        ArrayDataset valid = classSet(Math.max(1, n / 4), r);
        return new DataBunch(
                new ArrayDataLoader(train, bs, true, true, new Random(seed)),
                new ArrayDataLoader(valid, bs, false, false, new Random(seed)),
                null,
                Losses.crossEntropyFlat(),
                3,
                ItemFormatters.raw());
    }

    private static ArrayDataset classSet(int n, Random r) {
        float[] x = new float[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) r.nextGaussian();
            }
            y[i] = x[i * 3] > 0 ? (x[i * 3 + 1] > 0 ? 2 : 1) : 0;
        }
        return new ArrayDataset(List.of(ArrayField.floats("x", x, 3)), List.of(ArrayField.indices("y", y, 0)));
    }

    /**
     * A small MLP: Linear(3, hidden) - ReLU - BatchNorm1d - Linear(hidden, out).
     *
     * @param hidden hidden units
     * @param out outputs
     * @return the model
     */
    public static SequentialBlock mlp(int hidden, int out) {
        return new SequentialBlock()
                .add(new Linear(3, hidden))
                .add(Activation.reluBlock())
                .add(new BatchNorm1d(hidden))
                .add(new Linear(hidden, out));
    }

    /**
     * A fresh temporary folder.
     *
     * @return the folder
     */
    public static Path tempDir() {
        try {
            return Files.createTempDirectory("fastdjl-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The lesson data folder ({@code -Dfastdjl.data}, else {@code FASTDJL_DATA}, else {@code
     * ../shared/data}), which may not exist.
     *
     * @return the folder
     */
    public static Path dataDir() {
        String p = System.getProperty("fastdjl.data");
        if (p == null || p.isBlank()) {
            p = System.getenv("FASTDJL_DATA");
        }
        if (p == null || p.isBlank()) {
            p = "../shared/data";
        }
        return Path.of(p);
    }
}
