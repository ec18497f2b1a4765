/**
 * Layers and losses shared by the applications, written to match PyTorch's modules one for one (same
 * parameter shapes, default initialisation and {@code state_dict} names), so weights move between
 * fastai and fastdjl: {@link org.fastdjl.core.nn.Linear}, {@link org.fastdjl.core.nn.Embedding},
 * {@link org.fastdjl.core.nn.BatchNorm1d}, the losses in {@link org.fastdjl.core.nn.Losses} and the
 * naming in {@link org.fastdjl.core.nn.StateDict}.
 */
package org.fastdjl.core.nn;
