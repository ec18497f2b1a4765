/**
 * Tabular pre-processors: fastai v1's {@code fastai.tabular.transform} over a working copy of a
 * Tablesaw table.
 *
 * <p>A {@link org.fastdjl.tabular.transform.TabularProc} learns its statistics on the training split
 * ({@link org.fastdjl.tabular.transform.TabularProc#applyTrain applyTrain}) and applies them unchanged
 * to the validation split, the test split and any new table
 * ({@link org.fastdjl.tabular.transform.TabularProc#applyTest applyTest}). The three processors of the
 * lesson are {@link org.fastdjl.tabular.transform.FillMissing},
 * {@link org.fastdjl.tabular.transform.Categorify} and {@link org.fastdjl.tabular.transform.Normalize},
 * used in that order. They work on a {@link org.fastdjl.tabular.transform.TabularFrame}, never on the
 * user's {@code Table}, which stays untouched.
 */
package org.fastdjl.tabular.transform;
