package org.fastdjl.core.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.fastdjl.core.callback.Recorder;
import org.fastdjl.core.util.Memory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON report every example writes with {@code --report FILE}:
 *
 * <pre>
 * {"epochs": [{"epoch": 1, "train_loss": ..., "valid_loss": ..., "accuracy": ..., "seconds": ...}, ...],
 *  "peak_rss_mb": ...}
 * </pre>
 *
 * <p>Epochs count from 1 here (the printed table counts from 0, as fastai's). Several fits append to the
 * same list; extra top-level facts (data set, total seconds) can be added with {@link #put}.
 */
public final class FitReport {

    private final JsonArray epochs = new JsonArray();
    private final JsonObject root = new JsonObject();

    /**
     * Adds every epoch of the recorder's last fit.
     *
     * @param recorder the recorder
     * @param stage a label for this fit (e.g. "fit_one_cycle 1"), or {@code null}
     * @return this report
     */
    public FitReport addFit(Recorder recorder, String stage) {
        double[] train = recorder.trainLosses();
        double[] valid = recorder.valLosses();
        double[] secs = recorder.seconds();
        List<double[]> metrics = recorder.metrics();
        List<String> names = recorder.metricNames();
        for (int i = 0; i < train.length; i++) {
            JsonObject e = new JsonObject();
            e.addProperty("epoch", epochs.size() + 1);
            if (stage != null) {
                e.addProperty("stage", stage);
            }
            e.addProperty("train_loss", train[i]);
            e.addProperty("valid_loss", valid[i]);
            for (int m = 0; m < names.size(); m++) {
                e.addProperty(names.get(m), metrics.get(i)[m]);
            }
            e.addProperty("seconds", secs[i]);
            epochs.add(e);
        }
        return this;
    }

    /**
     * Adds a top-level fact.
     *
     * @param key the key
     * @param value a number or string
     * @return this report
     */
    public FitReport put(String key, Object value) {
        if (value instanceof Number) {
            root.addProperty(key, (Number) value);
        } else {
            root.addProperty(key, String.valueOf(value));
        }
        return this;
    }

    /**
     * Adds a top-level object of named numbers ({@code "validate_before_fit": {"valid_loss": ...}}).
     *
     * @param key the key
     * @param values the numbers, in order
     * @return this report
     */
    public FitReport put(String key, java.util.Map<String, ? extends Number> values) {
        JsonObject o = new JsonObject();
        for (java.util.Map.Entry<String, ? extends Number> e : values.entrySet()) {
            o.addProperty(e.getKey(), e.getValue());
        }
        root.add(key, o);
        return this;
    }

    /** @return the report as JSON, with the peak RSS read now */
    public String toJson() {
        JsonObject out = new JsonObject();
        out.add("epochs", epochs);
        out.addProperty("peak_rss_mb", Math.round(Memory.peakRssMb() * 10) / 10.0);
        for (String k : root.keySet()) {
            out.add(k, root.get(k));
        }
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(out);
    }

    /**
     * Writes the report atomically.
     *
     * @param file the JSON file
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson() + "\n");
    }
}
