package org.fastdjl.core.callback;

import java.util.Arrays;
import java.util.Locale;

/**
 * Learning rates suggested by an LR finder run, by fastai v2's rules beside fastai v1's, each computed
 * on the smoothed losses without the first 10 and the last 5 batches (fastai's {@code skip_start=10,
 * skip_end=5}; v2 skips {@code num_it // 10}, the same 10 for the default 100) and without anything
 * after a loss that is not a number:
 *
 * <ul>
 *   <li>{@link #valley()} (v2's default): the middle of the longest stretch over which the loss keeps
 *       falling, a third of the way in plus half of that again;</li>
 *   <li>{@link #steep()} (v2's {@code steep}): where the loss falls fastest per decade of learning
 *       rate;</li>
 *   <li>{@link #minimumOver10()} (v2's {@code minimum}): the learning rate of the lowest loss, divided by
 *       10;</li>
 *   <li>{@link #minGrad()} (v1's "min numerical gradient"): where {@code numpy.gradient} of the loss per
 *       batch is lowest. It follows the noise of the first batches and can land decades below where the
 *       loss falls (7.6e-7 on the collab sample), so it is not the one {@code lrFind()} returns.</li>
 * </ul>
 *
 * @param valley fastai v2's default suggestion
 * @param steep the steepest fall
 * @param minimumOver10 a tenth of the learning rate at the lowest loss
 * @param minGrad fastai v1's suggestion
 * @param valleyLoss the smoothed loss at {@code valley} (for marking the plot)
 * @param steepLoss the smoothed loss at {@code steep}
 * @param minimumLoss the lowest smoothed loss
 * @param minGradLoss the smoothed loss at {@code minGrad}
 */
public record LrSuggestions(double valley, double steep, double minimumOver10, double minGrad, double valleyLoss,
                            double steepLoss, double minimumLoss, double minGradLoss) {

    /** Batches left out at the start, as fastai. */
    public static final int SKIP_START = 10;
    /** Batches left out at the end, as fastai. */
    public static final int SKIP_END = 5;

    /** No suggestion: too few batches were recorded. */
    public static final LrSuggestions NONE = new LrSuggestions(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /**
     * Computes the suggestions of a run.
     *
     * @param lrs the learning rate of each batch
     * @param losses the smoothed loss of each batch
     * @return the suggestions, or {@link #NONE} when fewer than 3 batches are left after skipping
     */
    public static LrSuggestions of(double[] lrs, double[] losses) {
        int n = Math.min(lrs.length, losses.length);
        int end = n - SKIP_END;
        for (int i = SKIP_START; i < end; i++) {
            if (Double.isNaN(losses[i])) {
                end = i;
                break;
            }
        }
        if (end - SKIP_START < 3) {
            return NONE;
        }
        double[] r = Arrays.copyOfRange(lrs, SKIP_START, end);
        double[] l = Arrays.copyOfRange(losses, SKIP_START, end);
        int v = valleyIndex(l);
        int s = steepIndex(r, l);
        int m = argMin(l);
        int g = minGradIndex(l);
        return new LrSuggestions(r[v], r[s], r[m] / 10, r[g], l[v], l[s], l[m], l[g]);
    }

    /** fastai v2's {@code valley}: the longest decreasing run of losses (any subsequence), then its middle. */
    static int valleyIndex(double[] losses) {
        int n = losses.length;
        int[] lds = new int[n];
        Arrays.fill(lds, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int) sections + (int) (sections / 2);
        return Math.max(0, Math.min(n - 1, idx));
    }

    /** fastai v2's {@code steep}: the lowest slope of loss against log learning rate. */
    static int steepIndex(double[] lrs, double[] losses) {
        int best = 0;
        double bestGrad = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < losses.length; i++) {
            double g = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
            if (g < bestGrad) {
                bestGrad = g;
                best = i;
            }
        }
        return best;
    }

    /** fastai v1's {@code np.gradient(losses).argmin()}: central differences inside, one-sided at the ends. */
    static int minGradIndex(double[] l) {
        int best = 0;
        double bestGrad = Double.POSITIVE_INFINITY;
        for (int i = 0; i < l.length; i++) {
            double g = i == 0 ? l[1] - l[0] : i == l.length - 1 ? l[i] - l[i - 1] : (l[i + 1] - l[i - 1]) / 2;
            if (g < bestGrad) {
                bestGrad = g;
                best = i;
            }
        }
        return best;
    }

    private static int argMin(double[] l) {
        int best = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] < l[best]) {
                best = i;
            }
        }
        return best;
    }

    /** @return whether the run gave suggestions */
    public boolean isPresent() {
        return !Double.isNaN(valley);
    }

    /**
     * The line an LR finder prints: the suggestion and the rule that made it, the other rules beside.
     *
     * @return for example {@code LR Finder is complete: suggested lr 2.29E-02 (fastai v2's valley rule);
     *     steep 1.10E-02, minimum/10 4.79E-02, fastai v1's min numerical gradient 7.59E-07}
     */
    @Override
    public String toString() {
        if (!isPresent()) {
            return "LR Finder is complete: too few batches for a suggestion";
        }
        return String.format(Locale.ROOT, "LR Finder is complete: suggested lr %.2E (fastai v2's valley rule); "
                + "steep %.2E, minimum/10 %.2E, fastai v1's min numerical gradient %.2E", valley, steep,
                minimumOver10, minGrad);
    }
}
