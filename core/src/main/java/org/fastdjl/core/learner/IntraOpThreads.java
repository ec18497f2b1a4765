package org.fastdjl.core.learner;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets libtorch's intra-op thread count for the calling thread while a fit or a prediction runs, and
 * puts the previous count back afterwards. A count of 0 leaves the engine's setting alone.
 */
final class IntraOpThreads implements AutoCloseable {

    private final int previous;

    private IntraOpThreads(int previous) {
        this.previous = previous;
    }

    /**
     * Uses {@code n} intra-op threads until {@link #close()}.
     *
     * @param n the thread count, or 0 for the engine's
     * @return the scope to close
     */
    static IntraOpThreads use(int n) {
        if (n <= 0) {
            return new IntraOpThreads(0);
        }
        int before = JniUtils.getNumThreads();
        if (before == n) {
            return new IntraOpThreads(0);
        }
        JniUtils.setNumThreads(n);
        return new IntraOpThreads(before);
    }

    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
