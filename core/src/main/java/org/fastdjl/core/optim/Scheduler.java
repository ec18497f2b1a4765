package org.fastdjl.core.optim;

/**
 * Steps a per-group value (learning rates, momentum) from {@code start} to {@code end} over {@code
 * nIter} iterations with an {@link Annealing} function, as fastai v1's {@code Scheduler}: the first
 * {@link #step()} returns the value at {@code 1/nIter}.
 */
public final class Scheduler {

    private final double[] start;
    private final double[] end;
    private final int nIter;
    private final Annealing func;
    private int n;

    /**
     * Creates a scheduler over per-group values.
     *
     * @param start the values at the start, one per group
     * @param end the values at the end, one per group
     * @param nIter the number of iterations (at least 1)
     * @param func the annealing function
     */
    public Scheduler(double[] start, double[] end, int nIter, Annealing func) {
        if (start.length != end.length) {
            throw new IllegalArgumentException("start and end have different numbers of groups");
        }
        this.start = start.clone();
        this.end = end.clone();
        this.nIter = Math.max(1, nIter);
        this.func = func;
    }

    /**
     * Creates a scheduler over one value shared by all groups.
     *
     * @param start the value at the start
     * @param end the value at the end
     * @param nIter the number of iterations
     * @param func the annealing function
     */
    public Scheduler(double start, double end, int nIter, Annealing func) {
        this(new double[] {start}, new double[] {end}, nIter, func);
    }

    /** @return the values at the start (a copy) */
    public double[] start() {
        return start.clone();
    }

    /**
     * Advances one iteration.
     *
     * @return the values after this iteration
     */
    public double[] step() {
        n++;
        double pct = (double) n / nIter;
        double[] res = new double[start.length];
        for (int i = 0; i < res.length; i++) {
            res[i] = func.at(start[i], end[i], pct);
        }
        return res;
    }

    /** @return whether all iterations were stepped */
    public boolean isDone() {
        return n >= nIter;
    }
}
