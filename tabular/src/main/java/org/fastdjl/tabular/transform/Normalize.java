package org.fastdjl.tabular.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalizes the continuous columns, fastai v1's {@code Normalize}.
 *
 * <p>On the training split it learns each column's mean and <em>sample</em> standard deviation
 * (pandas' {@code std()}, divisor {@code n - 1}), ignoring missing values, and maps
 * {@code x -> (x - mean) / (std + 1e-7)} as fastai does; the same statistics are applied to every
 * other split. Put it after {@link FillMissing} so the statistics include the filled values, as in
 * fastai.
 */
public final class Normalize implements TabularProc {

    /** Added to the standard deviation before dividing, as fastai v1 does. */
    public static final double EPS = 1e-7;

    private Map<String, double[]> stats;

    /** Creates an unfitted processor. */
    public Normalize() {
    }

    @Override
    public void applyTrain(TabularFrame frame) {
        Map<String, double[]> learned = new LinkedHashMap<>();
        for (String name : frame.contNames()) {
            double[] values = frame.continuous(name);
            double sum = 0;
            int n = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n < 2) {
                throw new IllegalArgumentException("Normalize needs at least 2 training values in continuous "
                        + "column '" + name + "' to compute a sample standard deviation; it has " + n);
            }
            double mean = sum / n;
            double squares = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    squares += (v - mean) * (v - mean);
                }
            }
            learned.put(name, new double[] {mean, Math.sqrt(squares / (n - 1))});
        }
        this.stats = learned;
        applyTest(frame);
    }

    @Override
    public void applyTest(TabularFrame frame) {
        if (stats == null) {
            throw new IllegalStateException("Normalize.applyTest before applyTrain");
        }
        for (Map.Entry<String, double[]> e : stats.entrySet()) {
            double mean = e.getValue()[0];
            double scale = e.getValue()[1] + EPS;
            double[] values = frame.continuous(e.getKey());
            for (int i = 0; i < values.length; i++) {
                values[i] = (values[i] - mean) / scale;
            }
        }
    }

    @Override
    public double decodeContinuous(String column, double value) {
        double[] s = stats == null ? null : stats.get(column);
        return s == null ? value : value * (s[1] + EPS) + s[0];
    }

    /**
     * The training mean of each continuous column.
     *
     * @return column → mean
     */
    public Map<String, Double> means() {
        return column(0);
    }

    /**
     * The training sample standard deviation of each continuous column (without the 1e-7).
     *
     * @return column → std
     */
    public Map<String, Double> stds() {
        return column(1);
    }

    /** A fitted processor with the given statistics, as {@link ProcStates} reads it back from an export. */
    static Normalize restore(Map<String, Double> means, Map<String, Double> stds) {
        Map<String, double[]> learned = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : means.entrySet()) {
            learned.put(e.getKey(), new double[] {e.getValue(), stds.get(e.getKey())});
        }
        Normalize n = new Normalize();
        n.stats = learned;
        return n;
    }

    private Map<String, Double> column(int index) {
        if (stats == null) {
            throw new IllegalStateException("Normalize is not fitted yet");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        stats.forEach((name, s) -> out.put(name, s[index]));
        return Collections.unmodifiableMap(out);
    }
}
