package org.fastdjl.core.interpret;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.util.Plots;
import org.fastdjl.core.util.TextTable;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * fastai v1's {@code ClassificationInterpretation} for any classifier (tabular, text, images): the
 * predictions of one data set (the validation set by default) against its targets, as a confusion
 * matrix, the most confused pairs of classes and the items with the highest loss, decoded.
 *
 * <pre>{@code
 * ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
 * interp.printConfusionMatrix();                       // interp.plot_confusion_matrix()
 * interp.plotConfusionMatrix(Path.of("cm.png"));
 * interp.mostConfused(2);                              // [(<50k, >=50k, 14), ...]
 * System.out.print(interp.formatTopLosses(5));         // the 5 worst rows, decoded
 * }</pre>
 */
public final class ClassificationInterpretation {

    /** One pair of classes the model confuses: how many items of {@code actual} it called {@code predicted}. */
    public record Confusion(String actual, String predicted, int count) {
        @Override
        public String toString() {
            return "(" + actual + ", " + predicted + ", " + count + ")";
        }
    }

    private final Learner learner;
    private final DatasetType type;
    private final List<String> classes;
    private final int[] actual;
    private final int[] predicted;
    private final float[] probs;
    private final double[] losses;

    private ClassificationInterpretation(Learner learner, DatasetType type) {
        this.learner = learner;
        this.type = type;
        Predictions p = learner.getPreds(type);
        if (p.targets() == null) {
            throw new IllegalArgumentException("the " + type.name().toLowerCase(Locale.ROOT)
                    + " set has no targets to compare the predictions with");
        }
        int n = p.size();
        int c = p.width();
        if (c < 2 || p.targets().length != n) {
            throw new IllegalArgumentException("ClassificationInterpretation needs a classifier (one class index per"
                    + " item and a probability per class); this model gives " + c + " output(s) per item");
        }
        List<String> names = learner.data().classes();
        if (names.size() != c) {
            names = new ArrayList<>();
            for (int j = 0; j < c; j++) {
                names.add(Integer.toString(j));
            }
        }
        this.classes = List.copyOf(names);
        this.probs = p.values();
        this.predicted = p.argMax();
        this.actual = new int[n];
        this.losses = new double[n];
        for (int i = 0; i < n; i++) {
            actual[i] = (int) p.targets()[i];
            // cross-entropy of the item: -log p(actual), fastai's loss_func(reduction='none')
            losses[i] = -Math.log(Math.max(probs[i * c + actual[i]], Float.MIN_VALUE));
        }
    }

    /**
     * Interprets the validation set, as fastai's {@code ClassificationInterpretation.from_learner(learn)}.
     *
     * @param learner a trained classifier
     * @return the interpretation
     */
    public static ClassificationInterpretation fromLearner(Learner learner) {
        return fromLearner(learner, DatasetType.VALID);
    }

    /**
     * Interprets one data set.
     *
     * @param learner a trained classifier
     * @param type the data set, which must have targets
     * @return the interpretation
     * @throws IllegalArgumentException when the model is not a classifier or the set has no targets
     */
    public static ClassificationInterpretation fromLearner(Learner learner, DatasetType type) {
        return new ClassificationInterpretation(learner, type);
    }

    /** @return the class names, in index order */
    public List<String> classes() {
        return classes;
    }

    /** @return the true class index of each item */
    public int[] actual() {
        return actual.clone();
    }

    /** @return the predicted class index of each item (the most probable) */
    public int[] predicted() {
        return predicted.clone();
    }

    /** @return the loss of each item */
    public double[] losses() {
        return losses.clone();
    }

    /**
     * The confusion matrix: {@code cm[a][p]} items of class {@code a} predicted as {@code p}.
     *
     * @return the counts, actual classes by row
     */
    public int[][] confusionMatrix() {
        int c = classes.size();
        int[][] cm = new int[c][c];
        for (int i = 0; i < actual.length; i++) {
            cm[actual[i]][predicted[i]]++;
        }
        return cm;
    }

    /** @return the confusion matrix as a text table, actual classes down and predicted across */
    public String formatConfusionMatrix() {
        int[][] cm = confusionMatrix();
        List<String> header = new ArrayList<>();
        header.add("actual \\ predicted");
        header.addAll(classes);
        List<List<String>> rows = new ArrayList<>();
        for (int a = 0; a < cm.length; a++) {
            List<String> row = new ArrayList<>();
            row.add(classes.get(a));
            for (int count : cm[a]) {
                row.add(Integer.toString(count));
            }
            rows.add(row);
        }
        return TextTable.format(header, rows);
    }

    /** Prints the confusion matrix on standard output. */
    public void printConfusionMatrix() {
        printConfusionMatrix(System.out);
    }

    /**
     * Prints the confusion matrix.
     *
     * @param out where to print
     */
    public void printConfusionMatrix(PrintStream out) {
        out.print(formatConfusionMatrix());
    }

    /**
     * Draws the confusion matrix as fastai's {@code plot_confusion_matrix}: a heat map with the count in
     * each cell.
     *
     * @param png the PNG file (written atomically)
     * @return the file
     */
    public Path plotConfusionMatrix(Path png) {
        return Plots.matrix(png, "Confusion matrix", "Predicted", "Actual", classes, confusionMatrix());
    }

    /**
     * The pairs of classes the model confuses most, as fastai's {@code most_confused(min_val)}.
     *
     * @param minVal the fewest confusions a pair must have to be listed
     * @return the pairs (actual, predicted, count), the most frequent first
     */
    public List<Confusion> mostConfused(int minVal) {
        int[][] cm = confusionMatrix();
        List<Confusion> out = new ArrayList<>();
        for (int a = 0; a < cm.length; a++) {
            for (int p = 0; p < cm.length; p++) {
                if (a != p && cm[a][p] >= minVal && cm[a][p] > 0) {
                    out.add(new Confusion(classes.get(a), classes.get(p), cm[a][p]));
                }
            }
        }
        out.sort(Comparator.comparingInt(Confusion::count).reversed());
        return out;
    }

    /**
     * The items with the highest loss, decoded by the data's formatter (fastai's {@code top_losses(k)}
     * with the rows {@code plot_tab_top_losses} shows).
     *
     * @param k how many
     * @return the items, the highest loss first
     */
    public List<TopLoss> topLosses(int k) {
        Integer[] order = new Integer[losses.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(losses[y], losses[x]));
        int m = Math.min(Math.max(k, 0), order.length);
        Set<Integer> wanted = new HashSet<>();
        for (int i = 0; i < m; i++) {
            wanted.add(order[i]);
        }
        Map<Integer, List<String>> items = ItemRows.decode(learner.data(), type, wanted);
        int c = classes.size();
        List<TopLoss> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            int idx = order[i];
            out.add(new TopLoss(idx, classes.get(actual[idx]), classes.get(predicted[idx]), losses[idx],
                    probs[idx * c + actual[idx]], items.getOrDefault(idx, List.of())));
        }
        return out;
    }

    /**
     * The top losses as a table: the decoded item, then prediction, actual class, loss and the
     * probability of the actual class (fastai's {@code plot_tab_top_losses}).
     *
     * @param k how many rows
     * @return the table
     */
    public String formatTopLosses(int k) {
        List<String> header = new ArrayList<>(learner.data().formatter().columns());
        header.addAll(List.of("Prediction", "Actual", "Loss", "Probability"));
        List<List<String>> rows = new ArrayList<>();
        for (TopLoss t : topLosses(k)) {
            List<String> row = new ArrayList<>(t.item());
            while (row.size() < header.size() - 4) {
                row.add("");
            }
            row.addAll(List.of(t.predicted(), t.actual(), String.format(Locale.ROOT, "%.2f", t.loss()),
                    String.format(Locale.ROOT, "%.2f", t.probability())));
            rows.add(row);
        }
        return TextTable.format(header, rows);
    }

    @Override
    public String toString() {
        return "ClassificationInterpretation(" + type.name().toLowerCase(Locale.ROOT) + " set, " + actual.length
                + " items, classes " + classes + ")";
    }
}
