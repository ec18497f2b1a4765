package org.fastdjl.core.util;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for a long loop (fastai's {@code progress_bar}), drawn with {@code
 * me.tongfei:progressbar} on the terminal: a count, the elapsed time, an ETA and a short message such as
 * the smoothed loss, cleared when the loop ends so the results table stays as it is.
 *
 * <p>Bars are shown only when they can be seen and nobody reads the output as data: the JVM has a
 * terminal ({@code System.console()}), the environment has no {@code CI} variable, and the system
 * property {@code fastdjl.progress} is not {@code false} (examples set it for {@code --report} runs).
 * Otherwise every method does nothing, so tests and piped runs print exactly what they did before.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("predict", nWords)) {
 *     for (int i = 0; i < nWords; i++) { ...; p.step(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    private static final Progress OFF = new Progress(null);

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Whether bars are shown in this process now.
     *
     * @return true on a terminal outside CI, unless {@code -Dfastdjl.progress=false}
     */
    public static boolean enabled() {
        String prop = System.getProperty("fastdjl.progress");
        if (prop != null) {
            return Boolean.parseBoolean(prop) && System.console() != null;
        }
        String ci = System.getenv("CI");
        return System.console() != null && (ci == null || ci.isBlank() || ci.equalsIgnoreCase("false"));
    }

    /**
     * Starts a bar (or a no-op when bars are off).
     *
     * @param task what the loop does, e.g. {@code "epoch 1/3"}
     * @param total the number of steps
     * @return the bar, to step and close
     */
    public static Progress start(String task, long total) {
        if (!enabled() || total <= 0) {
            return OFF;
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .clearDisplayOnFinish()
                .build());
    }

    /** @return whether this bar draws anything */
    public boolean isShown() {
        return bar != null;
    }

    /** One more step done. */
    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /**
     * Sets the text after the bar.
     *
     * @param message e.g. {@code "loss 4.5312"}
     */
    public void message(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    /** Clears the bar. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
