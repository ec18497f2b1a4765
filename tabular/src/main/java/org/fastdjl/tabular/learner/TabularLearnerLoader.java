package org.fastdjl.tabular.learner;

import java.io.IOException;
import java.util.Set;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonObject;

import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.core.export.LearnerLoader;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.tabular.data.TabularPipeline;
import org.fastdjl.tabular.nn.TabularModel;

/**
 * Reads a tabular learner's export back (registered in {@code META-INF/services}, found by {@code
 * Learners.load}): the {@link TabularModel} from its configuration and weights, the processors and label
 * from the pipeline.
 */
public final class TabularLearnerLoader implements LearnerLoader {

    /** Creates the loader (the service loader does). */
    public TabularLearnerLoader() {
    }

    @Override
    public Set<String> kinds() {
        return Set.of(TabularLearner.EXPORT_KIND);
    }

    @Override
    public Learner load(ExportedLearner export, Device device) throws IOException {
        TabularPipeline pipeline;
        TabularModel.Config config;
        JsonObject model = export.model();
        try {
            pipeline = TabularPipeline.fromJson(export.pipeline());
            config = TabularModel.Config.fromJson(model);
        } catch (RuntimeException e) {
            throw export.invalid(e.getMessage());
        }
        if (config.embSzs().size() != pipeline.catNames().size() || config.nCont() != pipeline.contNames().size()
                || config.outSz() != pipeline.c()) {
            throw export.invalid("the model reads " + config.embSzs().size() + " categorical and " + config.nCont()
                    + " continuous columns into " + config.outSz() + " outputs, the pipeline gives "
                    + pipeline.catNames().size() + ", " + pipeline.contNames().size() + " and " + pipeline.c());
        }
        DataBunch data = DataBunch.empty(pipeline.isClassification() ? Losses.crossEntropyFlat() : Losses.mseFlat(),
                pipeline.c());
        data.setDevice(device);
        int threads = model.has("numThreads") ? model.get("numThreads").getAsInt() : Tabular.DEFAULT_NUM_THREADS;
        TabularModel net = new TabularModel(config);
        Learner.Builder b = Learner.builder(data, net)
                .optInputShapes(new Shape(1, config.embSzs().size()), new Shape(1, config.nCont()))
                .optNumThreads(threads)
                .optSilent(true)
                .optPath(export.path().toAbsolutePath().getParent());
        TabularLearner learn = new TabularLearner(b, null, pipeline);
        return export.loadWeights(learn, net);
    }
}
