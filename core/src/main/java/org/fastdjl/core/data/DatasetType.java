package org.fastdjl.core.data;

/** Which part of a {@link DataBunch}: as fastai's {@code DatasetType}. */
public enum DatasetType {
    /** The training set, shuffled, incomplete last batch dropped. */
    TRAIN,
    /** The validation set, in order. */
    VALID,
    /** The (unlabelled) test set, in order. */
    TEST
}
