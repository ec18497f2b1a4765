package org.fastdjl.text.transform;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the text column(s) of a UTF-8 CSV file with a header row, such as IMDB's {@code texts.csv}
 * ({@code label,text,is_valid}), where fields are quoted and hold commas, quotes and newlines. Blank lines
 * are skipped and a byte-order mark is ignored, as pandas does; the text of a field is kept as it is.
 *
 * <pre>{@code
 * List<String> reviews = CsvTexts.readColumn(Path.of("imdb_sample/texts.csv"), "text");
 * }</pre>
 */
public final class CsvTexts {

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private CsvTexts() {
    }

    /**
     * Reads one text column.
     *
     * @param csv the file
     * @param column the header name of the text column
     * @return the column's values, one per data row, in file order (an empty field is an empty string)
     * @throws TextInputException when the file cannot be read or decoded, the column is missing (the
     *     message lists the columns there are) or a row ends before the column (the message gives its row
     *     and line)
     */
    public static List<String> readColumn(Path csv, String column) throws TextInputException {
        List<List<String>> rows = readColumns(csv, List.of(column));
        List<String> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            out.add(r.get(0));
        }
        return out;
    }

    /**
     * Reads several text columns, for documents made of several fields.
     *
     * @param csv the file
     * @param columns header names, in the order the fields are to be joined
     * @return for each data row, its fields in the order of {@code columns}
     * @throws TextInputException as {@link #readColumn}
     */
    public static List<List<String>> readColumns(Path csv, List<String> columns) throws TextInputException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("name at least one text column");
        }
        return parse(csv, parser -> {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                throw new TextInputException(csv + ": the file is empty; expected a header row naming the "
                        + "column" + (columns.size() > 1 ? "s " : " ") + String.join(", ", columns));
            }
            int[] index = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                Integer i = header.get(columns.get(c));
                if (i == null) {
                    throw new TextInputException(csv + ": no column named '" + columns.get(c)
                            + "'; the header has " + parser.getHeaderNames());
                }
                index[c] = i;
            }
            List<List<String>> rows = new ArrayList<>();
            int row = 0;
            for (CSVRecord rec : parser) {
                row++;
                List<String> fields = new ArrayList<>(index.length);
                for (int c = 0; c < index.length; c++) {
                    if (index[c] >= rec.size()) {
                        throw new TextInputException(csv + ": row " + row + " (ending on line "
                                + parser.getCurrentLineNumber() + ") has " + rec.size() + " field"
                                + (rec.size() == 1 ? "" : "s") + " and no value for column '" + columns.get(c)
                                + "' (column " + (index[c] + 1) + ")");
                    }
                    fields.add(rec.get(index[c]));
                }
                rows.add(fields);
            }
            return rows;
        });
    }

    /**
     * Reads every column of the file as text, for a data block that takes its texts, labels and split
     * flags from the same file. A row shorter than the header is kept as it is: {@link CsvRows#get} then
     * reports the missing field, so the error names the column that was actually needed.
     *
     * @param csv the file
     * @return the header and the rows, in file order
     * @throws TextInputException when the file cannot be read or decoded, has no header row, or is not
     *     valid CSV (the message names the file)
     */
    public static CsvRows readAll(Path csv) throws TextInputException {
        return parse(csv, parser -> {
            List<String> header = parser.getHeaderNames();
            if (header == null || header.isEmpty()) {
                throw new TextInputException(csv + ": the file is empty; expected a header row");
            }
            List<String[]> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            for (CSVRecord rec : parser) {
                rows.add(rec.values());
                lines.add(parser.getCurrentLineNumber());
            }
            long[] ends = new long[lines.size()];
            for (int i = 0; i < ends.length; i++) {
                ends[i] = lines.get(i);
            }
            return new CsvRows(csv, header, rows, ends);
        });
    }

    /** What a reader does with an open parser. */
    @FunctionalInterface
    private interface ParserTask<T> {
        T run(CSVParser parser) throws IOException;
    }

    /**
     * Opens a CSV file (UTF-8, byte-order mark dropped) and runs a task on its parser, turning every
     * failure into a {@link TextInputException} that names the file.
     */
    private static <T> T parse(Path csv, ParserTask<T> task) throws TextInputException {
        try (Reader reader = skipByteOrderMark(Files.newBufferedReader(csv, StandardCharsets.UTF_8));
                CSVParser parser = FORMAT.parse(reader)) {
            return task.run(parser);
        } catch (TextInputException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new TextInputException(csv + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new TextInputException(org.fastdjl.core.io.TextFiles.notUtf8(csv), e);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new TextInputException(org.fastdjl.core.io.TextFiles.notUtf8(csv), e);
            }
            throw new TextInputException(csv + ": cannot read as CSV: " + rootMessage(e), e);
        } catch (IOException | RuntimeException e) {
            // Commons CSV reports malformed quoting as an UncheckedIOException / IllegalStateException
            throw new TextInputException(csv + ": cannot read as CSV: " + rootMessage(e), e);
        }
    }

    /** Drops a leading UTF-8 byte-order mark, which would otherwise stick to the first column's name. */
    private static Reader skipByteOrderMark(Reader in) throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int first = r.read();
        if (first != -1 && first != '\uFEFF') {
            r.unread(first);
        }
        return r;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
