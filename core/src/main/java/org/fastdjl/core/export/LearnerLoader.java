package org.fastdjl.core.export;

import ai.djl.Device;

import org.fastdjl.core.learner.Learner;

import java.io.IOException;
import java.util.Set;

/**
 * Builds a learner from an export of its kind (the service-provider interface behind {@link
 * org.fastdjl.core.learner.Learners#load}). Each application module implements it for the kinds its
 * learners export and registers it in {@code META-INF/services/org.fastdjl.core.export.LearnerLoader}, so
 * the core finds it with {@link java.util.ServiceLoader} and knows nothing of the application.
 *
 * <pre>{@code
 * public final class TabularLearnerLoader implements LearnerLoader {
 *     public Set<String> kinds() { return Set.of("tabular"); }
 *     public Learner load(ExportedLearner export, Device device) throws IOException {
 *         // rebuild the model from export.model(), the processors from export.pipeline(),
 *         // initialize the model on the device, then export.loadWeights(model)
 *     }
 * }
 * }</pre>
 */
public interface LearnerLoader {

    /**
     * The kinds this loader reads.
     *
     * @return the kinds, e.g. {@code tabular}
     */
    Set<String> kinds();

    /**
     * Builds the learner: the same model with the exported weights, the data pipeline's learned state,
     * and an empty data bunch on the given device, ready to predict.
     *
     * @param export the checked export
     * @param device where the model and the predictions' tensors live
     * @return the learner
     * @throws IOException if the content is invalid (use {@link ExportedLearner#invalid})
     */
    Learner load(ExportedLearner export, Device device) throws IOException;
}
