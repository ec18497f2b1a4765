/**
 * A trained learner as one file, fastai's {@code learn.export()} / {@code load_learner}: what
 * prediction needs (the model's kind and configuration, its weights, the data pipeline's learned state)
 * and nothing of the training data.
 *
 * <p>An application learner describes itself as an {@link org.fastdjl.core.export.ExportContent}
 * ({@code Learner.exportContent()}); {@link org.fastdjl.core.export.ExportFile} writes it with the
 * weights into one zip archive and reads it back, checked; {@link org.fastdjl.core.learner.Learners#load}
 * finds the application's {@link org.fastdjl.core.export.LearnerLoader} by the file's kind
 * ({@link java.util.ServiceLoader}: each module registers its loader in {@code META-INF/services}), so
 * this package knows nothing of tables, ratings, images or texts. Learners that predict rows of text
 * fields implement {@link org.fastdjl.core.export.RecordPredictable}, which is all
 * {@link org.fastdjl.core.export.CsvPredict} (the {@code ./fastdjl predict} command) needs.
 */
package org.fastdjl.core.export;
