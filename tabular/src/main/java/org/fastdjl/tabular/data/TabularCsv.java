package org.fastdjl.tabular.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads a CSV file into a Tablesaw table the way {@code pandas.read_csv} would, so processors see the
 * same values as in fastai.
 *
 * <p>Tablesaw's own CSV reader strips leading spaces ({@code " Private"} becomes {@code "Private"});
 * pandas keeps them, and so do the categories fastai learns. Here text is kept byte for byte. Column
 * types follow pandas: integers without missing values become {@code INTEGER} (or {@code LONG}),
 * numbers with a decimal point or with missing values {@code DOUBLE}, {@code True}/{@code False}
 * without missing values {@code BOOLEAN}, everything else {@code STRING}. Empty fields and pandas'
 * default NA strings ({@code NA}, {@code NaN}, {@code null}, {@code N/A}, ...) are missing.
 */
public final class TabularCsv {

    /** pandas' default {@code na_values}. */
    private static final Set<String> NA_VALUES = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");
    private static final Set<String> TRUE_VALUES = Set.of("True", "TRUE", "true");
    private static final Set<String> FALSE_VALUES = Set.of("False", "FALSE", "false");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private TabularCsv() {
    }

    /**
     * Reads a UTF-8 CSV file with a header row.
     *
     * @param csv the file
     * @return the table, named after the file
     * @throws IOException if the file cannot be read
     */
    public static Table read(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(reader, csv.getFileName().toString());
        }
    }

    /**
     * Reads CSV text with a header row.
     *
     * @param reader    the text; not closed
     * @param tableName the table's name
     * @return the table
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if a row has more or fewer fields than the header
     */
    public static Table read(Reader reader, String tableName) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        CSVParser parser = CSVParser.parse(reader, format);
        List<String> header = parser.getHeaderNames();
        List<List<String>> columns = new ArrayList<>();
        for (int j = 0; j < header.size(); j++) {
            columns.add(new ArrayList<>());
        }
        for (CSVRecord record : parser) {
            if (record.size() != header.size()) {
                throw new IllegalArgumentException("CSV line " + record.getRecordNumber() + " has " + record.size()
                        + " fields; the header has " + header.size());
            }
            for (int j = 0; j < header.size(); j++) {
                columns.get(j).add(record.get(j));
            }
        }
        Table table = Table.create(tableName);
        for (int j = 0; j < header.size(); j++) {
            table.addColumns(column(header.get(j), columns.get(j)));
        }
        return table;
    }

    private static Column<?> column(String name, List<String> raw) {
        boolean anyMissing = false;
        boolean allLong = true;
        boolean allNumber = true;
        boolean allBoolean = true;
        for (String s : raw) {
            if (NA_VALUES.contains(s)) {
                anyMissing = true;
                continue;
            }
            String t = s.strip();
            allLong &= parsesAsLong(t);
            allNumber &= parsesAsDouble(t);
            allBoolean &= TRUE_VALUES.contains(s) || FALSE_VALUES.contains(s);
        }
        if (allLong && !anyMissing && !raw.isEmpty()) {
            long[] values = raw.stream().mapToLong(s -> Long.parseLong(s.strip())).toArray();
            boolean fitsInt = true;
            for (long v : values) {
                fitsInt &= v > Integer.MIN_VALUE && v <= Integer.MAX_VALUE; // MIN_VALUE is IntColumn's missing marker
            }
            if (fitsInt) {
                int[] ints = new int[values.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) values[i];
                }
                return IntColumn.create(name, ints);
            }
            return LongColumn.create(name, values);
        }
        if (allNumber) {
            double[] values = raw.stream()
                    .mapToDouble(s -> NA_VALUES.contains(s) ? Double.NaN : Double.parseDouble(s.strip())).toArray();
            return DoubleColumn.create(name, values);
        }
        if (allBoolean && !anyMissing) {
            boolean[] values = new boolean[raw.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = TRUE_VALUES.contains(raw.get(i));
            }
            return BooleanColumn.create(name, values);
        }
        StringColumn strings = StringColumn.create(name);
        for (String s : raw) {
            if (NA_VALUES.contains(s)) {
                strings.appendMissing();
            } else {
                strings.append(s);
            }
        }
        return strings;
    }

    private static boolean parsesAsLong(String s) {
        return INTEGER.matcher(s).matches();
    }

    private static boolean parsesAsDouble(String s) {
        return DECIMAL.matcher(s).matches();
    }
}
