/** Image folders (ImageNet style: one folder per class) to batches of normalized CHW floats. */
package org.fastdjl.vision.data;
