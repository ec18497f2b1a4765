package org.fastdjl.core;

import ai.djl.engine.Engine;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Library-wide settings. {@link #setSeed(int)} makes a run repeat exactly, as fastai users do with
 * {@code random.seed}, {@code np.random.seed} and {@code torch.manual_seed} together: it seeds the
 * engine's generator (weight initialization, dropout) and every random choice the data makes
 * afterwards without a seed of its own (random splits such as {@code splitByRandPct(pct)}, the
 * training shuffles of {@code databunch()}, collab's split without {@code optSeed}).
 *
 * <pre>{@code
 * Fastdjl.setSeed(42);                        // before building the data and the learner
 * TabularDataBunch data = TabularList.fromTable(df)...splitByRandPct(0.2).labelFromCol("salary").databunch();
 * TabularLearner learn = Tabular.learner(data).build();
 * learn.fit(1, 1e-2);                         // the same losses, bit for bit, on every run
 * }</pre>
 *
 * <p>The data's random generators are drawn from the seed in the order the data is built, so two runs
 * repeat when they build the same things in the same order. Without a seed every run differs.
 */
public final class Fastdjl {

    private static volatile Long seed;
    private static final AtomicLong DRAWS = new AtomicLong();

    private Fastdjl() {}

    /**
     * Seeds everything a run draws from: the engine's generator and the generators the data takes
     * from {@link #random()} from now on.
     *
     * @param seed the seed, 0 or more
     */
    public static synchronized void setSeed(int seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("the seed must be >= 0, got " + seed);
        }
        Engine.getInstance().setRandomSeed(seed);
        Fastdjl.seed = (long) seed;
        DRAWS.set(0);
    }

    /** Forgets the seed: from now on the data draws unseeded generators (the engine's stays as it is). */
    public static synchronized void clearSeed() {
        seed = null;
    }

    /**
     * The seed set by {@link #setSeed(int)}, if any.
     *
     * @return the seed, or {@code null}
     */
    public static Long seed() {
        return seed;
    }

    /**
     * A generator for a random choice that was given no seed of its own: seeded from {@link
     * #setSeed(int)} (a different stream for each call, in call order), or unseeded when no seed is set.
     *
     * @return the generator
     */
    public static Random random() {
        Long s = seed;
        if (s == null) {
            return new Random();
        }
        long n = DRAWS.incrementAndGet();
        return new Random(s * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L);
    }

    /**
     * A seed for numpy's generator ({@code NumpyRandom}) for a split that was given none.
     *
     * @return a seed in [0, 2^32)
     */
    public static long numpySeed() {
        return random().nextInt() & 0xffffffffL;
    }
}
