package org.fastdjl.core.callback;

import org.fastdjl.core.util.TextTable;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints fastai's results table, one row per epoch as it ends:
 *
 * <pre>
 * epoch     train_loss  valid_loss  time
 * 0         1.640393    0.993621    00:00
 * </pre>
 *
 * <p>Epochs count from 0 as fastai 1.0.61's table does. Losses and metrics have six decimals; time is
 * {@code mm:ss}.
 */
public final class ProgressPrinter implements Callback {

    private final PrintStream out;
    private List<String> names;
    private int[] widths;

    /** Prints to standard output. */
    public ProgressPrinter() {
        this(System.out);
    }

    /**
     * Prints to a stream.
     *
     * @param out where to print
     */
    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public int order() {
        return -5;
    }

    @Override
    public void trainBegin(FitState state) {
        if (state.isSkipValidate()) {
            names = null; // the LR finder prints no table
            return;
        }
        names = new ArrayList<>();
        names.add("epoch");
        names.add("train_loss");
        names.add("valid_loss");
        names.addAll(state.learner().metricNames());
        names.add("time");
        widths = new int[names.size()];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            widths[i] = Math.max(8, names.get(i).length()) + 2;
            sb.append(i == names.size() - 1 ? names.get(i) : TextTable.pad(names.get(i), widths[i]));
        }
        out.println(sb);
    }

    @Override
    public void epochEnd(FitState state) {
        if (names == null) {
            return;
        }
        Recorder rec = state.learner().recorder();
        double[] secs = rec.seconds();
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(state.epoch()));
        row.add(fmt(state.smoothLoss()));
        List<Double> last = state.lastMetrics();
        row.add(last.isEmpty() ? "#na#" : fmt(last.get(0)));
        for (int i = 1; i < names.size() - 3; i++) {
            row.add(i < last.size() ? fmt(last.get(i)) : "#na#");
        }
        row.add(formatTime(secs.length == 0 ? 0 : secs[secs.length - 1]));
        out.println(line(row, widths));
        out.flush();
    }

    /**
     * One row of the table: each cell padded to its column's width, and always followed by at least two
     * spaces, so a value wider than its column (a loss of 31937.101563) stays apart from the next.
     *
     * @param cells the cells
     * @param widths the column widths
     * @return the line
     */
    static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i == cells.size() - 1) {
                sb.append(cell);
            } else {
                sb.append(TextTable.pad(cell, Math.max(widths[i], cell.length() + 2)));
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "#na#";
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * Formats seconds as fastai does: {@code mm:ss}, or {@code h:mm:ss} past an hour.
     *
     * @param seconds the seconds
     * @return the formatted time
     */
    public static String formatTime(double seconds) {
        int t = (int) seconds;
        int h = t / 3600;
        int m = (t / 60) % 60;
        int s = t % 60;
        return h != 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%02d:%02d", m, s);
    }
}
