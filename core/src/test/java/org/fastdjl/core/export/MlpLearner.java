package org.fastdjl.core.export;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.nn.Losses;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A test application: {@link TestData#mlp} on three inputs {@code x0 x1 x2}, exported as kind {@code
 * test-mlp} and read back by its {@link Loader} (registered in the core's test resources), predicting CSV
 * records. It shows the whole plug-in contract an application module fulfils.
 */
public class MlpLearner extends Learner implements RecordPredictable {

    static final List<String> COLUMNS = List.of("x0", "x1", "x2");

    private final int hidden;

    private MlpLearner(Learner.Builder b, int hidden) {
        super(b);
        this.hidden = hidden;
    }

    /**
     * A regression learner on generated data.
     *
     * @param data the data (3 inputs, 1 output)
     * @param hidden hidden units
     * @return the learner
     */
    public static MlpLearner of(DataBunch data, int hidden) {
        return new MlpLearner(Learner.builder(data, TestData.mlp(hidden, 1)).optSilent(true).optNumThreads(1), hidden);
    }

    /**
     * Predicts rows of three inputs.
     *
     * @param x the inputs, row-major
     * @return one value per row
     */
    public float[] predict(float[] x) {
        int n = x.length / 3;
        Predictions p = predictOn(m -> new NDList(m.create(x, new Shape(n, 3))));
        return p.values();
    }

    @Override
    protected ExportContent exportContent() {
        JsonObject model = new JsonObject();
        model.addProperty("hidden", hidden);
        JsonObject pipeline = new JsonObject();
        JsonArray cols = new JsonArray();
        COLUMNS.forEach(cols::add);
        pipeline.add("columns", cols);
        return new ExportContent("test-mlp", "fastdjl-core-tests", model, pipeline);
    }

    @Override
    public RecordPredictor recordPredictor(RecordHeader header) {
        int[] idx = header.require(COLUMNS, "the test model");
        return new RecordPredictor() {
            @Override
            public List<String> outputColumns() {
                return List.of("prediction");
            }

            @Override
            public List<String[]> predict(List<InputRecord> records) {
                float[] x = new float[records.size() * 3];
                for (int i = 0; i < records.size(); i++) {
                    for (int j = 0; j < 3; j++) {
                        String f = records.get(i).fields()[idx[j]];
                        try {
                            x[i * 3 + j] = Float.parseFloat(f);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(header.source() + ", line " + records.get(i).line()
                                    + ", column '" + COLUMNS.get(j) + "': '" + f + "' is not a number");
                        }
                    }
                }
                float[] y = MlpLearner.this.predict(x);
                List<String[]> out = new ArrayList<>();
                for (float v : y) {
                    out.add(new String[] {Float.toString(v)});
                }
                return out;
            }
        };
    }

    /** Reads {@code test-mlp} exports. */
    public static final class Loader implements LearnerLoader {
        @Override
        public Set<String> kinds() {
            return Set.of("test-mlp");
        }

        @Override
        public Learner load(ExportedLearner export, Device device) throws IOException {
            if (!export.model().has("hidden")) {
                throw export.invalid("no 'hidden' in the model");
            }
            int hidden = export.model().get("hidden").getAsInt();
            DataBunch data = DataBunch.empty(Losses.mseFlat(), 1);
            data.setDevice(device);
            MlpLearner learn = new MlpLearner(Learner.builder(data, TestData.mlp(hidden, 1)).optSilent(true)
                    .optNumThreads(1).optInputShapes(new Shape(1, 3)), hidden);
            export.loadWeights(learn.model());
            return learn;
        }
    }
}
