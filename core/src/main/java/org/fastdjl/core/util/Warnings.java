package org.fastdjl.core.util;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Warnings for the user, as Python's {@code warnings.warn} in fastai: something ran, but the result
 * is likely not what was meant (a categorical column whose values were mostly never seen in
 * training, say). They go to standard error by default, so they show without a logging set-up;
 * an application can send them elsewhere with {@link #setSink(Consumer)} (to its logger, or a list in
 * a test).
 *
 * <pre>{@code
 * Consumer<String> previous = Warnings.setSink(log::warn);
 * }</pre>
 */
public final class Warnings {

    private static volatile Consumer<String> sink = Warnings::toStandardError;

    private Warnings() {
    }

    /**
     * Issues a warning.
     *
     * @param message one line saying what is wrong and what to check
     */
    public static void warn(String message) {
        sink.accept(Objects.requireNonNull(message, "message"));
    }

    /**
     * Sends warnings somewhere else.
     *
     * @param newSink receives each warning's message
     * @return the sink used so far, to put back afterwards
     */
    public static Consumer<String> setSink(Consumer<String> newSink) {
        Consumer<String> previous = sink;
        sink = Objects.requireNonNull(newSink, "sink");
        return previous;
    }

    private static void toStandardError(String message) {
        PrintStream err = System.err;
        err.println("fastdjl warning: " + message);
        err.flush();
    }
}
