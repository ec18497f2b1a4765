package org.fastdjl.spark.util;

import java.util.function.Supplier;

/**
 * Turns Spark's wrapping of an executor's failure back into the error the executor threw. A task that
 * finds bad input throws an {@link IllegalArgumentException} naming the row and column; Spark reports it
 * on the driver as a {@code SparkException} ("Job aborted due to stage failure: ...") with that exception
 * as its cause, sometimes under another layer (a write's "Task failed while writing rows").
 */
public final class SparkErrors {

    private SparkErrors() {
    }

    /**
     * The bad-input error behind a failed Spark action, if there is one.
     *
     * @param e what the action threw (a {@code SparkException} is a checked exception Scala throws
     *     undeclared)
     * @return the first {@link IllegalArgumentException} in its cause chain, or {@code null}
     */
    public static IllegalArgumentException badInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException iae) {
                return iae;
            }
        }
        return null;
    }

    /**
     * Runs a Spark action and rethrows an executor's bad-input error as itself; other failures go through
     * unchanged.
     *
     * @param action the action
     * @param <T> what it returns
     * @return its result
     * @throws IllegalArgumentException when a task failed on bad input
     */
    public static <T> T run(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            IllegalArgumentException bad = badInput(e);
            if (bad != null) {
                throw bad;
            }
            throw SparkErrors.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }
}
