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
import java.util.Set;

/**
 * {@code ./fastdjl predict}: batch prediction over a whole CSV file with any exported learner ({@code
 * learn.export()}): loads it ({@link Learners#load}), streams the input {@code --bs} rows at a time
 * ({@link CsvPredict}) and writes the input's columns plus {@code prediction} and one {@code p_<class>}
 * per class, then prints the rows per second and the peak memory.
 */
public final class PredictCommand {

    private PredictCommand() {}

    /**
     * Runs the command.
     *
     * @param argv {@code --model FILE --input CSV [--out CSV] [--bs N] [--text-col NAME] [--image-col NAME]}
     * @return the exit code
     * @throws IOException if a file cannot be read or written, or the model is not a valid export
     */
    public static int run(List<String> argv) throws IOException {
        Args args = Args.parse(argv, Set.of("model", "input", "out", "bs", "text-col", "image-col"), Set.of());
        Path model = required(args, "model", "FILE (an export written by learn.export())");
        Path input = required(args, "input", "CSV (the rows to predict, with a header)");
        Path out = args.path("out") != null ? args.path("out") : defaultOut(input);
        int bs = args.getInt("bs", CsvPredict.DEFAULT_BS);
        Map<String, String> roles = new HashMap<>();
        if (args.get("text-col", null) != null) {
            roles.put(RecordHeader.TEXT, args.get("text-col", null));
        }
        if (args.get("image-col", null) != null) {
            roles.put(RecordHeader.IMAGE, args.get("image-col", null));
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

    private static Path required(Args args, String name, String what) {
        Path p = args.path(name);
        if (p == null) {
            throw new IllegalArgumentException("--" + name + " " + what + " is required; usage: predict --model FILE "
                    + "--input CSV [--out CSV] [--bs N] [--text-col NAME] [--image-col NAME]");
        }
        return p;
    }

    /** {@code rows.csv} gives {@code rows.predictions.csv} beside it. */
    static Path defaultOut(Path input) {
        String name = input.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return input.resolveSibling(stem + ".predictions.csv");
    }
}
