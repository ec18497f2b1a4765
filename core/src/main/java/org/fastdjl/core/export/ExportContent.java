package org.fastdjl.core.export;

import com.google.gson.JsonObject;

import java.util.Objects;

/**
 * What an application learner puts in its export besides the weights: its kind (which {@link
 * LearnerLoader} reads it back), the module that holds that loader (named in the error when it is not on
 * the class path), the model's configuration (enough to build the same model again) and the data
 * pipeline's learned state (enough to turn raw inputs into model inputs and outputs into predictions),
 * both as JSON objects the application defines.
 *
 * <pre>{@code
 * JsonObject model = new JsonObject();    // e.g. layer sizes, embedding sizes, y_range
 * JsonObject pipeline = new JsonObject(); // e.g. category maps, means and standard deviations, classes
 * return new ExportContent("tabular", "fastdjl-tabular", model, pipeline);
 * }</pre>
 */
public final class ExportContent {

    private final String kind;
    private final String module;
    private final JsonObject model;
    private final JsonObject pipeline;

    /**
     * Describes an export.
     *
     * @param kind the learner's kind, e.g. {@code tabular}; lower case letters, digits, {@code _}, {@code -}
     * @param module the artifact whose loader reads this kind, e.g. {@code fastdjl-tabular}
     * @param model the model's configuration
     * @param pipeline the data pipeline's learned state
     */
    public ExportContent(String kind, String module, JsonObject model, JsonObject pipeline) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (!kind.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("an export kind is lower case letters, digits, '_' and '-': " + kind);
        }
        this.module = Objects.requireNonNull(module, "module");
        this.model = Objects.requireNonNull(model, "model").deepCopy();
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline").deepCopy();
    }

    /** @return the learner's kind */
    public String kind() {
        return kind;
    }

    /** @return the module whose loader reads this kind */
    public String module() {
        return module;
    }

    /** @return the model's configuration (a copy) */
    public JsonObject model() {
        return model.deepCopy();
    }

    /** @return the data pipeline's learned state (a copy) */
    public JsonObject pipeline() {
        return pipeline.deepCopy();
    }
}
