package org.fastdjl.core.optim;

import java.util.Arrays;

/**
 * A learning rate for a model split in layer groups, as fastai v1 accepts it: one rate for every group,
 * {@code slice(stop)} (stop/10 for every group but the last, which gets stop), or {@code slice(start,
 * stop)} (geometric steps from start to stop across the groups), or an explicit rate per group.
 *
 * <pre>{@code
 * learn.fitOneCycle(1, Lr.slice(1e-2 / (2.6 * 2.6 * 2.6 * 2.6), 1e-2));
 * }</pre>
 */
public final class Lr {

    private final double start;
    private final double stop;
    private final double[] explicit;
    private final Kind kind;

    private enum Kind {
        SINGLE,
        SLICE_STOP,
        SLICE,
        EXPLICIT
    }

    private Lr(Kind kind, double start, double stop, double[] explicit) {
        this.kind = kind;
        this.start = start;
        this.stop = stop;
        this.explicit = explicit;
        if (explicit == null) {
            check(stop);
            if (kind == Kind.SLICE) {
                check(start);
            }
        } else {
            for (double v : explicit) {
                check(v);
            }
        }
    }

    private static void check(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("a learning rate must be a positive number, got " + lr);
        }
    }

    /**
     * The same rate for every layer group.
     *
     * @param lr the rate
     * @return the rate
     */
    public static Lr of(double lr) {
        return new Lr(Kind.SINGLE, lr, lr, null);
    }

    /**
     * fastai's {@code slice(stop)}: stop/10 for every group but the last, stop for the last.
     *
     * @param stop the last group's rate
     * @return the rates
     */
    public static Lr slice(double stop) {
        return new Lr(Kind.SLICE_STOP, 0, stop, null);
    }

    /**
     * fastai's {@code slice(start, stop)}: {@code even_mults(start, stop, n)}, geometric steps from start
     * (first group) to stop (last group).
     *
     * @param start the first group's rate
     * @param stop the last group's rate
     * @return the rates
     */
    public static Lr slice(double start, double stop) {
        return new Lr(Kind.SLICE, start, stop, null);
    }

    /**
     * One explicit rate per layer group.
     *
     * @param perGroup the rates, first group first
     * @return the rates
     */
    public static Lr perGroup(double... perGroup) {
        return new Lr(Kind.EXPLICIT, 0, 0, perGroup.clone());
    }

    /**
     * The rate of each group, as fastai's {@code Learner.lr_range}.
     *
     * @param nGroups the number of layer groups
     * @return one rate per group
     * @throws IllegalArgumentException if explicit rates don't match the number of groups
     */
    public double[] forGroups(int nGroups) {
        double[] res = new double[nGroups];
        switch (kind) {
            case SINGLE:
                Arrays.fill(res, stop);
                return res;
            case SLICE_STOP:
                Arrays.fill(res, stop / 10);
                res[nGroups - 1] = stop;
                return res;
            case SLICE:
                if (nGroups == 1) {
                    res[0] = stop; // fastai's even_mults divides by n-1; one group takes the stop rate
                    return res;
                }
                double step = Math.pow(stop / start, 1.0 / (nGroups - 1));
                for (int i = 0; i < nGroups; i++) {
                    res[i] = start * Math.pow(step, i);
                }
                return res;
            default:
                if (explicit.length != nGroups) {
                    throw new IllegalArgumentException(
                            explicit.length + " learning rates given for " + nGroups + " layer groups");
                }
                return explicit.clone();
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case SINGLE:
                return Double.toString(stop);
            case SLICE_STOP:
                return "slice(" + stop + ")";
            case SLICE:
                return "slice(" + start + ", " + stop + ")";
            default:
                return Arrays.toString(explicit);
        }
    }
}
