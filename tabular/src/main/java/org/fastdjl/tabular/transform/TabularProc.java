package org.fastdjl.tabular.transform;

/**
 * A processor for tabular data, fastai v1's {@code TabularProc}.
 *
 * <p>It is created fresh for each data block (pass a constructor reference such as
 * {@code FillMissing::new}), learns its state in {@link #applyTrain} on the training split and then
 * applies that state, unchanged, in {@link #applyTest} to every other split or new table. It reads
 * the column names to work on from the frame at {@code applyTrain} time and remembers them.
 */
public interface TabularProc {

    /**
     * Learns this processor's statistics on the training split and transforms it in place.
     *
     * @param frame the training rows; changed in place
     */
    void applyTrain(TabularFrame frame);

    /**
     * Transforms validation, test or new rows in place with the statistics learned in
     * {@link #applyTrain}; never learns anything.
     *
     * @param frame the rows to process; changed in place
     * @throws IllegalStateException if {@link #applyTrain} has not run yet
     */
    void applyTest(TabularFrame frame);

    /**
     * Undoes this processor's effect on one continuous value, for display (fastai's {@code decodes}).
     * The default returns the value unchanged; {@link Normalize} de-normalizes.
     *
     * @param column the continuous column name
     * @param value  a processed value
     * @return the value as it was before this processor
     */
    default double decodeContinuous(String column, double value) {
        return value;
    }
}
