package org.fastdjl.core.data;

/**
 * numpy's legacy {@code np.random} (MT19937 seeded by {@code np.random.seed(int)}) for the few draws
 * fastai's data block makes with it, so that a split with the same seed picks the same rows as fastai:
 * {@code split_by_rand_pct(valid_pct, seed)} is {@code np.random.seed(seed); idx =
 * np.random.permutation(n); valid = idx[:int(valid_pct * n)]}.
 *
 * <p>Not thread-safe; one instance per split.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;

    /**
     * Seeds the generator as {@code np.random.seed(seed)} does.
     *
     * @param seed the seed, 0 to 2^32-1
     */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("a numpy seed must be between 0 and 2**32 - 1, got " + seed);
        }
        long s = seed;
        for (int i = 0; i < N; i++) {
            mt[i] = (int) s;
            s = (1812433253L * (s ^ (s >>> 30)) + i + 1) & 0xffffffffL;
        }
        pos = N;
    }

    /** @return the next 32 random bits, as numpy's {@code next_uint32} */
    public long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        pos = 0;
    }

    /**
     * A uniform integer in {@code [0, max]} by masked rejection, as numpy's {@code random_interval}.
     *
     * @param max the largest value (below 2^32)
     * @return the value
     */
    public long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /**
     * {@code np.random.permutation(n)}: the numbers 0 to n-1 shuffled by numpy's Fisher-Yates.
     *
     * @param n how many
     * @return the permutation
     */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
