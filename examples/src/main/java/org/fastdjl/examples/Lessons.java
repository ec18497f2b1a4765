package org.fastdjl.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: every lesson example, one after the other, on the embedded data sets in {@code
 * src-test-data/} (made by the project itself, so nothing is downloaded).
 */
public final class Lessons {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("lessons", "every lesson example on the embedded data sets in "
                    + "`src-test-data/` (no download); the default command")
            .outputDir("out", "the lessons' outputs, one folder per lesson (plots, saved models, data_lm.fdjl)",
                    "out/lessons")
            .outputDirDefaultText("report-dir", "where the JSON reports of the fits go", "the --out folder")
            .run(Lessons::run);

    private Lessons() {}

    /**
     * The repository root: {@code -Dfastdjl.root} (set by the launcher), else the working directory.
     *
     * @return the root
     */
    public static Path repoRoot() {
        String root = System.getProperty("fastdjl.root");
        return Path.of(root == null || root.isBlank() ? "." : root);
    }

    /**
     * Runs the lessons.
     *
     * @param args the checked options of {@link #COMMAND}
     * @return 0 when every lesson ran
     * @throws Exception if one fails
     */
    static int run(Args args) throws Exception {
        Path data = repoRoot().resolve("src-test-data");
        Path out = args.path("out");
        Path reports = args.path("report-dir") != null ? args.path("report-dir") : out;
        Files.createDirectories(reports);
        long t0 = System.nanoTime();
        banner("lesson4-collab on " + data.resolve("movie_lens_tiny"));
        int rc = Lesson4Collab.run(list("--data", data.resolve("movie_lens_tiny").toString(),
                "--out", out.resolve("collab").toString(),
                "--report", reports.resolve("lesson4-collab.json").toString()));
        if (rc != 0) {
            return rc;
        }
        banner("lesson4-imdb-data on " + data.resolve("imdb_tiny"));
        rc = Lesson4ImdbData.run(list("--data", data.resolve("imdb_tiny").toString(),
                "--out", out.resolve("imdb-data").toString()));
        if (rc != 0) {
            return rc;
        }
        banner("lesson4-imdb on " + data.resolve("imdb_tiny") + " (tiny AWD-LSTM: language model, then classifier)");
        rc = Lesson4Imdb.run(list("--data", data.resolve("imdb_tiny").toString(), "--size", "tiny", "--epochs", "2",
                "--out", out.resolve("imdb").toString(),
                "--report", reports.resolve("lesson4-imdb.json").toString()));
        if (rc != 0) {
            return rc;
        }
        banner("predict: the exported text classifier on every review of imdb_tiny");
        rc = PredictCommand.run(list("--model", out.resolve("imdb").resolve("export.fdjl").toString(),
                "--input", data.resolve("imdb_tiny").resolve("texts.csv").toString(), "--text-col", "text",
                "--out", out.resolve("imdb").resolve("texts.predictions.csv").toString()));
        if (rc != 0) {
            return rc;
        }
        banner("lesson4-tabular on " + data.resolve("adult_tiny"));
        rc = Lesson4Tabular.run(list("--data", data.resolve("adult_tiny").toString(),
                "--out", out.resolve("tabular").toString(),
                "--report", reports.resolve("lesson4-tabular.json").toString()));
        if (rc != 0) {
            return rc;
        }
        banner("predict: the exported tabular learner on every row of adult_tiny");
        rc = PredictCommand.run(list("--model", out.resolve("tabular").resolve("export.fdjl").toString(),
                "--input", data.resolve("adult_tiny").resolve("adult.csv").toString(),
                "--out", out.resolve("tabular").resolve("adult.predictions.csv").toString()));
        if (rc != 0) {
            return rc;
        }
        System.out.printf("%nall lessons ran in %.1f s; outputs in %s%n", (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    static void banner(String title) {
        System.out.println();
        System.out.println("=== " + title + " ===");
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
