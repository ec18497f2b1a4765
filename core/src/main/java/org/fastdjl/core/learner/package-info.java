/**
 * The {@link org.fastdjl.core.learner.Learner}: a model, its data, loss, optimizer, layer groups,
 * metrics and callbacks, and the one fit loop, with fastai v1's {@code fit}, {@code fitOneCycle},
 * {@code lrFind}, {@code freeze}/{@code unfreeze}, {@code getPreds}, {@code save}/{@code load}.
 */
package org.fastdjl.core.learner;
