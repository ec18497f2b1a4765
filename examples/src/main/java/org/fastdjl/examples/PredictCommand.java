package org.fastdjl.examples;

import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.core.util.Memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./fastdjl predict}: batch prediction over a whole CSV file with any exported learner ({@code
 * learn.export()}): loads it ({@link Learners#load}), streams the input {@code --bs} rows at a time
 * ({@link CsvPredict}) and writes the input's columns plus {@code prediction} and one {@code p_<class>}
 * per class, then prints the rows per second and the peak memory.
 */
public final class PredictCommand {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("predict", "batch prediction over a CSV file with any exported "
                    + "learner (`learn.export()`), streamed: the input's columns plus `prediction` and one `p_<class>` "
                    + "per class")
            .inputFile("model", "an export written by learn.export()").required()
            .inputFile("input", "the rows to predict: a CSV file with a header").required()
            .outputFile("out", "where the predictions go", "INPUT's name with .predictions.csv, beside it")
            .integer("bs", "rows per forward pass", CsvPredict.DEFAULT_BS, 1)
            .text("text-col", "NAME", "the column holding the text, for a text classifier", false)
            .text("image-col", "NAME", "the column holding image paths, for an image classifier", false)
            .run(PredictCommand::run);

    private PredictCommand() {}

    /**
     * Runs the command from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if a file cannot be read or written, or the model is not a valid export
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the command.
     *
     * @param args the checked options
     * @return the exit code
     * @throws IOException if a file cannot be read or written, or the model is not a valid export
     */
    static int run(Args args) throws IOException {
        Path model = args.path("model");
        Path input = args.path("input");
        Path out = args.path("out");
        if (out == null) {
            out = defaultOut(input);
            COMMAND.option("out").checkPath(out); // the default is checked as a given path is: before any work
        }
        int bs = args.getInt("bs");
        Map<String, String> roles = new HashMap<>();
        if (args.get("text-col") != null) {
            roles.put(RecordHeader.TEXT, args.get("text-col"));
        }
        if (args.get("image-col") != null) {
            roles.put(RecordHeader.IMAGE, args.get("image-col"));
        }
        long t0 = System.nanoTime();
        try (Learner learn = Learners.load(model)) {
            System.out.printf(Locale.ROOT, "loaded %s from %s in %.2f s (device %s)%n",
                    learn.getClass().getSimpleName(), model, (System.nanoTime() - t0) / 1e9, learn.device());
            CsvPredict.Result r;
            try {
                r = CsvPredict.run(learn, input, out, bs, roles);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            System.out.printf(Locale.ROOT, "predicted %d rows in %.2f s: %.0f rows/s (bs %d); peak RSS %.0f MB; "
                    + "written to %s%n", r.rows(), r.seconds(), r.rowsPerSecond(), bs, Memory.peakRssMb(), r.output());
        }
        return 0;
    }

    /** {@code rows.csv} gives {@code rows.predictions.csv} beside it. */
    static Path defaultOut(Path input) {
        String name = input.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return input.resolveSibling(stem + ".predictions.csv");
    }
}
