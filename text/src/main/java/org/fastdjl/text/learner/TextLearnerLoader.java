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
 * Reads a text classifier's export back (registered in {@code META-INF/services}, found by {@code
 * Learners.load}): the AWD-LSTM classifier's sizes and weights, the vocab and the classes. The learner
 * predicts; its data bunch is empty.
 */
public final class TextLearnerLoader implements LearnerLoader {

    /** Creates the loader (the service loader does). */
    public TextLearnerLoader() {}

    @Override
    public Set<String> kinds() {
        return Set.of(TextClassifierLearner.EXPORT_KIND);
    }

    @Override
    public Learner load(ExportedLearner export, Device device) throws IOException {
        JsonObject m = export.model();
        JsonObject p = export.pipeline();
        AwdLstmConfig config;
        List<String> itos = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        int bptt;
        int maxLen;
        int[] linFtrs;
        double[] ps;
        int threads;
        int bs;
        try {
            config = AwdLstmConfig.fromJson(m.getAsJsonObject("config").toString());
            for (JsonElement e : p.getAsJsonArray("itos")) {
                itos.add(e.getAsString());
            }
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
            if (m.get("vocab_sz").getAsInt() != itos.size()) {
                throw new IllegalArgumentException("the model reads a vocab of " + m.get("vocab_sz") + " tokens but the"
                        + " pipeline's itos has " + itos.size());
            }
            if (m.get("n_class").getAsInt() != classes.size() || classes.size() < 2) {
                throw new IllegalArgumentException("the model has " + m.get("n_class") + " outputs for " + classes.size()
                        + " classes");
            }
        } catch (RuntimeException e) {
            throw export.invalid(e.getMessage() != null && e instanceof IllegalArgumentException ? e.getMessage()
                    : "missing or invalid field (" + e + ")");
        }
        SequentialRNN model = AwdLstmModels.textClassifier(itos.size(), classes.size(), config, bptt, maxLen, linFtrs,
                ps);
        DataBunch data = DataBunch.empty(Losses.crossEntropyFlat(), classes.size());
        data.setDevice(device);
        Learner.Builder b = Learner.builder(data, model)
                .optInputShapes(new Shape(2, Math.min(bptt, 8)))
                .optLayerGroups(AwdLstmModels.clasSplit(model))
                .optNumThreads(threads)
                .optSilent(true)
                .optMetrics(org.fastdjl.core.metrics.Metrics.accuracy())
                .optCallbacks(new RNNTrainer())
                .optPath(export.path().toAbsolutePath().getParent());
        TextClassifierLearner learn = new TextClassifierLearner(b, model, new Vocab(itos), classes, config, linFtrs, ps, bs);
        try {
            export.loadWeights(model);
        } catch (IOException | RuntimeException e) {
            learn.close();
            throw e;
        }
        return learn;
    }
}
