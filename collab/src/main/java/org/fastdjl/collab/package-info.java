/**
 * Collaborative filtering as fastai v1's {@code collab} application: {@link
 * org.fastdjl.collab.data.CollabDataBunch} from a ratings table, the {@link
 * org.fastdjl.collab.nn.EmbeddingDotBias} and {@link org.fastdjl.collab.nn.EmbeddingNN} models, and
 * {@link org.fastdjl.collab.learner.Collab#learner} with its bias and weight helpers.
 */
package org.fastdjl.collab;
