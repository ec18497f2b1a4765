/**
 * The tabular learner, fastai v1's {@code tabular_learner}: {@link org.fastdjl.tabular.learner.Tabular#learner}
 * builds a {@link org.fastdjl.tabular.learner.TabularLearner} around a
 * {@link org.fastdjl.tabular.nn.TabularModel} sized from the data, which predicts the class (or value)
 * of a row or of every row of a new table as {@link org.fastdjl.tabular.learner.TabularPrediction}s.
 */
package org.fastdjl.tabular.learner;
