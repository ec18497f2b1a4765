package org.fastdjl.core.interpret;

import java.util.List;

/**
 * One of the items the model got most wrong, as fastai's {@code plot_top_losses} shows it.
 *
 * @param index the item's index in the data set
 * @param actual the true class
 * @param predicted the predicted class
 * @param loss the item's loss (cross-entropy: {@code -log p(actual)})
 * @param probability the probability given to the actual class
 * @param item the item decoded by the data's formatter, one value per {@code columns()} entry
 */
public record TopLoss(int index, String actual, String predicted, double loss, double probability,
                      List<String> item) {
}
