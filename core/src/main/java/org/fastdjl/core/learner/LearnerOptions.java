package org.fastdjl.core.learner;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.metrics.Metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The options every application's learner factory shares with {@link Learner.Builder} (fastai's
 * {@code **learn_kwargs}): metrics, callbacks, weight decay, the files' folder, the printed table and
 * libtorch's thread count. {@code Collab.learner(...)}, {@code Tabular.learner(...)} and {@code
 * Vision.cnnLearner(...)} extend it and add their model's options.
 *
 * @param <B> the concrete builder, returned by every {@code opt} method
 */
public abstract class LearnerOptions<B extends LearnerOptions<B>> {

    private final List<Metric> metrics = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private double wd = Learner.DEFAULT_WD;
    private boolean silent;
    private Path path;
    private int numThreads;

    /**
     * Starts with fastai's defaults and the given thread count.
     *
     * @param numThreads libtorch's intra-op threads during fits (0 for the engine's default)
     */
    protected LearnerOptions(int numThreads) {
        this.numThreads = numThreads;
    }

    /** @return this builder, typed */
    protected abstract B self();

    /**
     * Adds validation metrics.
     *
     * @param metrics the metrics
     * @return this builder
     */
    public B optMetrics(Metric... metrics) {
        this.metrics.addAll(Arrays.asList(metrics));
        return self();
    }

    /**
     * Adds callbacks that run in every fit (fastai's {@code callback_fns}).
     *
     * @param callbacks the callbacks
     * @return this builder
     */
    public B optCallbacks(Callback... callbacks) {
        this.callbacks.addAll(Arrays.asList(callbacks));
        return self();
    }

    /**
     * Sets the weight decay (fastai's 1e-2, decoupled).
     *
     * @param wd the weight decay
     * @return this builder
     */
    public B optWd(double wd) {
        this.wd = wd;
        return self();
    }

    /**
     * Turns off the printed results table.
     *
     * @param silent whether to print nothing
     * @return this builder
     */
    public B optSilent(boolean silent) {
        this.silent = silent;
        return self();
    }

    /**
     * Sets the folder for saved models and plots (default: the data's path, so models go to {@code
     * data.path()/models} as in fastai).
     *
     * @param path the folder
     * @return this builder
     */
    public B optPath(Path path) {
        this.path = Objects.requireNonNull(path, "path");
        return self();
    }

    /**
     * Sets libtorch's intra-op threads while the learner fits or predicts, restored afterwards (0 for
     * the engine's default of one per core). Small models run faster on one thread.
     *
     * @param numThreads the count
     * @return this builder
     */
    public B optNumThreads(int numThreads) {
        if (numThreads < 0) {
            throw new IllegalArgumentException("numThreads must be >= 0, got " + numThreads);
        }
        this.numThreads = numThreads;
        return self();
    }

    /**
     * Passes the shared options on to a learner builder.
     *
     * @param b the learner builder
     * @return {@code b}
     */
    protected Learner.Builder configure(Learner.Builder b) {
        if (path != null) {
            b.optPath(path);
        }
        return b.optWd(wd)
                .optSilent(silent)
                .optNumThreads(numThreads)
                .optMetrics(metrics.toArray(new Metric[0]))
                .optCallbacks(callbacks.toArray(new Callback[0]));
    }
}
