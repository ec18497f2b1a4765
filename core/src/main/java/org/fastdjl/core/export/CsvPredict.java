package org.fastdjl.core.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import org.fastdjl.core.io.AtomicFiles;
import org.fastdjl.core.learner.Learner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Batch prediction over a whole CSV file with any learner that is {@link RecordPredictable} (the
 * {@code ./fastdjl predict} command): the input is streamed, {@code bs} records at a time, through
 * Apache Commons CSV, and each batch's predictions are written before the next batch is read, so memory
 * stays bounded whatever the file's size. The output holds the input's columns, then {@code prediction}
 * and one {@code p_<class>} per class, in the input's row order; it is written to a temporary file
 * renamed into place at the end ({@link AtomicFiles}), so a failure leaves no half-written output.
 *
 * <pre>{@code
 * Learner learn = Learners.load(Path.of("export.fdjl"));
 * CsvPredict.Result r = CsvPredict.run(learn, Path.of("new.csv"), Path.of("preds.csv"), 1024, Map.of());
 * System.out.println(r.rows() + " rows, " + r.rowsPerSecond() + " rows/s");
 * }</pre>
 */
public final class CsvPredict {

    /** Records per batch when none is given. */
    public static final int DEFAULT_BS = 1024;

    private CsvPredict() {}

    /**
     * What a run did.
     *
     * @param output the file written
     * @param rows the records predicted
     * @param seconds the time from opening the input to the output in place
     */
    public record Result(Path output, long rows, double seconds) {
        /** @return records per second */
        public double rowsPerSecond() {
            return seconds > 0 ? rows / seconds : Double.NaN;
        }
    }

    /**
     * Predicts every record of a CSV file (UTF-8, header row).
     *
     * @param learner a learner that is {@link RecordPredictable} (every exported application learner)
     * @param input the CSV file
     * @param output the CSV file to write (replaced atomically)
     * @param bs records per batch
     * @param roles input columns by role ({@link RecordHeader#TEXT}, {@link RecordHeader#IMAGE}), for
     *     learners that read a column by role
     * @return the number of rows and the time taken
     * @throws NoSuchFileException if the input does not exist
     * @throws IllegalArgumentException for a learner that cannot predict records, an input without the
     *     columns the model needs (all named), or a record it cannot read (naming the file and line)
     * @throws IOException if reading or writing fails
     */
    public static Result run(Learner learner, Path input, Path output, int bs, Map<String, String> roles)
            throws IOException {
        if (!(learner instanceof RecordPredictable)) {
            throw new IllegalArgumentException("a " + learner.getClass().getSimpleName()
                    + " cannot predict the records of a CSV file");
        }
        if (bs < 1) {
            throw new IllegalArgumentException("bs must be >= 1, got " + bs);
        }
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "no input CSV here");
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("the output " + output + " is the input file; choose another --out");
        }
        long t0 = System.nanoTime();
        String source = input.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        long[] rows = {0};
        try (Reader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                CSVParser parser = parse(reader, format, source)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IllegalArgumentException(source + " is empty: expected a header row with the column names");
            }
            Path folder = input.toAbsolutePath().getParent();
            RecordPredictor predictor = ((RecordPredictable) learner).recordPredictor(
                    new RecordHeader(source, header, folder, roles));
            List<String> columns = new ArrayList<>(header);
            for (String c : predictor.outputColumns()) {
                if (header.contains(c)) {
                    throw new IllegalArgumentException(source + " already has a column '" + c
                            + "', which the predictions would add; rename it");
                }
                columns.add(c);
            }
            AtomicFiles.write(output, out -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
                printer.printRecord(columns);
                List<InputRecord> batch = new ArrayList<>(bs);
                Iterator<CSVRecord> it = parser.iterator();
                long linesBefore = parser.getCurrentLineNumber();
                while (next(it, source, linesBefore)) {
                    CSVRecord rec = it.next();
                    long line = linesBefore + 1;
                    linesBefore = parser.getCurrentLineNumber();
                    if (rec.size() != header.size()) {
                        throw new IllegalArgumentException(source + ", line " + line + ": " + rec.size()
                                + " fields, the header has " + header.size());
                    }
                    batch.add(new InputRecord(line, rec.values()));
                    if (batch.size() == bs) {
                        rows[0] += write(printer, predictor, batch);
                    }
                }
                rows[0] += write(printer, predictor, batch);
                printer.flush();
            });
        }
        return new Result(output, rows[0], (System.nanoTime() - t0) / 1e9);
    }

    private static CSVParser parse(Reader reader, CSVFormat format, String source) throws IOException {
        try {
            return CSVParser.parse(reader, format);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalArgumentException(source + ", line 1 (the header): " + e.getMessage(), e);
        }
    }

    private static boolean next(Iterator<CSVRecord> it, String source, long linesBefore) {
        try {
            return it.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException(source + ", after line " + linesBefore + ": malformed CSV ("
                    + e.getMessage() + ")", e);
        }
    }

    private static int write(CSVPrinter printer, RecordPredictor predictor, List<InputRecord> batch)
            throws IOException {
        if (batch.isEmpty()) {
            return 0;
        }
        List<String[]> out = predictor.predict(batch);
        if (out.size() != batch.size()) {
            throw new IllegalStateException(out.size() + " predictions for " + batch.size() + " records");
        }
        for (int i = 0; i < batch.size(); i++) {
            String[] fields = batch.get(i).fields();
            String[] preds = out.get(i);
            Object[] row = new Object[fields.length + preds.length];
            System.arraycopy(fields, 0, row, 0, fields.length);
            System.arraycopy(preds, 0, row, fields.length, preds.length);
            printer.printRecord(row);
        }
        int n = batch.size();
        batch.clear();
        return n;
    }
}
