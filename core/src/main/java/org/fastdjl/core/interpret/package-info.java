/**
 * Looking at a trained classifier as fastai v1 does after a fit: {@link
 * org.fastdjl.core.interpret.ClassificationInterpretation} (confusion matrix printed and drawn, most
 * confused classes, top losses with their decoded items). {@code learn.showResults} and {@code
 * learn.summary()} are on the learner.
 */
package org.fastdjl.core.interpret;
