package org.fastdjl.text.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** Tiny AWD-LSTMs for unit tests: a few thousand parameters. */
final class Tiny {

    static final int VOCAB = 20;

    private Tiny() {}

    /** emb 8, hidden 12, 2 layers, fastai's LM dropouts. */
    static AwdLstmConfig config() {
        return AwdLstmConfig.lm().toBuilder().optEmbSz(8).optNHid(12).optNLayers(2).build();
    }

    /** The same sizes with no dropout at all. */
    static AwdLstmConfig noDropout() {
        return config().dropMult(0);
    }

    /** A language model, initialized on the default device with a fixed seed. */
    static SequentialRNN lm(NDManager m, AwdLstmConfig config) {
        Engine.getInstance().setRandomSeed(3);
        SequentialRNN model = AwdLstmModels.languageModel(VOCAB, config);
        model.initialize(m, DataType.FLOAT32, new Shape(2, 5));
        return model;
    }

    static NDArray ids(NDManager m, int bs, int sl, long seed) {
        java.util.Random r = new java.util.Random(seed);
        long[] v = new long[bs * sl];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(VOCAB);
        }
        return m.create(v, new Shape(bs, sl));
    }

    static NDList forward(SequentialRNN model, NDManager m, NDArray ids, boolean training) {
        return model.forward(new ParameterStore(m, false), new NDList(ids), training);
    }

    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
