/**
 * A bridge to computer vision on DJL's own blocks: image folders to an {@link
 * org.fastdjl.vision.data.ImageDataBunch} and {@link org.fastdjl.vision.learner.Vision#cnnLearner}
 * over DJL's ResNet or a small CNN, trained by the same core Learner as the lesson-4 applications.
 */
package org.fastdjl.vision;
