package org.fastdjl.core.optim;

/**
 * fastai v1's annealing functions: the value at fraction {@code pct} of the way from {@code start} to
 * {@code end}.
 */
@FunctionalInterface
public interface Annealing {

    /**
     * The value at a point of the schedule.
     *
     * @param start the value at {@code pct = 0}
     * @param end the value at {@code pct = 1}
     * @param pct how far along, in [0, 1]
     * @return the value
     */
    double at(double start, double end, double pct);

    /** Cosine from start to end: {@code end + (start-end)/2 * (cos(pi*pct) + 1)}. */
    Annealing COS = (start, end, pct) -> end + (start - end) / 2 * (Math.cos(Math.PI * pct) + 1);

    /** Linear from start to end. */
    Annealing LINEAR = (start, end, pct) -> start + pct * (end - start);

    /** Exponential from start to end: {@code start * (end/start)^pct}. */
    Annealing EXP = (start, end, pct) -> start * Math.pow(end / start, pct);

    /** Constant at start. */
    Annealing NO = (start, end, pct) -> start;
}
