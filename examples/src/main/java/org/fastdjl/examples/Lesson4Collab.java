package org.fastdjl.examples;

import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.collab.learner.Collab;
import org.fastdjl.collab.learner.CollabLearner;
import org.fastdjl.core.Fastdjl;
import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.io.URLs;
import org.fastdjl.core.util.Breakdown;
import org.fastdjl.core.util.Pca;
import org.fastdjl.tabular.data.TabularCsv;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 4, collaborative filtering (course-v3 {@code lesson4-collab.ipynb}), top to bottom:
 * MovieLens sample ratings, {@code CollabDataBunch} with seed 42, {@code collab_learner(n_factors=50,
 * y_range=(0, 5.5))}, {@code lr_find}, {@code fit_one_cycle(3, 5e-3)}. When the data folder holds
 * MovieLens 100k ({@code u.data}, {@code u.item}) it runs the notebook's second part instead: ratings
 * joined with titles, 40 factors, wd 0.1, {@code fit_one_cycle(5, 5e-3)}, then the movie biases and the
 * principal components of the movie factors.
 */
public final class Lesson4Collab {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("lesson4-collab", "the collab notebook: the ML sample "
                    + "(`ratings.csv`), or MovieLens 100k when `--data` holds `u.data`/`u.item` (then also the bias "
                    + "and PCA interpretation)")
            .inputDir("data", "the data folder", "fastai's ML_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("epochs", "epochs of fit_one_cycle; 5 on MovieLens 100k unless given", 3, 1)
            .positiveNumber("lr", "the maximum learning rate of fit_one_cycle", "5e-3")
            .flag("no-lr-find", "skip lr_find and its plot")
            .integer("seed", "seed the weights and the shuffles too (Fastdjl.setSeed) so the run repeats exactly; "
                    + "the split is always the notebook's seed 42", 0, "unseeded weights, as the notebook")
            .outputDir("out", "where the plots (lr_find.png, losses.png, lr_schedule.png), the exported learner "
                    + "(export.fdjl) and saved models (models/dotprod.safetensors on MovieLens 100k) go", "out/lesson4-collab")
            .outputFile("report", "write the fit's JSON report here", null)
            .run(Lesson4Collab::run);

    private Lesson4Collab() {}

    /**
     * Runs the example from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if the data cannot be read or the outputs written
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the example.
     *
     * @param args the checked options
     * @return the exit code
     * @throws IOException if the data cannot be read or the outputs written
     */
    static int run(Args args) throws IOException {
        Path out = args.path("out");
        if (args.has("seed")) {
            Fastdjl.setSeed(args.getInt("seed"));
        }
        Path path = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.ML_SAMPLE);
        FitReport report = new FitReport().put("data", path.toAbsolutePath().toString());
        if (Files.exists(path.resolve("u.data"))) {
            movieLens100k(path, out, args, report);
        } else {
            sample(path, out, args, report);
        }
        if (args.path("report") != null) {
            report.write(args.path("report"));
            System.out.println("report written to " + args.path("report"));
            Breakdown.lap("plots and files");
        }
        return 0;
    }

    private static void sample(Path path, Path out, Args args, FitReport report) throws IOException {
        Path csv = path.resolve("ratings.csv");
        if (!Files.exists(csv)) {
            throw new IOException("no ratings.csv (ML sample) or u.data (MovieLens 100k) in " + path);
        }
        Table ratings = TabularCsv.read(csv); // pd.read_csv: named errors for a ragged, binary or empty file
        System.out.println(ratings.first(5));
        Breakdown.lap("data read");
        CollabDataBunch data = CollabDataBunch.fromTable(ratings).optSeed(42).build();
        Breakdown.lap("processing (data bunch)");
        data.showBatch(5);
        Breakdown.lap("show_batch");
        try (CollabLearner learn = Collab.learner(data).optNFactors(50).optYRange(0f, 5.5f).optPath(out).build()) {
            Breakdown.lap("model build");
            lrFind(learn, out, args);
            long t0 = System.nanoTime();
            learn.fitOneCycle(args.getInt("epochs"), args.getDouble("lr"));
            report.put("fit_seconds", (System.nanoTime() - t0) / 1e9);
            report.addFit(learn.recorder(), "fit_one_cycle");
            plots(learn, out);
            System.out.println("learner exported to " + learn.export());
        }
    }

    private static void lrFind(CollabLearner learn, Path out, Args args) {
        if (args.has("no-lr-find")) {
            return;
        }
        learn.lrFind();
        Breakdown.lap("lr_find: restore the weights");
        Path png = learn.recorder().plot(out.resolve("lr_find.png"));
        Breakdown.lap("plots and files");
        System.out.println(learn.recorder().lrSuggestions() + "; plot: " + png);
    }

    private static void plots(CollabLearner learn, Path out) {
        learn.recorder().plotLosses(out.resolve("losses.png"));
        learn.recorder().plotLr(out.resolve("lr_schedule.png"));
        System.out.println("plots written to " + out);
        Breakdown.lap("plots and files");
    }

    /**
     * Reads MovieLens 100k's {@code u.data} (tab-separated user, item, rating, timestamp; no header).
     *
     * @param file the file
     * @return the ratings with columns userId, movieId, rating, timestamp
     * @throws IOException if it cannot be read
     */
    static Table readUData(Path file) throws IOException {
        CsvReadOptions opts = CsvReadOptions.builder(file.toFile())
                .separator('\t')
                .header(false)
                .columnTypes(new tech.tablesaw.api.ColumnType[] {
                    tech.tablesaw.api.ColumnType.INTEGER, tech.tablesaw.api.ColumnType.INTEGER,
                    tech.tablesaw.api.ColumnType.DOUBLE, tech.tablesaw.api.ColumnType.INTEGER
                })
                .build();
        Table t = Table.read().csv(opts);
        if (t.columnCount() != 4) {
            throw new IOException(file + ": expected 4 tab-separated columns (user, item, rating, timestamp), found "
                    + t.columnCount());
        }
        t.column(0).setName("userId");
        t.column(1).setName("movieId");
        t.column(2).setName("rating");
        t.column(3).setName("timestamp");
        return t;
    }

    /**
     * Reads MovieLens 100k's {@code u.item} ('|'-separated, Latin-1, movie id and title first).
     *
     * @param file the file
     * @return movieId to title
     * @throws IOException if it cannot be read or a line has no id and title
     */
    static Map<Integer, String> readUItem(Path file) throws IOException {
        Map<Integer, String> titles = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length < 2) {
                    throw new IOException(file + ", line " + lineNo + ": expected 'id|title|...'");
                }
                try {
                    titles.put(Integer.parseInt(f[0].trim()), f[1]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ", line " + lineNo + ": movie id '" + f[0] + "' is not a number");
                }
            }
        }
        return titles;
    }

    private static void movieLens100k(Path path, Path out, Args args, FitReport report) throws IOException {
        Table ratings = readUData(path.resolve("u.data"));
        Map<Integer, String> titles = readUItem(path.resolve("u.item"));
        StringColumn title = StringColumn.create("title");
        IntColumn movieIds = ratings.intColumn("movieId");
        for (int r = 0; r < ratings.rowCount(); r++) {
            String t = titles.get(movieIds.getInt(r));
            if (t == null) {
                throw new IOException("u.data row " + r + ": movie " + movieIds.getInt(r) + " is not in u.item");
            }
            title.append(t);
        }
        Table ratingMovie = ratings.copy().addColumns(title);
        System.out.println(ratingMovie.first(5));
        CollabDataBunch data = CollabDataBunch.fromTable(ratingMovie)
                .optUserName("userId").optItemName("title").optRatingName("rating")
                .optValidPct(0.1).optSeed(42).build();
        data.showBatch(5);
        try (CollabLearner learn = Collab.learner(data).optNFactors(40).optYRange(0f, 5.5f).optWd(1e-1)
                .optPath(out).build()) {
            lrFind(learn, out, args);
            long t0 = System.nanoTime();
            learn.fitOneCycle(args.has("epochs") ? args.getInt("epochs") : 5, args.getDouble("lr"));
            report.put("fit_seconds", (System.nanoTime() - t0) / 1e9);
            report.addFit(learn.recorder(), "fit_one_cycle");
            learn.save("dotprod");
            plots(learn, out);
            interpret(learn, ratingMovie, out);
            System.out.println("learner exported to " + learn.export());
        }
    }

    /** The notebook's "Interpretation" part: movie biases and the principal components of the factors. */
    private static void interpret(CollabLearner learn, Table ratingMovie, Path out) {
        StringColumn title = ratingMovie.stringColumn("title");
        DoubleColumn rating = ratingMovie.doubleColumn("rating");
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        for (int r = 0; r < ratingMovie.rowCount(); r++) {
            counts.computeIfAbsent(title.get(r), k -> new int[1])[0]++;
            sums.computeIfAbsent(title.get(r), k -> new double[1])[0] += rating.getDouble(r);
        }
        List<String> known = new ArrayList<>();
        for (String t : counts.keySet()) {
            if (learn.collabData().items().indexOf(t) > 0) {
                known.add(t);
            }
        }
        known.sort(Comparator.comparingInt((String t) -> counts.get(t)[0]).reversed());
        List<String> top = known.subList(0, Math.min(1000, known.size()));
        float[] bias = learn.bias(top, true);
        List<Object[]> movieRatings = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            String t = top.get(i);
            movieRatings.add(new Object[] {bias[i], t, sums.get(t)[0] / counts.get(t)[0]});
        }
        movieRatings.sort(Comparator.comparingDouble(o -> (Float) o[0]));
        System.out.println("\nMovies with the lowest bias (bias, title, mean rating):");
        printRows(movieRatings.subList(0, Math.min(15, movieRatings.size())));
        System.out.println("\nMovies with the highest bias:");
        List<Object[]> best = new ArrayList<>(movieRatings.subList(Math.max(0, movieRatings.size() - 15),
                movieRatings.size()));
        java.util.Collections.reverse(best);
        printRows(best);

        float[][] w = learn.weight(top, true);
        double[][] pca = Pca.pca(w, 3);
        for (int f = 0; f < Math.min(2, pca[0].length); f++) {
            final int fi = f;
            List<Object[]> fac = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                fac.add(new Object[] {(float) pca[i][fi], top.get(i)});
            }
            fac.sort(Comparator.comparingDouble(o -> -(Float) o[0]));
            System.out.println("\nFactor " + f + ", highest:");
            printRows(fac.subList(0, Math.min(10, fac.size())));
            System.out.println("Factor " + f + ", lowest:");
            List<Object[]> low = new ArrayList<>(fac.subList(Math.max(0, fac.size() - 10), fac.size()));
            java.util.Collections.reverse(low);
            printRows(low);
        }
        if (pca[0].length >= 3) {
            Path png = Pca.scatter(out.resolve("movie_pca.png"), pca, 0, 2, top, 50, 42);
            System.out.println("\n50 movies on factors 0 and 2: " + png);
        }
    }

    private static void printRows(List<Object[]> rows) {
        for (Object[] r : rows) {
            StringBuilder sb = new StringBuilder("  (");
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(r[i] instanceof Number ? String.format(Locale.ROOT, "%.4f", ((Number) r[i]).doubleValue())
                        : "'" + r[i] + "'");
            }
            System.out.println(sb.append(')'));
        }
    }
}
