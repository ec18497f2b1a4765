package org.fastdjl.examples;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.data.ArrayDataLoader;
import org.fastdjl.core.data.ArrayDataset;
import org.fastdjl.core.data.ArrayField;
import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.URLs;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.nn.Embedding;
import org.fastdjl.core.nn.LossFunction;
import org.fastdjl.core.nn.Losses;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.core.optim.Sgd;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import org.fastdjl.tabular.data.TabularCsv;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The lesson's spreadsheet ({@code collab_filter.xlsx}) on the same core: the 15 most active users and
 * the 15 most rated movies, 5 random factors for each, a rating predicted as the dot product of a user's
 * and a movie's factors, fitted by plain gradient descent on the RMSE of the known ratings. It prints
 * the RMSE as it falls, then the ratings next to the predictions.
 */
public final class CollabSpreadsheet {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("collab-spreadsheet", "the lesson's spreadsheet: the 15 most "
                    + "active users x the 15 most rated movies, 5 factors, plain gradient descent on RMSE")
            .inputDir("data", "the folder holding ratings.csv", "fastai's ML_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("steps", "gradient-descent steps", 300, 1)
            .positiveNumber("lr", "the learning rate", "1")
            .integer("seed", "the seed of the random factors", 42, 0)
            .run(CollabSpreadsheet::run);

    private CollabSpreadsheet() {}

    /**
     * Runs the demo from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if the ratings cannot be read
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the demo.
     *
     * @param args the checked options
     * @return the exit code
     * @throws IOException if the ratings cannot be read
     */
    static int run(Args args) throws IOException {
        Path path = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.ML_SAMPLE);
        Path csv = path.resolve("ratings.csv");
        if (!Files.exists(csv)) {
            throw new IOException("no ratings.csv in " + path);
        }
        Table ratings = TabularCsv.read(csv);
        if (ratings.columnCount() < 3) {
            throw new IllegalArgumentException(csv + ": " + ratings.columnCount() + " columns "
                    + ratings.columnNames() + "; expected user, item and rating first");
        }
        List<String> users = mostFrequent(ratings.column(0), 15);
        List<String> movies = mostFrequent(ratings.column(1), 15);
        Map<String, Integer> ui = index(users);
        Map<String, Integer> mi = index(movies);
        List<int[]> cells = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        NumericColumn<?> rating = (NumericColumn<?>) ratings.column(2);
        for (int r = 0; r < ratings.rowCount(); r++) {
            Integer u = ui.get(CategoryMap.key(ratings.column(0), r));
            Integer m = mi.get(CategoryMap.key(ratings.column(1), r));
            if (u != null && m != null) {
                cells.add(new int[] {u, m});
                values.add((float) rating.getDouble(r));
            }
        }
        int n = cells.size();
        int[] uIdx = new int[n];
        int[] mIdx = new int[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            uIdx[i] = cells.get(i)[0];
            mIdx[i] = cells.get(i)[1];
            y[i] = values.get(i);
        }
        System.out.printf("%d users x %d movies, %d known ratings; 5 factors each, plain gradient descent on RMSE%n",
                users.size(), movies.size(), n);
        ArrayDataset ds = new ArrayDataset(
                List.of(ArrayField.indices("user", uIdx, 0), ArrayField.indices("movie", mIdx, 0)),
                List.of(ArrayField.floats("rating", y, 0)));
        LossFunction mse = Losses.mseFlat();
        LossFunction rmse = (p, t) -> mse.compute(p, t).sqrt();
        // one batch of every known cell: each epoch is one gradient-descent step, then the RMSE after it
        DataBunch data = new DataBunch(
                new ArrayDataLoader(ds, n, false, false, new Random(0)),
                new ArrayDataLoader(ds, n, false, false, new Random(0)),
                null, rmse, 1, org.fastdjl.core.data.ItemFormatters.raw());
        ai.djl.engine.Engine.getInstance().setRandomSeed(args.getInt("seed"));
        int steps = args.getInt("steps");
        try (Learner learn = Learner.builder(data, new DotProduct(users.size(), movies.size(), 5))
                .optLoss(rmse)
                .optOptFunc(Sgd.with(0))
                .optWd(0)
                .optSilent(true)
                .build()) {
            List<Double> start = learn.validate();
            System.out.printf(Locale.ROOT, "step %4d  rmse %.4f%n", 0, start.get(0));
            learn.fit(steps, Lr.of(args.getDouble("lr")), 0, new Callback() {
                @Override
                public void epochEnd(FitState state) {
                    int step = state.epoch() + 1;
                    if (step % Math.max(1, steps / 15) == 0 || step == steps) {
                        System.out.printf(Locale.ROOT, "step %4d  rmse %.4f%n", step, state.lastMetrics().get(0));
                    }
                }
            });
            Predictions p = learn.getPreds(DatasetType.VALID);
            System.out.println("\nfirst known ratings and their predictions (user, movie, rating, prediction):");
            for (int i = 0; i < Math.min(10, n); i++) {
                System.out.printf(Locale.ROOT, "  %-6s %-8s %.1f  %.2f%n", users.get(uIdx[i]), movies.get(mIdx[i]),
                        y[i], p.values()[i]);
            }
        }
        return 0;
    }

    private static List<String> mostFrequent(Column<?> col, int k) {
        Map<String, Integer> counts = new HashMap<>();
        for (int r = 0; r < col.size(); r++) {
            counts.merge(CategoryMap.key(col, r), 1, Integer::sum);
        }
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparing((String s) -> -counts.get(s)).thenComparing(s -> s));
        return keys.subList(0, Math.min(k, keys.size()));
    }

    private static Map<String, Integer> index(List<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), i);
        }
        return m;
    }

    /** The spreadsheet's model: a rating is the dot product of a user's and a movie's factors. */
    static final class DotProduct extends AbstractBlock {
        private final Embedding users;
        private final Embedding movies;

        DotProduct(int nUsers, int nMovies, int factors) {
            // Excel's RAND(): uniform in [0, 1)
            users = addChildBlock("users", new Embedding(nUsers, factors,
                    (m, s, t) -> m.randomUniform(0f, 1f, s, t)));
            movies = addChildBlock("movies", new Embedding(nMovies, factors,
                    (m, s, t) -> m.randomUniform(0f, 1f, s, t)));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(users.forward(ps, new NDList(inputs.get(0)), training).head()
                    .mul(movies.forward(ps, new NDList(inputs.get(1)), training).head())
                    .sum(new int[] {1}));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            users.initialize(manager, dataType, inputShapes[0]);
            movies.initialize(manager, dataType, inputShapes[1]);
        }
    }
}
