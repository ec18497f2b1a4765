package org.fastdjl.core.export;

import ai.djl.nn.Block;

import com.google.gson.JsonObject;

import org.fastdjl.core.io.Weights;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An export read back and checked by {@link ExportFile#read}: what a {@link LearnerLoader} builds its
 * learner from.
 */
public final class ExportedLearner {

    private final Path path;
    private final int formatVersion;
    private final String kind;
    private final String module;
    private final String writer;
    private final JsonObject model;
    private final JsonObject pipeline;
    private final byte[] weights;

    ExportedLearner(Path path, int formatVersion, String kind, String module, String writer, JsonObject model,
            JsonObject pipeline, byte[] weights) {
        this.path = path;
        this.formatVersion = formatVersion;
        this.kind = kind;
        this.module = module;
        this.writer = writer;
        this.model = model;
        this.pipeline = pipeline;
        this.weights = weights;
    }

    /** @return the file it was read from */
    public Path path() {
        return path;
    }

    /** @return the format version it was written in */
    public int formatVersion() {
        return formatVersion;
    }

    /** @return the learner's kind, e.g. {@code tabular} */
    public String kind() {
        return kind;
    }

    /** @return the module whose loader reads this kind, e.g. {@code fastdjl-tabular} */
    public String module() {
        return module;
    }

    /** @return who wrote it, e.g. {@code fastdjl 0.1.0} */
    public String writer() {
        return writer;
    }

    /** @return the model's configuration (a copy) */
    public JsonObject model() {
        return model.deepCopy();
    }

    /** @return the data pipeline's learned state (a copy) */
    public JsonObject pipeline() {
        return pipeline.deepCopy();
    }

    /**
     * Loads the exported weights into a model built from {@link #model()}, strictly (every key, every
     * shape; see {@link Weights#read}).
     *
     * @param model the model, initialized
     * @throws IOException if the weights do not match the model (naming the keys)
     */
    public void loadWeights(Block model) throws IOException {
        Weights.read(model, new ByteArrayInputStream(weights), path + "!/" + ExportFile.WEIGHTS);
    }

    /**
     * Loads the exported weights into the model of a learner a loader just built, closing the learner
     * when they do not fit, so that a failed load leaves no native memory behind.
     *
     * @param learn the learner, built on {@code model}
     * @param model its model, initialized
     * @param <L> the learner's type
     * @return the learner, with the weights
     * @throws IOException if the weights do not match the model (naming the keys)
     */
    public <L extends org.fastdjl.core.learner.Learner> L loadWeights(L learn, Block model) throws IOException {
        try {
            loadWeights(model);
        } catch (IOException | RuntimeException e) {
            learn.close();
            throw e;
        }
        return learn;
    }

    /**
     * An error about the content, naming the file: for a loader that finds a field missing or invalid.
     *
     * @param what what is wrong, e.g. {@code "pipeline.json has no 'classes'"}
     * @return the exception to throw
     */
    public ExportFormatException invalid(String what) {
        return new ExportFormatException(path + " (a '" + kind + "' export): " + what);
    }
}
