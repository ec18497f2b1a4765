package org.fastdjl.tabular.data;

/**
 * The embedding of one categorical column: fastai v1's {@code (n_cat, sz)} pair with its column name.
 *
 * @param column      the categorical column
 * @param cardinality the number of classes, {@code #na#} included (the embedding's row count)
 * @param size        the embedding width
 */
public record EmbeddingSize(String column, int cardinality, int size) {
}
