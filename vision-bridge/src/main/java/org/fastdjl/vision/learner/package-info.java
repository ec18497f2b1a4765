/** {@code cnn_learner} over DJL's vision blocks. */
package org.fastdjl.vision.learner;
