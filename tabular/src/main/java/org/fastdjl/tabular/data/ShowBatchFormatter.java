package org.fastdjl.tabular.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints decoded rows as a fixed-width text table, like the HTML table of fastai's
 * {@code show_batch}: the categorical columns, the continuous columns with 4 decimals, then
 * {@code target}.
 *
 * <pre>{@code
 * workclass  education  education-num_na  age      target
 * ---------  ---------  ----------------  -------  ------
 *  Private    HS-grad   False             38.0000  <50k
 * }</pre>
 *
 * <p>fastai v1 prints the continuous values as they enter the model (normalized); this prints them in
 * original units, which is what a reader wants to check.
 */
public final class ShowBatchFormatter {

    /** The header of the label column, as in fastai. */
    public static final String TARGET = "target";

    private ShowBatchFormatter() {
    }

    /**
     * Formats rows that share the same columns.
     *
     * @param rows decoded rows (see {@link TabularData#decodeRow})
     * @return the table, one line per row after a header and a rule; empty text for no rows
     */
    public static String format(List<DecodedRow> rows) {
        return formatRows(rows);
    }

    /**
     * A de-normalized continuous value as {@code showBatch} prints it: six significant digits, trailing
     * zeros dropped, so the float32 rounding of normalize-then-decode does not show ({@code 66686}, not
     * {@code 66686.0052}; {@code 0.333333}).
     *
     * @param v the value
     * @return the text
     */
    public static String formatContinuous(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static String formatRows(List<DecodedRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        DecodedRow first = rows.get(0);
        List<String> header = new ArrayList<>(first.categories().keySet());
        header.addAll(first.continuous().keySet());
        int numericFrom = first.categories().size();
        int numericTo = header.size();
        if (first.hasLabel()) {
            header.add(TARGET);
        }
        List<List<String>> cells = new ArrayList<>();
        for (DecodedRow row : rows) {
            List<String> line = new ArrayList<>(row.categories().values());
            for (double v : row.continuous().values()) {
                line.add(formatContinuous(v));
            }
            if (first.hasLabel()) {
                line.add(row.label());
            }
            if (line.size() != header.size()) {
                throw new IllegalArgumentException("Rows have different columns: " + line.size() + " vs " + header.size());
            }
            cells.add(line);
        }
        int[] width = new int[header.size()];
        for (int j = 0; j < width.length; j++) {
            width[j] = header.get(j).length();
            for (List<String> line : cells) {
                width[j] = Math.max(width[j], line.get(j).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, width, -1, -1);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        appendLine(out, rule, width, -1, -1);
        for (List<String> line : cells) {
            appendLine(out, line, width, numericFrom, numericTo);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] width, int rightFrom, int rightTo) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < cells.size(); j++) {
            if (j > 0) {
                line.append("  ");
            }
            String cell = cells.get(j);
            String pad = " ".repeat(width[j] - cell.length());
            line.append(j >= rightFrom && j < rightTo ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
