package org.fastdjl.vision.learner;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.core.export.LearnerLoader;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.vision.data.ImageTransform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a vision learner's export back (registered in {@code META-INF/services}, found by {@code
 * Learners.load}): the architecture and its weights, the classes, image size and normalization.
 */
public final class VisionLearnerLoader implements LearnerLoader {

    /** Creates the loader (the service loader does). */
    public VisionLearnerLoader() {}

    @Override
    public Set<String> kinds() {
        return Set.of(VisionLearner.EXPORT_KIND);
    }

    @Override
    public Learner load(ExportedLearner export, Device device) throws IOException {
        JsonObject m = export.model();
        JsonObject p = export.pipeline();
        Vision.Arch arch;
        List<String> classes = new ArrayList<>();
        ImageTransform transform;
        int threads;
        try {
            arch = Vision.Arch.valueOf(m.get("arch").getAsString());
            for (JsonElement e : p.getAsJsonArray("classes")) {
                classes.add(e.getAsString());
            }
            transform = new ImageTransform(p.get("size").getAsInt(), floats(p.getAsJsonArray("mean")),
                    floats(p.getAsJsonArray("std")));
            threads = m.has("numThreads") ? m.get("numThreads").getAsInt() : 0;
            if (m.get("c").getAsInt() != classes.size()) {
                throw new IllegalArgumentException("the model has " + m.get("c") + " outputs for " + classes.size()
                        + " classes");
            }
        } catch (RuntimeException e) {
            throw export.invalid(e.getMessage() != null && e instanceof IllegalArgumentException ? e.getMessage()
                    : "missing or invalid field (" + e + ")");
        }
        SequentialBlock model = Vision.model(arch, classes.size(), transform.size());
        DataBunch data = DataBunch.empty(Losses.crossEntropyFlat(), classes.size());
        data.setDevice(device);
        Learner.Builder b = Learner.builder(data, model)
                .optInputShapes(new Shape(1, 3, transform.size(), transform.size()))
                .optLayerGroups(Vision.split(model))
                .optNumThreads(threads)
                .optSilent(true)
                .optPath(export.path().toAbsolutePath().getParent());
        VisionLearner learn = new VisionLearner(b, arch, classes, transform);
        return export.loadWeights(learn, model);
    }

    private static float[] floats(JsonArray a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        return out;
    }
}
