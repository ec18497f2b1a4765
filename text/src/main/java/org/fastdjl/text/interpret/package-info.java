/**
 * Looking at a trained text classifier, fastai v1's {@code TextClassificationInterpretation}: the
 * confusion matrix (printed and as a PNG), the validation texts with the highest loss, and the intrinsic
 * attention of a text (the gradient of the predicted class's probability with respect to each token's
 * embedding) written as an HTML page that shades each token.
 */
package org.fastdjl.text.interpret;
