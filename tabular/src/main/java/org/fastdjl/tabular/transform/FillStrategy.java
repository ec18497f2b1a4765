package org.fastdjl.tabular.transform;

/** How {@link FillMissing} picks the value that replaces a missing one (fastai v1's {@code FillStrategy}). */
public enum FillStrategy {
    /** The median of the training values (pandas {@code median()}: mean of the two middle ones). The default. */
    MEDIAN,
    /** The most common training value; a tie goes to the value seen first in the training rows. */
    COMMON,
    /** A fixed value, {@link FillMissing#fillValue(double)} (0 by default). */
    CONSTANT
}
