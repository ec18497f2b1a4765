/**
 * fastdjl's core: library-wide settings ({@link org.fastdjl.core.Fastdjl}: one call seeds a run); the
 * data, learner, callbacks, optimizers, layers and files live in the sub-packages.
 */
package org.fastdjl.core;
