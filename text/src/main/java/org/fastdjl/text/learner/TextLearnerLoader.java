package org.fastdjl.text.learner;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.core.export.LearnerLoader;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.SequentialRNN;
import org.fastdjl.text.transform.Vocab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the text learners' exports back (registered in {@code META-INF/services}, found by {@code
 * Learners.load}), with no data:
 *
 * <ul>
 *   <li>{@code text_lm}: the AWD-LSTM and its tied decoder from the config and weights, the vocab from the
 *       pipeline; the {@link LanguageLearner} generates text ({@link LanguageLearner#predict});</li>
 *   <li>{@code text_classifier}: the AWD-LSTM classifier's sizes (config, bptt, max_len, lin_ftrs, ps) and
 *       weights, the vocab and the classes; the {@link TextClassifierLearner} predicts texts.</li>
 * </ul>
 */
public final class TextLearnerLoader implements LearnerLoader {

    /** Creates the loader (the service loader does). */
    public TextLearnerLoader() {
    }

    @Override
    public Set<String> kinds() {
        return Set.of(LanguageLearner.EXPORT_KIND, TextClassifierLearner.EXPORT_KIND);
    }

    @Override
    public Learner load(ExportedLearner export, Device device) throws IOException {
        return TextClassifierLearner.EXPORT_KIND.equals(export.kind()) ? loadClassifier(export, device)
                : loadLanguageModel(export, device);
    }

    private static Learner loadLanguageModel(ExportedLearner export, Device device) throws IOException {
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
        return export.loadWeights(learn, model);
    }

    private static Learner loadClassifier(ExportedLearner export, Device device) throws IOException {
        Vocab vocab = TextExports.vocab(export);
        JsonObject m = export.model();
        JsonObject p = export.pipeline();
        AwdLstmConfig config;
        List<String> classes = new ArrayList<>();
        int bptt;
        int maxLen;
        int[] linFtrs;
        double[] ps;
        int threads;
        int bs;
        try {
            config = AwdLstmConfig.fromJson(m.getAsJsonObject("config").toString());
            for (JsonElement e : p.getAsJsonArray("classes")) {
                classes.add(e.getAsString());
            }
            bptt = m.get("bptt").getAsInt();
            maxLen = m.get("max_len").getAsInt();
            JsonArray lf = m.getAsJsonArray("lin_ftrs");
            linFtrs = new int[lf.size()];
            for (int i = 0; i < linFtrs.length; i++) {
                linFtrs[i] = lf.get(i).getAsInt();
            }
            JsonArray pj = m.getAsJsonArray("ps");
            ps = new double[pj.size()];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = pj.get(i).getAsDouble();
            }
            threads = m.has("numThreads") ? m.get("numThreads").getAsInt() : 0;
            bs = p.has("bs") ? p.get("bs").getAsInt() : TextClassifierLearner.DEFAULT_PREDICT_BS;
            if (m.get("vocab_sz").getAsInt() != vocab.size()) {
                throw new IllegalArgumentException("the model reads a vocab of " + m.get("vocab_sz") + " tokens but the"
                        + " pipeline's itos has " + vocab.size());
            }
            if (m.get("n_class").getAsInt() != classes.size() || classes.size() < 2) {
                throw new IllegalArgumentException("the model has " + m.get("n_class") + " outputs for " + classes.size()
                        + " classes");
            }
        } catch (RuntimeException e) {
            throw export.invalid(e.getMessage() != null && e instanceof IllegalArgumentException ? e.getMessage()
                    : "missing or invalid field (" + e + ")");
        }
        SequentialRNN model = AwdLstmModels.textClassifier(vocab.size(), classes.size(), config, bptt, maxLen, linFtrs,
                ps);
        DataBunch data = DataBunch.empty(Losses.crossEntropyFlat(), classes.size());
        data.setDevice(device);
        Learner.Builder b = Learner.builder(data, model)
                .optInputShapes(new Shape(2, Math.min(bptt, 8)))
                .optLayerGroups(AwdLstmModels.clasSplit(model))
                .optNumThreads(threads)
                .optSilent(true)
                .optMetrics(Metrics.accuracy())
                .optCallbacks(new RNNTrainer())
                .optPath(export.path().toAbsolutePath().getParent());
        TextClassifierLearner learn = new TextClassifierLearner(b, model, vocab, classes, config, linFtrs, ps, bs);
        return export.loadWeights(learn, model);
    }
}
