/**
 * The text application's learners: {@link org.fastdjl.text.learner.Text#languageModelLearner} (fastai's
 * {@code language_model_learner}) building a {@link org.fastdjl.text.learner.LanguageLearner} with the
 * {@link org.fastdjl.text.learner.RNNTrainer} callback, text generation, the encoder's weights, and
 * pretrained folders ({@link org.fastdjl.text.learner.PretrainedLm}) moved onto a new vocab by {@link
 * org.fastdjl.text.learner.ConvertWeights}.
 */
package org.fastdjl.text.learner;
