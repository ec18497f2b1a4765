/**
 * Files: atomic writes, weights as safetensors with PyTorch {@code state_dict} names, downloads of
 * fastai's data sets, and the JSON fit report the examples share.
 */
package org.fastdjl.core.io;
