package org.fastdjl.text.nn;

import ai.djl.nn.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds AWD-LSTM models as fastai's {@code get_language_model} does, and splits them into layer groups
 * as {@code awd_lstm_lm_split}.
 */
public final class AwdLstmModels {

    private AwdLstmModels() {}

    /**
     * fastai's {@code get_language_model(AWD_LSTM, vocab_sz, config)}: an {@link AwdLstm} and a {@link
     * LinearDecoder} (tied to the embedding when {@code config.tieWeights()}) in a {@link SequentialRNN}.
     * Apply {@code drop_mult} beforehand with {@link AwdLstmConfig#dropMult(double)}.
     *
     * @param vocabSz the vocab size
     * @param config the sizes and dropouts
     * @return the model, not yet initialized
     */
    public static SequentialRNN languageModel(int vocabSz, AwdLstmConfig config) {
        AwdLstm encoder = new AwdLstm(vocabSz, config);
        LinearDecoder decoder = new LinearDecoder(vocabSz, config.embSz(), config.outputP(),
                config.tieWeights() ? encoder.encoder() : null, config.outBias());
        return new SequentialRNN(encoder, decoder);
    }

    /**
     * The encoder of a language model.
     *
     * @param model a model from {@link #languageModel}
     * @return its {@link AwdLstm}
     * @throws IllegalArgumentException if the model's first part is not an AWD-LSTM
     */
    public static AwdLstm encoder(SequentialRNN model) {
        if (!(model.encoder() instanceof AwdLstm)) {
            throw new IllegalArgumentException("not an AWD-LSTM language model: its encoder is " + model.encoder());
        }
        return (AwdLstm) model.encoder();
    }

    /**
     * fastai's {@code awd_lstm_lm_split}: one group per LSTM layer (the layer and its hidden dropout),
     * then the embedding, its dropout and the decoder: 4 groups for 3 layers. {@code freeze()} leaves
     * only the last group (embedding and decoder) trainable.
     *
     * @param model a model from {@link #languageModel}
     * @return the layer groups, input side first
     */
    public static List<List<Block>> lmSplit(SequentialRNN model) {
        AwdLstm enc = encoder(model);
        List<List<Block>> groups = new ArrayList<>();
        for (int l = 0; l < enc.nLayers(); l++) {
            groups.add(List.of(enc.rnns().get(l), enc.hiddenDps().get(l)));
        }
        groups.add(List.of(enc.encoder(), enc.encoderDp(), model.decoder()));
        return groups;
    }
}
