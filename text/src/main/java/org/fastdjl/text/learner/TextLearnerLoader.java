package org.fastdjl.text.learner;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.core.export.LearnerLoader;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.SequentialRNN;
import org.fastdjl.text.transform.Vocab;

import java.io.IOException;
import java.util.Set;

/**
 * Reads a language model's export back (registered in {@code META-INF/services}, found by {@code
 * Learners.load}): the AWD-LSTM and its tied decoder from the config and weights, the vocab from the
 * pipeline; the learner generates text ({@link LanguageLearner#predict}) with no data.
 */
public final class TextLearnerLoader implements LearnerLoader {

    /** Creates the loader (the service loader does). */
    public TextLearnerLoader() {
    }

    @Override
    public Set<String> kinds() {
        return Set.of(LanguageLearner.EXPORT_KIND);
    }

    @Override
    public Learner load(ExportedLearner export, Device device) throws IOException {
        Vocab vocab = TextExports.vocab(export);
        AwdLstmConfig config = TextExports.config(export);
        DataBunch data = DataBunch.empty(Losses.crossEntropyFlat(), vocab.size());
        data.setDevice(device);
        SequentialRNN model = AwdLstmModels.languageModel(vocab.size(), config);
        Learner.Builder b = Learner.builder(data, model)
                .optLayerGroups(AwdLstmModels.lmSplit(model))
                .optInputShapes(new Shape(1, 1))
                .optNumThreads(TextExports.numThreads(export, config))
                .optSilent(true)
                .optPath(export.path().toAbsolutePath().getParent());
        LanguageLearner learn = new LanguageLearner(b, null, vocab, model, config);
        try {
            export.loadWeights(model);
        } catch (IOException | RuntimeException e) {
            learn.close();
            throw e;
        }
        return learn;
    }
}
