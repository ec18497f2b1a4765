package org.fastdjl.text.nn;

import ai.djl.nn.Block;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds AWD-LSTM models as fastai's {@code get_language_model} and {@code get_text_classifier} do, and
 * splits them into layer groups as {@code awd_lstm_lm_split} and {@code awd_lstm_clas_split}.
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

    /** fastai's {@code bptt} of {@code text_classifier_learner}. */
    public static final int CLAS_BPTT = 70;

    /** fastai's {@code max_len} of {@code text_classifier_learner}, {@code 70*20}. */
    public static final int CLAS_MAX_LEN = 70 * 20;

    /** fastai's default {@code lin_ftrs}: one hidden block of this size. */
    public static final int CLAS_LIN_FTRS = 50;

    /** fastai's default dropout of each {@code lin_ftrs} block. */
    public static final double CLAS_PS = 0.1;

    /**
     * fastai's {@code get_text_classifier(AWD_LSTM, vocab_sz, n_class, bptt, max_len, config, drop_mult,
     * lin_ftrs, ps)}: a {@link MultiBatchEncoder} over an {@link AwdLstm}, then a {@link
     * PoolingLinearClassifier} with sizes {@code [3*emb] + linFtrs + [nClass]} and dropouts {@code
     * [config.outputP] + ps}, in a {@link SequentialRNN}. Apply {@code drop_mult} to the config beforehand
     * ({@link AwdLstmConfig#dropMult(double)}); as in fastai it does not scale {@code ps}.
     *
     * @param vocabSz the vocab size
     * @param nClass the number of classes
     * @param config the sizes and dropouts
     * @param bptt the encoder's chunk length
     * @param maxLen how many of the last tokens keep their outputs
     * @param linFtrs the hidden sizes of the head
     * @param ps the dropout of each hidden block, one per {@code linFtrs} entry
     * @return the model, not yet initialized
     */
    public static SequentialRNN textClassifier(int vocabSz, int nClass, AwdLstmConfig config, int bptt, int maxLen,
            int[] linFtrs, double[] ps) {
        if (nClass < 1) {
            throw new IllegalArgumentException("nClass must be >= 1, got " + nClass);
        }
        if (ps.length != linFtrs.length) {
            throw new IllegalArgumentException("Number of layers and dropout values do not match: " + linFtrs.length
                    + " linFtrs " + java.util.Arrays.toString(linFtrs) + " but " + ps.length + " ps "
                    + java.util.Arrays.toString(ps));
        }
        int[] layers = new int[linFtrs.length + 2];
        layers[0] = config.embSz() * 3;
        System.arraycopy(linFtrs, 0, layers, 1, linFtrs.length);
        layers[layers.length - 1] = nClass;
        double[] drops = new double[ps.length + 1];
        drops[0] = config.outputP();
        System.arraycopy(ps, 0, drops, 1, ps.length);
        MultiBatchEncoder encoder = new MultiBatchEncoder(bptt, maxLen, new AwdLstm(vocabSz, config),
                config.padToken());
        return new SequentialRNN(encoder, new PoolingLinearClassifier(layers, drops));
    }

    /**
     * The encoder of a classifier, {@code model[0].module}.
     *
     * @param model a model from {@link #textClassifier}
     * @return its {@link AwdLstm}
     * @throws IllegalArgumentException if the model is not such a classifier
     */
    public static AwdLstm classifierEncoder(SequentialRNN model) {
        if (!(model.encoder() instanceof MultiBatchEncoder mbe)) {
            throw new IllegalArgumentException("not an AWD-LSTM classifier: its encoder is " + model.encoder());
        }
        return mbe.module();
    }

    /**
     * fastai's {@code awd_lstm_clas_split}: the embedding and its dropout, then one group per LSTM layer
     * (the layer and its hidden dropout), then the head: 5 groups for 3 layers. {@code freeze()} leaves
     * the head trainable, {@code freezeTo(-2)} the last LSTM layer and the head, and so on.
     *
     * @param model a model from {@link #textClassifier}
     * @return the layer groups, input side first
     */
    public static List<List<Block>> clasSplit(SequentialRNN model) {
        AwdLstm enc = classifierEncoder(model);
        List<List<Block>> groups = new ArrayList<>();
        groups.add(List.of(enc.encoder(), enc.encoderDp()));
        for (int l = 0; l < enc.nLayers(); l++) {
            groups.add(List.of(enc.rnns().get(l), enc.hiddenDps().get(l)));
        }
        groups.add(List.of(model.decoder()));
        return groups;
    }
}
