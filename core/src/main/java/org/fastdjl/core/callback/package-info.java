/**
 * Everything that is not the fit loop itself, as callbacks on it with fastai v1's events: the {@link
 * org.fastdjl.core.callback.Recorder}, the {@link org.fastdjl.core.callback.ProgressPrinter} table, the
 * {@link org.fastdjl.core.callback.OneCycleScheduler}, the {@link org.fastdjl.core.callback.LrFinder},
 * {@link org.fastdjl.core.callback.GradientClipping}, {@link org.fastdjl.core.callback.EarlyStopping}
 * and {@link org.fastdjl.core.callback.SaveModelCallback}.
 */
package org.fastdjl.core.callback;
