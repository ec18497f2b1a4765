/** {@code collab_learner} and the {@link org.fastdjl.collab.learner.CollabLearner}. */
package org.fastdjl.collab.learner;
