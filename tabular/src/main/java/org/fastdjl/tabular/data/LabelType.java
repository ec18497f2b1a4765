package org.fastdjl.tabular.data;

/**
 * How {@link TabularItemLists#labelFromCol(String, LabelType)} reads the label column; fastai v1's
 * {@code label_cls} ({@code CategoryList} or {@code FloatList}).
 */
public enum LabelType {
    /**
     * Guess as fastai does: floating-point columns are regression; text, boolean and integer columns
     * are classification.
     */
    AUTO,
    /** Class indices into the sorted unique training labels (fastai's {@code CategoryList}). */
    CLASSIFICATION,
    /** Float targets (fastai's {@code FloatList}). */
    REGRESSION
}
