package org.fastdjl.tabular.transform;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fills missing values in the continuous columns, fastai v1's {@code FillMissing}.
 *
 * <p>On the training split, for every continuous column that has missing values, it replaces them
 * by the fill value of the {@link FillStrategy} (the train median by default) and, with
 * {@link #addCol(boolean) addCol} on (the default), appends a boolean {@code <col>_na} column to the
 * categorical names that is {@code True} where the value was missing. Columns without missing
 * training values get no flag column. Validation, test and new rows get the same flag columns and
 * the same fill values, learned on train.
 *
 * <p><b>A missing value in a column that had none in training.</b> fastai v1 raises an exception
 * ("There are nan values in field ... but there were none in the training set"). Here, by default,
 * the value is filled with the fill value learned on the training split for that column (computed
 * for every continuous column) and <em>no</em> flag column is added, since the model has no input for
 * it; this keeps batch prediction on new tables working. Call {@link #failOnNewMissing(boolean)
 * failOnNewMissing(true)} to get fastai's exception instead.
 *
 * <pre>{@code
 * .procs(FillMissing::new, Categorify::new, Normalize::new)                  // lesson 4
 * .procs(() -> new FillMissing(FillStrategy.CONSTANT).fillValue(-1), ...)    // other strategies
 * }</pre>
 */
public final class FillMissing implements TabularProc {

    /** The suffix of the flag columns, as in fastai. */
    public static final String FLAG_SUFFIX = "_na";

    private final FillStrategy strategy;
    private double fillValue = 0.0;
    private boolean addCol = true;
    private boolean failOnNewMissing = false;

    private Map<String, Double> naDict;
    private Map<String, Double> fillers;

    /** Fills with the training median and adds flag columns (fastai's defaults). */
    public FillMissing() {
        this(FillStrategy.MEDIAN);
    }

    /**
     * Fills with the given strategy and adds flag columns.
     *
     * @param strategy how to compute the fill value
     */
    public FillMissing(FillStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    /**
     * Sets the value used by {@link FillStrategy#CONSTANT} (fastai's {@code fill_val}, default 0).
     *
     * @param value the constant
     * @return this
     */
    public FillMissing fillValue(double value) {
        checkNotFitted();
        this.fillValue = value;
        return this;
    }

    /**
     * Whether to add the {@code <col>_na} flag columns (fastai's {@code add_col}, default true).
     *
     * @param add true to add them
     * @return this
     */
    public FillMissing addCol(boolean add) {
        checkNotFitted();
        this.addCol = add;
        return this;
    }

    /**
     * Whether a missing value outside training, in a column that had none in training, is an error
     * (fastai v1) instead of being filled without a flag (the default).
     *
     * @param fail true for fastai's exception
     * @return this
     */
    public FillMissing failOnNewMissing(boolean fail) {
        checkNotFitted();
        this.failOnNewMissing = fail;
        return this;
    }

    private void checkNotFitted() {
        if (naDict != null) {
            throw new IllegalStateException("FillMissing is already fitted; configure it before use");
        }
    }

    @Override
    public void applyTrain(TabularFrame frame) {
        Map<String, Double> na = new LinkedHashMap<>();
        Map<String, Double> fill = new LinkedHashMap<>();
        for (String name : frame.contNames()) {
            double[] values = frame.continuous(name);
            boolean anyMissing = firstMissing(values) >= 0;
            Double filler = filler(name, values, anyMissing);
            if (filler != null) {
                fill.put(name, filler);
            }
            if (anyMissing) {
                na.put(name, filler);
            }
        }
        this.fillers = fill;
        this.naDict = na;
        fill(frame);
    }

    @Override
    public void applyTest(TabularFrame frame) {
        if (naDict == null) {
            throw new IllegalStateException("FillMissing.applyTest before applyTrain");
        }
        for (String name : frame.contNames()) {
            if (naDict.containsKey(name)) {
                continue;
            }
            int first = firstMissing(frame.continuous(name));
            if (first < 0) {
                continue;
            }
            if (failOnNewMissing || !fillers.containsKey(name)) {
                throw new IllegalStateException("There are missing values in continuous column '" + name
                        + "' (first at row index " + frame.sourceRow(first) + ") but there were none in the "
                        + "training set" + (failOnNewMissing ? "" : " and no fill value could be learned")
                        + ". Please fix those manually.");
            }
            double[] values = frame.continuous(name);
            double filler = fillers.get(name);
            for (int i = 0; i < values.length; i++) {
                values[i] = fillIfMissing(values[i], filler);
            }
        }
        fill(frame);
    }

    private void fill(TabularFrame frame) {
        for (Map.Entry<String, Double> e : naDict.entrySet()) {
            String name = e.getKey();
            double[] values = frame.continuous(name);
            if (addCol) {
                Object[] flags = new Object[values.length];
                for (int i = 0; i < values.length; i++) {
                    flags[i] = Double.isNaN(values[i]);
                }
                frame.addCategory(name + FLAG_SUFFIX, new CategoryValues(CategoryKind.BOOLEAN, flags));
            }
            double filler = e.getValue();
            for (int i = 0; i < values.length; i++) {
                values[i] = fillIfMissing(values[i], filler);
            }
        }
    }

    private static double fillIfMissing(double value, double filler) {
        return Double.isNaN(value) ? filler : value;
    }

    /** The fill value of a column, or null if it has no training values (then only an error if needed). */
    private Double filler(String name, double[] values, boolean anyMissing) {
        if (strategy == FillStrategy.CONSTANT) {
            return fillValue;
        }
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            if (anyMissing) {
                throw new IllegalArgumentException("Continuous column '" + name + "' has no values in the "
                        + "training split, so FillMissing cannot compute its " + strategy
                        + "; drop the column or use FillStrategy.CONSTANT");
            }
            return null;
        }
        return strategy == FillStrategy.MEDIAN ? median(present) : mostCommon(present);
    }

    private static double median(double[] present) {
        double[] sorted = present.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static double mostCommon(double[] present) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        for (double v : present) {
            counts.merge(v, 1, Integer::sum);
        }
        double best = present[0];
        int bestCount = 0;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static int firstMissing(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The fill values of the columns that had missing values in training (fastai's {@code na_dict}).
     *
     * @return column → fill value, in column order
     * @throws IllegalStateException before {@link #applyTrain}
     */
    public Map<String, Double> naDict() {
        if (naDict == null) {
            throw new IllegalStateException("FillMissing is not fitted yet");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(naDict));
    }

    /**
     * The fill value of every continuous column that had training values (used for a value missing
     * outside training in a column that had none missing in training).
     *
     * @return column → fill value, in column order
     * @throws IllegalStateException before {@link #applyTrain}
     */
    public Map<String, Double> fillers() {
        naDict();
        return Collections.unmodifiableMap(new LinkedHashMap<>(fillers));
    }

    FillStrategy strategy() {
        return strategy;
    }

    double fillValue() {
        return fillValue;
    }

    boolean addsColumns() {
        return addCol;
    }

    boolean failsOnNewMissing() {
        return failOnNewMissing;
    }

    /** A fitted processor with the given state, as {@link ProcStates} reads it back from an export. */
    static FillMissing restore(FillStrategy strategy, double fillValue, boolean addCol, boolean failOnNewMissing,
                               Map<String, Double> naDict, Map<String, Double> fillers) {
        FillMissing f = new FillMissing(strategy).fillValue(fillValue).addCol(addCol).failOnNewMissing(failOnNewMissing);
        f.fillers = new LinkedHashMap<>(fillers);
        f.naDict = new LinkedHashMap<>(naDict);
        return f;
    }

    /**
     * The names of the flag columns this processor adds, in order.
     *
     * @return e.g. {@code [education-num_na]}; empty when {@code addCol} is off
     */
    public List<String> flagColumns() {
        return addCol ? naDict().keySet().stream().map(n -> n + FLAG_SUFFIX).toList() : List.of();
    }
}
