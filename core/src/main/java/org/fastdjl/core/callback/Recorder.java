package org.fastdjl.core.callback;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import org.fastdjl.core.util.Plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a fit as fastai v1's {@code Recorder}: per training batch the learning rate (of the last layer
 * group), the momentum and the smoothed loss; per epoch the training loss (the smoothed loss at the end
 * of the epoch, as fastai's table shows it), the validation loss, the metrics and the seconds taken. All
 * kept as Java primitives. Every {@code Learner} has one; it runs first ({@code order -10}).
 *
 * <p>Plots are written as PNG files: {@link #plot(Path)} (loss against learning rate, after {@code
 * lrFind}), {@link #plotLr(Path)} (the schedule), {@link #plotLosses(Path)} and {@link
 * #plotMetrics(Path)}.
 */
public final class Recorder implements Callback {

    private final DoubleArrayList lrs = new DoubleArrayList();
    private final DoubleArrayList moms = new DoubleArrayList();
    private final DoubleArrayList losses = new DoubleArrayList();
    private final IntArrayList nbBatches = new IntArrayList();
    private final DoubleArrayList trainLosses = new DoubleArrayList();
    private final DoubleArrayList valLosses = new DoubleArrayList();
    private final List<double[]> metrics = new ArrayList<>();
    private final DoubleArrayList seconds = new DoubleArrayList();
    private List<String> metricNames = List.of();
    private long epochStart;

    @Override
    public int order() {
        return -10;
    }

    @Override
    public void trainBegin(FitState state) {
        lrs.clear();
        moms.clear();
        losses.clear();
        nbBatches.clear();
        trainLosses.clear();
        valLosses.clear();
        metrics.clear();
        seconds.clear();
        metricNames = state.learner().metricNames();
    }

    @Override
    public void epochBegin(FitState state) {
        epochStart = System.nanoTime();
    }

    @Override
    public void batchBegin(FitState state) {
        if (state.isTrain()) {
            double[] lr = state.learner().opt().lr();
            lrs.add(lr[lr.length - 1]);
            moms.add(state.learner().opt().mom());
        }
    }

    @Override
    public void backwardBegin(FitState state) {
        losses.add(state.smoothLoss());
    }

    @Override
    public void epochEnd(FitState state) {
        nbBatches.add(state.numBatch());
        trainLosses.add(state.smoothLoss());
        List<Double> last = state.lastMetrics();
        if (!last.isEmpty()) {
            valLosses.add(last.get(0));
            double[] m = new double[last.size() - 1];
            for (int i = 1; i < last.size(); i++) {
                m[i - 1] = last.get(i);
            }
            metrics.add(m);
        } else {
            valLosses.add(Double.NaN);
            double[] m = new double[metricNames.size()];
            java.util.Arrays.fill(m, Double.NaN);
            metrics.add(m);
        }
        seconds.add((System.nanoTime() - epochStart) / 1e9);
    }

    /** @return the learning rate of the last layer group at each training batch */
    public double[] lrs() {
        return lrs.toDoubleArray();
    }

    /** @return the momentum at each training batch */
    public double[] moms() {
        return moms.toDoubleArray();
    }

    /** @return the smoothed training loss at each training batch */
    public double[] losses() {
        return losses.toDoubleArray();
    }

    /** @return the number of training batches of each epoch */
    public int[] nbBatches() {
        return nbBatches.toIntArray();
    }

    /** @return the training loss of each epoch (smoothed loss at its end) */
    public double[] trainLosses() {
        return trainLosses.toDoubleArray();
    }

    /** @return the validation loss of each epoch ({@code NaN} when validation was skipped) */
    public double[] valLosses() {
        return valLosses.toDoubleArray();
    }

    /** @return the metric values of each epoch, in the order of {@link #metricNames()} */
    public List<double[]> metrics() {
        List<double[]> copy = new ArrayList<>();
        for (double[] m : metrics) {
            copy.add(m.clone());
        }
        return copy;
    }

    /** @return the metric names */
    public List<String> metricNames() {
        return metricNames;
    }

    /** @return the seconds each epoch took, training and validation */
    public double[] seconds() {
        return seconds.toDoubleArray();
    }

    /**
     * The learning rates the last LR finder run suggests, by fastai v2's rules and v1's ({@link
     * LrSuggestions}).
     *
     * @return the suggestions ({@link LrSuggestions#NONE} with too few batches)
     */
    public LrSuggestions lrSuggestions() {
        return LrSuggestions.of(lrs(), losses());
    }

    /**
     * The learning rate {@code lrFind} suggests: fastai v2's default "valley" rule ({@link
     * LrSuggestions#valley()}). fastai v1's "min numerical gradient" is {@code lrSuggestions().minGrad()}.
     *
     * @return the suggested learning rate, or {@code NaN} if too few batches were recorded
     */
    public double suggestion() {
        return lrSuggestions().valley();
    }

    /**
     * Plots the smoothed loss against the learning rate (log scale, a tick at every decade), skipping
     * the first 10 and last 5 batches as fastai does, with the suggestions of {@link #lrSuggestions()}
     * marked; used after {@code lrFind}.
     *
     * @param file the PNG file
     * @return the file
     */
    public Path plot(Path file) {
        double[] l = losses();
        double[] r = lrs();
        int from = Math.min(LrSuggestions.SKIP_START, Math.max(0, l.length - 1));
        int to = Math.max(from + 1, l.length - LrSuggestions.SKIP_END);
        double[] x = java.util.Arrays.copyOfRange(r, from, Math.min(to, r.length));
        double[] y = java.util.Arrays.copyOfRange(l, from, Math.min(to, l.length));
        List<Plots.Line> lines = new ArrayList<>();
        lines.add(new Plots.Line("loss", x, y, false));
        LrSuggestions s = lrSuggestions();
        if (s.isPresent()) {
            lines.add(Plots.Line.points(String.format(java.util.Locale.ROOT, "valley %.2E (v2 default, suggested)",
                    s.valley()), new double[] {s.valley()}, new double[] {s.valleyLoss()}));
            lines.add(Plots.Line.points(String.format(java.util.Locale.ROOT, "steep %.2E", s.steep()),
                    new double[] {s.steep()}, new double[] {s.steepLoss()}));
            lines.add(Plots.Line.points(String.format(java.util.Locale.ROOT, "minimum/10 %.2E", s.minimumOver10()),
                    new double[] {s.minimumOver10()}, new double[] {lossAt(x, y, s.minimumOver10())}));
            lines.add(Plots.Line.points(String.format(java.util.Locale.ROOT, "v1 min grad %.2E", s.minGrad()),
                    new double[] {s.minGrad()}, new double[] {s.minGradLoss()}));
        }
        return Plots.line(file, "LR finder", "Learning Rate", "Loss", true, lines);
    }

    /** The smoothed loss at the recorded learning rate nearest {@code lr} (on a log scale). */
    private static double lossAt(double[] x, double[] y, double lr) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(Math.log(x[i] / lr)) < Math.abs(Math.log(x[best] / lr))) {
                best = i;
            }
        }
        return y.length == 0 ? Double.NaN : y[best];
    }

    /**
     * Plots the learning rate and the momentum against the iteration (the one-cycle schedule).
     *
     * @param file the PNG file
     * @return the file
     */
    public Path plotLr(Path file) {
        double[] it = iterations(lrs.size());
        return Plots.stacked(file, "Learning rate and momentum", "Iterations", List.of("Learning Rate", "Momentum"),
                List.of(new Plots.Line("lr", it, lrs(), false), new Plots.Line("momentum", it, moms(), false)));
    }

    /**
     * Plots the smoothed training loss per batch and the validation loss at the end of each epoch.
     *
     * @param file the PNG file
     * @return the file
     */
    public Path plotLosses(Path file) {
        double[] l = losses();
        double[] vx = new double[valLosses.size()];
        int acc = 0;
        for (int i = 0; i < vx.length; i++) {
            acc += nbBatches.getInt(i);
            vx[i] = acc;
        }
        return Plots.line(file, "Losses", "Batches processed", "Loss", false,
                List.of(new Plots.Line("Train", iterations(l.length), l, false),
                        new Plots.Line("Validation", vx, valLosses(), true)));
    }

    /**
     * Plots each metric at the end of each epoch against the batches processed, one panel per metric,
     * as fastai's {@code recorder.plot_metrics()}.
     *
     * @param file the PNG file
     * @return the file
     * @throws IllegalStateException when the last fit recorded no metric
     */
    public Path plotMetrics(Path file) {
        if (metricNames.isEmpty() || metrics.isEmpty()) {
            throw new IllegalStateException("no metrics were recorded: give the learner metrics "
                    + "(optMetrics(Metrics.accuracy()), say) and fit before plotting them");
        }
        double[] x = new double[metrics.size()];
        int acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += nbBatches.getInt(i);
            x[i] = acc;
        }
        List<Plots.Line> lines = new ArrayList<>();
        for (int j = 0; j < metricNames.size(); j++) {
            double[] y = new double[metrics.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = metrics.get(i)[j];
            }
            lines.add(new Plots.Line(metricNames.get(j), x, y, true));
        }
        return Plots.stacked(file, "Metrics", "Batches processed", metricNames, lines);
    }

    private static double[] iterations(int n) {
        double[] it = new double[n];
        for (int i = 0; i < n; i++) {
            it[i] = i;
        }
        return it;
    }
}
