package org.fastdjl.tabular.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tech.tablesaw.api.Table;

import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.TabularFrame;
import org.fastdjl.tabular.transform.TabularProc;

/**
 * Runs the processors over table rows, fastai v1's {@code TabularProcessor}: {@link #fit} learns on
 * the training rows, {@link #apply} processes any other rows (validation, test, a new table) with
 * what was learned. Afterwards it knows the processed column names (FillMissing's flags appended to
 * the categorical ones) and each categorical column's classes.
 */
public final class TabularProcessor {

    private final List<String> inputCatNames;
    private final List<String> inputContNames;
    private final List<TabularProc> procs;
    private List<String> catNames;
    private List<String> contNames;
    private Map<String, List<String>> classes;

    /**
     * Creates an unfitted processor.
     *
     * @param catNames  the categorical input columns
     * @param contNames the continuous input columns
     * @param procs     fresh processor instances, applied in order
     */
    public TabularProcessor(List<String> catNames, List<String> contNames, List<? extends TabularProc> procs) {
        this.inputCatNames = List.copyOf(catNames);
        this.inputContNames = List.copyOf(contNames);
        this.procs = List.copyOf(procs);
    }

    /**
     * A fitted processor from fitted processors and the columns they produce, as an export holds them.
     *
     * @param inputCatNames  the categorical input columns
     * @param inputContNames the continuous input columns
     * @param procs          fitted processors, in order (their {@link Categorify} knows every class)
     * @param catNames       the processed categorical columns (inputs, then FillMissing's flags)
     * @param contNames      the processed continuous columns
     * @return the fitted processor
     * @throws IllegalArgumentException if a processed categorical column has no classes
     */
    public static TabularProcessor restore(List<String> inputCatNames, List<String> inputContNames,
                                           List<? extends TabularProc> procs, List<String> catNames,
                                           List<String> contNames) {
        TabularProcessor p = new TabularProcessor(inputCatNames, inputContNames, procs);
        Map<String, List<String>> known = new LinkedHashMap<>();
        for (TabularProc proc : procs) {
            if (proc instanceof Categorify c) {
                known.putAll(c.classes());
            }
        }
        Map<String, List<String>> learned = new LinkedHashMap<>();
        for (String name : catNames) {
            List<String> c = known.get(name);
            if (c == null) {
                throw new IllegalArgumentException("categorical column '" + name + "' has no classes in Categorify");
            }
            learned.put(name, c);
        }
        p.catNames = List.copyOf(catNames);
        p.contNames = List.copyOf(contNames);
        p.classes = Collections.unmodifiableMap(learned);
        return p;
    }

    /**
     * Learns every processor on these rows and returns them processed.
     *
     * @param table the source table (not modified)
     * @param rows  the training rows
     * @return the processed training rows
     * @throws IllegalStateException if already fitted, or if the result has unencoded categorical
     *         columns (no Categorify) or missing continuous values (no FillMissing)
     */
    public TabularFrame fit(Table table, int[] rows) {
        if (isFitted()) {
            throw new IllegalStateException("TabularProcessor is already fitted");
        }
        TabularFrame frame = TabularFrame.read(table, rows, inputCatNames, inputContNames);
        for (TabularProc proc : procs) {
            proc.applyTrain(frame);
        }
        check(frame);
        Map<String, List<String>> learned = new LinkedHashMap<>();
        for (String name : frame.catNames()) {
            learned.put(name, frame.classes(name));
        }
        this.catNames = List.copyOf(frame.catNames());
        this.contNames = List.copyOf(frame.contNames());
        this.classes = Collections.unmodifiableMap(learned);
        return frame;
    }

    /**
     * Processes rows with the learned statistics (fastai's {@code apply_test}).
     *
     * @param table a table with the input columns (a label column is not needed)
     * @param rows  the rows to process
     * @return the processed rows, with the same columns as the training rows
     * @throws IllegalStateException before {@link #fit}
     * @throws IllegalArgumentException for a missing column or a continuous column holding text
     */
    public TabularFrame apply(Table table, int[] rows) {
        requireFitted();
        TabularFrame frame = TabularFrame.read(table, rows, inputCatNames, inputContNames);
        for (TabularProc proc : procs) {
            proc.applyTest(frame);
        }
        check(frame);
        if (!frame.catNames().equals(catNames) || !frame.contNames().equals(contNames)) {
            throw new IllegalStateException("Processing gave columns " + frame.catNames() + " + " + frame.contNames()
                    + " but training gave " + catNames + " + " + contNames);
        }
        return frame;
    }

    private static void check(TabularFrame frame) {
        for (String name : frame.catNames()) {
            frame.codes(name);
        }
        for (String name : frame.contNames()) {
            double[] values = frame.continuous(name);
            for (int i = 0; i < values.length; i++) {
                if (Double.isNaN(values[i])) {
                    throw new IllegalStateException("Continuous column '" + name + "' is still missing at row index "
                            + frame.sourceRow(i) + " after the procs; add FillMissing (before Normalize)");
                }
            }
        }
    }

    /**
     * Whether {@link #fit} has run.
     *
     * @return true once fitted
     */
    public boolean isFitted() {
        return catNames != null;
    }

    private void requireFitted() {
        if (!isFitted()) {
            throw new IllegalStateException("TabularProcessor is not fitted yet: call fit on the training rows");
        }
    }

    /**
     * The categorical input columns as given, before processing.
     *
     * @return the names
     */
    public List<String> inputCatNames() {
        return inputCatNames;
    }

    /**
     * The continuous input columns as given.
     *
     * @return the names
     */
    public List<String> inputContNames() {
        return inputContNames;
    }

    /**
     * The processed categorical columns: the inputs, then the flags FillMissing added.
     *
     * @return the names, in the column order of the code arrays
     */
    public List<String> catNames() {
        requireFitted();
        return catNames;
    }

    /**
     * The processed continuous columns.
     *
     * @return the names, in the column order of the continuous arrays
     */
    public List<String> contNames() {
        requireFitted();
        return contNames;
    }

    /**
     * Each processed categorical column's classes, {@code #na#} first.
     *
     * @return column → classes, in {@link #catNames()} order
     */
    public Map<String, List<String>> classes() {
        requireFitted();
        return classes;
    }

    /**
     * The processors, in order, with their learned state (e.g. {@code Normalize.means()}).
     *
     * @return the processors
     */
    public List<TabularProc> procs() {
        return procs;
    }

    /**
     * Undoes the processors on one continuous value, last processor first, for display.
     *
     * @param column a continuous column
     * @param value  a processed value
     * @return the value in the column's original units
     */
    public double decodeContinuous(String column, double value) {
        Objects.requireNonNull(column, "column");
        double v = value;
        List<TabularProc> reversed = new ArrayList<>(procs);
        Collections.reverse(reversed);
        for (TabularProc proc : reversed) {
            v = proc.decodeContinuous(column, v);
        }
        return v;
    }
}
