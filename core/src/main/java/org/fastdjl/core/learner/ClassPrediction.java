package org.fastdjl.core.learner;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One item's prediction by a classifier, as fastai v1's {@code learn.predict} returns it: the class,
 * its index and the probability of every class. {@link #toString()} prints it as fastai does: {@code
 * (Category vertical, tensor(1), tensor([0.0312, 0.9688]))}.
 */
public final class ClassPrediction {

    private final String label;
    private final int index;
    private final float[] probs;

    private ClassPrediction(String label, int index, float[] probs) {
        this.label = label;
        this.index = index;
        this.probs = probs;
    }

    /**
     * The class with the highest probability (the first one on a tie, as {@code argmax}).
     *
     * @param classes the class names in index order
     * @param probs the probability of each class
     * @return the prediction
     */
    public static ClassPrediction of(List<String> classes, float[] probs) {
        Objects.requireNonNull(classes, "classes");
        if (probs.length != classes.size()) {
            throw new IllegalArgumentException(probs.length + " probabilities for " + classes.size() + " classes");
        }
        int best = 0;
        for (int j = 1; j < probs.length; j++) {
            if (probs[j] > probs[best]) {
                best = j;
            }
        }
        return new ClassPrediction(classes.get(best), best, probs.clone());
    }

    /** @return the predicted class name (fastai's {@code Category}) */
    public String label() {
        return label;
    }

    /** @return the index of the predicted class */
    public int index() {
        return index;
    }

    /** @return the probability of every class, in class order (a copy) */
    public float[] probs() {
        return probs.clone();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(Category ").append(label).append(", tensor(").append(index)
                .append("), tensor([");
        for (int i = 0; i < probs.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "%.4f", probs[i]));
        }
        return sb.append("]))").toString();
    }
}
