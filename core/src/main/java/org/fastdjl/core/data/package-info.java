/**
 * Data loading: {@link org.fastdjl.core.data.DataLoader}s that yield {@link org.fastdjl.core.data.Batch}es
 * already on the learner's device, and the {@link org.fastdjl.core.data.DataBunch} that holds the train,
 * valid and (optional) test loaders, as fastai v1's {@code DataBunch}.
 *
 * <p>Batches are built from primitive Java arrays with one bulk copy per field; every array a batch
 * creates lives in the batch's own {@code NDManager} and is freed when the batch is closed.
 */
package org.fastdjl.core.data;
