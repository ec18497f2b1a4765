package org.fastdjl.tabular.data;

/** The three parts of a data block: the processors learn on {@link #TRAIN} only. */
public enum Split {
    /** The training rows; every statistic is learned here. */
    TRAIN,
    /** The validation rows, processed with the training statistics. */
    VALID,
    /** The optional unlabelled test rows added with {@link TabularData#addTest}. */
    TEST
}
