/**
 * The tabular data block: fastai v1's {@code TabularList.from_df(...).split_by_idx(...)
 * .label_from_df(...).add_test(...)} over Tablesaw tables.
 *
 * <p>{@link org.fastdjl.tabular.data.TabularList} chooses the columns and processors and splits the
 * rows; {@link org.fastdjl.tabular.data.TabularItemLists#labelFromCol labelFromCol} runs the
 * processors (learned on train only) and returns a {@link org.fastdjl.tabular.data.TabularData} whose
 * splits are flat primitive arrays ({@link org.fastdjl.tabular.data.TabularSplit}), one bulk copy away
 * from tensors. {@link org.fastdjl.tabular.data.EmbeddingSizes} is fastai's embedding-size rule and
 * {@link org.fastdjl.tabular.data.TabularCsv} reads CSV files the way pandas does.
 */
package org.fastdjl.tabular.data;
