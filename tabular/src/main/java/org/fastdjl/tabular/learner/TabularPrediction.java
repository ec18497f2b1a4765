package org.fastdjl.tabular.learner;

import java.util.Locale;

/**
 * The prediction for one row, as fastai v1's {@code learn.predict(row)} returns it: the decoded class,
 * its index and the probabilities of every class; for regression the predicted value in all three
 * places. {@link #toString()} prints it as fastai does: {@code (Category >=50k, tensor(1),
 * tensor([0.4402, 0.5598]))}.
 */
public final class TabularPrediction {

    private final boolean classification;
    private final String label;
    private final int index;
    private final float[] outputs;

    private TabularPrediction(boolean classification, String label, int index, float[] outputs) {
        this.classification = classification;
        this.label = label;
        this.index = index;
        this.outputs = outputs;
    }

    /**
     * A classification result: the class with the highest probability.
     *
     * @param classes the label classes in index order
     * @param probs the probability of each class
     * @return the prediction
     */
    static TabularPrediction ofClasses(java.util.List<String> classes, float[] probs) {
        int best = 0;
        for (int j = 1; j < probs.length; j++) {
            if (probs[j] > probs[best]) {
                best = j;
            }
        }
        return new TabularPrediction(true, classes.get(best), best, probs.clone());
    }

    /**
     * A regression result.
     *
     * @param outputs the model's outputs for the row (one per target)
     * @return the prediction
     */
    static TabularPrediction ofValues(float[] outputs) {
        StringBuilder sb = new StringBuilder();
        for (float v : outputs) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%.4f", v));
        }
        return new TabularPrediction(false, sb.toString(), -1, outputs.clone());
    }

    /** @return whether this predicts a class (or a value) */
    public boolean isClassification() {
        return classification;
    }

    /** @return the predicted class name (fastai's {@code Category}), or the value as text for regression */
    public String label() {
        return label;
    }

    /** @return the index of the predicted class in {@code data.classes()}, -1 for regression */
    public int index() {
        return index;
    }

    /**
     * The probability of every class, in class order (they sum to 1).
     *
     * @return a copy of the probabilities
     * @throws IllegalStateException for a regression prediction (use {@link #value()})
     */
    public float[] probs() {
        if (!classification) {
            throw new IllegalStateException("a regression prediction has no probabilities; use value()");
        }
        return outputs.clone();
    }

    /**
     * The probability of the predicted class.
     *
     * @return the highest probability
     * @throws IllegalStateException for regression
     */
    public float probability() {
        if (!classification) {
            throw new IllegalStateException("a regression prediction has no probabilities; use value()");
        }
        return outputs[index];
    }

    /**
     * The predicted value (the first target's, when there are several).
     *
     * @return the value
     * @throws IllegalStateException for a classification (use {@link #label()} and {@link #probs()})
     */
    public float value() {
        if (classification) {
            throw new IllegalStateException("a classification has no value; use label(), index() and probs()");
        }
        return outputs[0];
    }

    /** @return the raw activated outputs: probabilities for a classification, values for regression */
    public float[] outputs() {
        return outputs.clone();
    }

    /** @return the prediction as fastai prints it, e.g. {@code (Category >=50k, tensor(1), tensor([0.4402, 0.5598]))} */
    @Override
    public String toString() {
        StringBuilder t = new StringBuilder("tensor([");
        for (int i = 0; i < outputs.length; i++) {
            t.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", outputs[i]));
        }
        t.append("])");
        if (classification) {
            return "(Category " + label + ", tensor(" + index + "), " + t + ")";
        }
        return "(FloatItem " + label + ", " + t + ", " + t + ")";
    }
}
