package org.fastdjl.tabular.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

import org.fastdjl.core.data.RowPositions;
import org.fastdjl.core.io.TextFiles;

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

    private TabularCsv() {
    }

    /**
     * Whether a CSV field is missing as pandas reads it: empty, or one of pandas' default NA strings
     * ({@code NA}, {@code NaN}, {@code null}, {@code N/A}, ...).
     *
     * @param field the field's text
     * @return true when missing
     */
    public static boolean isNa(String field) {
        if (field == null || field.isEmpty()) {
            return true;
        }
        // every NA string is at most 8 characters and starts with one of these: skip the set for the rest
        char c = field.charAt(0);
        return field.length() <= 8 && (c == 'N' || c == 'n' || c == '#' || c == '-' || c == '1' || c == '<')
                && NA_VALUES.contains(field);
    }

    /**
     * A CSV field as a boolean, as pandas reads {@code True}/{@code False}.
     *
     * @param field the field's text
     * @return the value, or {@code null} when it is not one of {@code True TRUE true False FALSE false}
     */
    public static Boolean parseBoolean(String field) {
        if (TRUE_VALUES.contains(field)) {
            return Boolean.TRUE;
        }
        return FALSE_VALUES.contains(field) ? Boolean.FALSE : null;
    }

    /**
     * Reads a UTF-8 CSV file with a header row. Messages about its rows, here and later (a text value in
     * a continuous column, a missing label), name the file and the row's line as an editor shows it
     * ({@link RowPositions}).
     *
     * @param csv the file
     * @return the table, named after the file
     * @throws IOException naming the file (and the line, when known) if it does not exist, is a folder,
     *     is not UTF-8 text, is empty or has a row with more or fewer fields than the header
     */
    public static Table read(Path csv) throws IOException {
        if (Files.isDirectory(csv)) {
            throw new IOException(csv + ": is a folder; expected a CSV file");
        }
        if (!Files.exists(csv)) {
            throw new NoSuchFileException(csv.toString(), null, "expected a CSV file");
        }
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            Parsed parsed = parse(reader, csv.toString());
            Table table = parsed.table(csv.getFileName().toString());
            RowPositions.register(table, csv, parsed.lines);
            return table;
        } catch (CharacterCodingException e) {
            throw new IOException(TextFiles.notUtf8(csv), e);
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
        try {
            return parse(reader, tableName).table(tableName);
        } catch (CharacterCodingException e) {
            throw new IOException(tableName + ": not UTF-8 text; save it as UTF-8", e);
        }
    }

    /** The columns of a file as text, and the line each row starts on. */
    private record Parsed(List<String> header, List<List<String>> columns, int[] lines) {
        Table table(String name) {
            Table table = Table.create(name);
            for (int j = 0; j < header.size(); j++) {
                table.addColumns(column(header.get(j), columns.get(j)));
            }
            return table;
        }
    }

    private static Parsed parse(Reader reader, String source) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        CSVParser parser = null;
        try {
            parser = CSVParser.parse(reader, format);
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IOException(source + ": the file is empty; expected a header row and data rows");
            }
            List<List<String>> columns = new ArrayList<>();
            for (int j = 0; j < header.size(); j++) {
                columns.add(new ArrayList<>());
            }
            List<Integer> lines = new ArrayList<>();
            long previousEnd = parser.getCurrentLineNumber(); // the header's last line
            for (CSVRecord record : parser) {
                int line = (int) previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw new IllegalArgumentException(source + ", line " + line + ": " + record.size() + " field"
                            + (record.size() == 1 ? "" : "s") + "; the header has " + header.size() + " ("
                            + String.join(",", header) + ")");
                }
                for (int j = 0; j < header.size(); j++) {
                    columns.get(j).add(record.get(j));
                }
                lines.add(line);
            }
            return new Parsed(header, columns, lines.stream().mapToInt(Integer::intValue).toArray());
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException c) {
                throw c;
            }
            throw new IOException(source + ": cannot read as CSV" + near(parser) + ": " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) { // Commons CSV's malformed quoting
            throw new IOException(source + ": cannot read as CSV" + near(parser) + ": " + e.getMessage(), e);
        }
    }

    private static String near(CSVParser parser) {
        return parser == null ? "" : " (near line " + (parser.getCurrentLineNumber() + 1) + ")";
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
            if (allNumber) {
                int kind = numberKind(s);
                allLong &= kind == LONG;
                allNumber = kind != NOT_A_NUMBER;
            }
            allBoolean &= TRUE_VALUES.contains(s) || FALSE_VALUES.contains(s);
            if (!allNumber && !allBoolean) {
                break; // text: the rest cannot change the type
            }
        }
        int n = raw.size();
        if (allLong && !anyMissing && n > 0) {
            long[] values = new long[n];
            boolean fitsInt = true;
            for (int i = 0; i < n; i++) {
                values[i] = Long.parseLong(raw.get(i).strip());
                fitsInt &= values[i] > Integer.MIN_VALUE && values[i] <= Integer.MAX_VALUE; // MIN_VALUE: missing
            }
            if (fitsInt) {
                int[] ints = new int[n];
                for (int i = 0; i < n; i++) {
                    ints[i] = (int) values[i];
                }
                return IntColumn.create(name, ints);
            }
            return LongColumn.create(name, values);
        }
        if (allNumber) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                String s = raw.get(i);
                values[i] = NA_VALUES.contains(s) ? Double.NaN : Double.parseDouble(s.strip());
            }
            return DoubleColumn.create(name, values);
        }
        if (allBoolean && !anyMissing) {
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
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

    private static final int NOT_A_NUMBER = 0;
    private static final int LONG = 1;
    private static final int DECIMAL = 2;

    /**
     * Classifies a field, ignoring surrounding whitespace: {@link #LONG} for {@code [+-]?[0-9]{1,18}},
     * {@link #DECIMAL} for {@code [+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?}, else
     * {@link #NOT_A_NUMBER}. A hand-written scan: a regular expression costs more than the rest of
     * the read on a cold JVM.
     */
    private static int numberKind(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (i == to) {
            return intDigits == 0 ? NOT_A_NUMBER : intDigits <= 18 ? LONG : DECIMAL;
        }
        int fracDigits = 0;
        if (s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return NOT_A_NUMBER;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return NOT_A_NUMBER;
            }
        }
        return i == to ? DECIMAL : NOT_A_NUMBER;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
