/**
 * Metrics computed on the validation set at the end of each epoch, as fastai v1's: each batch's value
 * is averaged over the set weighted by the batch size ({@link org.fastdjl.core.metrics.AverageMetric}).
 */
package org.fastdjl.core.metrics;
