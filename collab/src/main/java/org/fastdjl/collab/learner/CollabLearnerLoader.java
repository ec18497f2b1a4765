package org.fastdjl.collab.learner;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.fastdjl.collab.data.CollabPipeline;
import org.fastdjl.collab.nn.EmbeddingDotBias;
import org.fastdjl.collab.nn.EmbeddingNN;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.core.export.LearnerLoader;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.tabular.nn.TabularModel;

import java.io.IOException;
import java.util.Set;

/**
 * Reads a collab learner's export back (registered in {@code META-INF/services}, found by {@code
 * Learners.load}): {@link EmbeddingDotBias} or {@link EmbeddingNN} from its configuration and weights,
 * the user and item classes from the pipeline.
 */
public final class CollabLearnerLoader implements LearnerLoader {

    /** Creates the loader (the service loader does). */
    public CollabLearnerLoader() {}

    @Override
    public Set<String> kinds() {
        return Set.of(CollabLearner.EXPORT_KIND);
    }

    @Override
    public Learner load(ExportedLearner export, Device device) throws IOException {
        JsonObject m = export.model();
        CollabPipeline pipeline;
        Block model;
        try {
            pipeline = CollabPipeline.fromJson(export.pipeline());
            model = model(m, pipeline);
        } catch (RuntimeException e) {
            throw export.invalid(e.getMessage());
        }
        DataBunch data = DataBunch.empty(Losses.mseFlat(), 1);
        data.setDevice(device);
        int threads = m.has("numThreads") ? m.get("numThreads").getAsInt() : Collab.DEFAULT_NUM_THREADS;
        Learner.Builder b = Learner.builder(data, model)
                .optInputShapes(new Shape(1), new Shape(1))
                .optNumThreads(threads)
                .optSilent(true)
                .optPath(export.path().toAbsolutePath().getParent());
        CollabLearner learn = new CollabLearner(b, null, pipeline);
        return export.loadWeights(learn, model);
    }

    private static Block model(JsonObject m, CollabPipeline pipeline) {
        String kind = m.has("model") ? m.get("model").getAsString() : "";
        int nUsers = pipeline.users().size();
        int nItems = pipeline.items().size();
        switch (kind) {
            case "EmbeddingDotBias": {
                if (m.get("nUsers").getAsInt() != nUsers || m.get("nItems").getAsInt() != nItems) {
                    throw new IllegalArgumentException("the model has " + m.get("nUsers") + " users and " + m.get("nItems")
                            + " items, the pipeline " + nUsers + " and " + nItems);
                }
                float[] yRange = null;
                if (m.has("yRange")) {
                    JsonArray y = m.getAsJsonArray("yRange");
                    yRange = new float[] {y.get(0).getAsFloat(), y.get(1).getAsFloat()};
                }
                return new EmbeddingDotBias(m.get("nFactors").getAsInt(), nUsers, nItems, yRange);
            }
            case "EmbeddingNN": {
                TabularModel.Config c = TabularModel.Config.fromJson(m.getAsJsonObject("config"));
                if (c.embSzs().size() != 2 || c.embSzs().get(0)[0] != nUsers || c.embSzs().get(1)[0] != nItems) {
                    throw new IllegalArgumentException("the EmbeddingNN's embeddings do not match the pipeline's "
                            + nUsers + " users and " + nItems + " items");
                }
                return new EmbeddingNN(c.embSzs().get(0), c.embSzs().get(1), c.layers(), c.ps(), c.embDrop(), c.yRange(),
                        c.useBn(), c.bnFinal());
            }
            default:
                throw new IllegalArgumentException("unknown collab model '" + kind
                        + "'; expected EmbeddingDotBias or EmbeddingNN");
        }
    }
}
