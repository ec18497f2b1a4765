package org.fastdjl.core.util;

import java.util.List;

/** Formats rows of strings as a left-aligned, fixed-width table, as fastai prints its tables. */
public final class TextTable {

    private TextTable() {}

    /**
     * Formats a table.
     *
     * @param header the column headers
     * @param rawRows the rows, each with one string per column (newlines are shown as {@code \\n})
     * @return the table, one line per row after the header, each ending with a newline
     */
    public static String format(List<String> header, List<List<String>> rawRows) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (List<String> row : rawRows) {
            List<String> clean = new java.util.ArrayList<>();
            for (String cell : row) {
                clean.add(cell.replace("\n", "\\n"));
            }
            rows.add(clean);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, widths);
        for (List<String> row : rows) {
            appendRow(sb, row, widths);
        }
        return sb.toString();
    }

    /**
     * Pads a value to a column width.
     *
     * @param value the value
     * @param width the width
     * @return the value followed by spaces up to {@code width}
     */
    public static String pad(String value, int width) {
        StringBuilder sb = new StringBuilder(value);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> row, int[] widths) {
        for (int c = 0; c < row.size(); c++) {
            String cell = row.get(c);
            sb.append(c == row.size() - 1 ? cell : pad(cell, widths[c] + 2));
        }
        sb.append('\n');
    }
}
