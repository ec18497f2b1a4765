/**
 * fastai v1's AWD-LSTM (ULMFiT), layer for layer, with PyTorch's {@code state_dict} names: {@link
 * org.fastdjl.text.nn.AwdLstm} (the encoder, over {@link org.fastdjl.text.nn.EmbeddingDropout}, {@link
 * org.fastdjl.text.nn.RNNDropout} and {@link org.fastdjl.text.nn.WeightDropout}-wrapped LSTM layers on
 * the engine's fused kernel), {@link org.fastdjl.text.nn.LinearDecoder} (tied to the embedding), {@link
 * org.fastdjl.text.nn.SequentialRNN}, their {@link org.fastdjl.text.nn.AwdLstmConfig} and the model
 * builders in {@link org.fastdjl.text.nn.AwdLstmModels}.
 */
package org.fastdjl.text.nn;
