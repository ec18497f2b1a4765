package org.fastdjl.collab.data;

import org.fastdjl.core.data.ArrayDataLoader;
import org.fastdjl.core.data.ArrayDataset;
import org.fastdjl.core.data.ArrayField;
import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.data.ItemFormatter;
import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.core.data.RowPositions;
import org.fastdjl.core.data.UnseenValues;
import org.fastdjl.core.nn.Losses;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The data of a collaborative-filtering problem, as fastai v1's {@code CollabDataBunch.from_df}: a
 * ratings table with a user, an item and a rating column, split at random into train and validation,
 * users and items coded as categories learned on the training split ({@code #na#} at 0, unseen ones map
 * to it). Batches hold {@code x = [users (int64), items (int64)]} and {@code y = [ratings (float32)]}.
 *
 * <pre>{@code
 * Table ratings = Table.read().csv("ratings.csv");
 * CollabDataBunch data = CollabDataBunch.fromTable(ratings).optSeed(42).build();
 * }</pre>
 *
 * <p>With a seed, the split picks the same rows as fastai's {@code split_by_rand_pct} with that seed
 * (numpy's permutation is reproduced), so results compare with the notebooks on the same validation set.
 *
 * <p>Users and items are looked up by {@link CategoryMap#key(Column, int)}: numbers by value, text
 * without its surrounding whitespace, so a table from Tablesaw's CSV reader and one from
 * {@code TabularCsv} give the same classes. When most users or items of the validation set, the test
 * set or a table to predict were never seen in training, one warning per column names a few of them
 * ({@link UnseenValues}).
 */
public final class CollabDataBunch extends DataBunch {

    private final String userName;
    private final String itemName;
    private final String ratingName;
    private final CategoryMap users;
    private final CategoryMap items;
    private final ArrayDataset trainDs;
    private final ArrayDataset validDs;
    private final UnseenValues unseen;

    private CollabDataBunch(Builder b, Parts p) {
        super(
                new ArrayDataLoader(p.train, b.bs, true, true, p.random),
                new ArrayDataLoader(p.valid, b.bs, false, false, p.random),
                p.test == null ? null : new ArrayDataLoader(p.test, b.bs, false, false, p.random),
                Losses.mseFlat(),
                1,
                new Formatter(p.userName, p.itemName, p.users, p.items));
        this.userName = p.userName;
        this.itemName = p.itemName;
        this.ratingName = p.ratingName;
        this.users = p.users;
        this.items = p.items;
        this.trainDs = p.train;
        this.validDs = p.valid;
        this.unseen = p.unseen;
        setPath(b.path);
    }

    /**
     * Starts building from a ratings table.
     *
     * @param ratings the table: by default its first three columns are user, item and rating
     * @return the builder
     */
    public static Builder fromTable(Table ratings) {
        return new Builder(ratings);
    }

    /** @return the user column's name */
    public String userName() {
        return userName;
    }

    /** @return the item column's name */
    public String itemName() {
        return itemName;
    }

    /** @return the rating column's name */
    public String ratingName() {
        return ratingName;
    }

    /** @return the user classes, {@code #na#} first */
    public CategoryMap users() {
        return users;
    }

    /** @return the item classes, {@code #na#} first */
    public CategoryMap items() {
        return items;
    }

    /** @return the training items */
    public ArrayDataset trainDs() {
        return trainDs;
    }

    /** @return the validation items */
    public ArrayDataset validDs() {
        return validDs;
    }

    /**
     * Codes the user and item columns of a table with the training classes.
     *
     * @param table a table with the user and item columns (by name)
     * @param strict whether a user or item not seen in training is an error (otherwise it maps to
     *     {@code #na#})
     * @return {@code [userCodes, itemCodes]}
     * @throws IllegalArgumentException naming the column, row and value that is missing or unknown
     */
    public int[][] encode(Table table, boolean strict) {
        return pipeline().encode(table, strict);
    }

    /**
     * What prediction needs from this data: the user and item columns and classes (what a learner's
     * export holds). It shares this data's unseen-value warnings: each column warns once.
     *
     * @return the pipeline
     */
    public CollabPipeline pipeline() {
        return new CollabPipeline(userName, itemName, ratingName, users, items, unseen);
    }

    /** Warns once per column when most of these rows' values were not seen in training. */
    static void checkUnseen(UnseenValues unseen, CategoryMap map, Column<?> col, int[] rows, int[] codes) {
        Object[] keys = new Object[rows.length];
        for (int k = 0; k < rows.length; k++) {
            keys[k] = CategoryMap.key(col, rows[k]);
        }
        unseen.check(col.name(), map, keys, String::valueOf, codes);
    }

    static Column<?> column(Table t, String name, String what) {
        if (!t.columnNames().contains(name)) {
            throw new IllegalArgumentException("no " + what + " column '" + name + "' in the table; its columns are "
                    + t.columnNames());
        }
        return t.column(name);
    }

    /** Builds a {@link CollabDataBunch}; defaults are fastai's. */
    public static final class Builder {
        private final Table ratings;
        private String userName;
        private String itemName;
        private String ratingName;
        private double validPct = 0.2;
        private Long seed;
        private int bs = 64;
        private Table test;
        private java.nio.file.Path path = java.nio.file.Path.of(".");

        private Builder(Table ratings) {
            this.ratings = ratings;
        }

        /**
         * Names the user column (default: the first column).
         *
         * @param name the column
         * @return this builder
         */
        public Builder optUserName(String name) {
            this.userName = name;
            return this;
        }

        /**
         * Names the item column (default: the second column).
         *
         * @param name the column
         * @return this builder
         */
        public Builder optItemName(String name) {
            this.itemName = name;
            return this;
        }

        /**
         * Names the rating column (default: the third column).
         *
         * @param name the column
         * @return this builder
         */
        public Builder optRatingName(String name) {
            this.ratingName = name;
            return this;
        }

        /**
         * Sets the fraction of rows kept for validation (fastai's 0.2).
         *
         * @param validPct the fraction, in [0, 1)
         * @return this builder
         */
        public Builder optValidPct(double validPct) {
            if (!(validPct >= 0 && validPct < 1)) {
                throw new IllegalArgumentException("validPct must be in [0, 1), got " + validPct);
            }
            this.validPct = validPct;
            return this;
        }

        /**
         * Seeds the split (as {@code np.random.seed}) and the training shuffle.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the batch size (fastai's 64).
         *
         * @param bs the batch size
         * @return this builder
         */
        public Builder optBs(int bs) {
            if (bs < 1) {
                throw new IllegalArgumentException("bs must be >= 1, got " + bs);
            }
            this.bs = bs;
            return this;
        }

        /**
         * Sets the data's folder (fastai's {@code path}, default the working folder): learners on this
         * data save their models in {@code path/models}.
         *
         * @param path the folder
         * @return this builder
         */
        public Builder optPath(java.nio.file.Path path) {
            this.path = java.util.Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Adds a test table (user and item columns, rating optional).
         *
         * @param test the table
         * @return this builder
         */
        public Builder optTest(Table test) {
            this.test = test;
            return this;
        }

        /**
         * Splits, codes and batches the ratings.
         *
         * @return the data
         * @throws IllegalArgumentException on an empty table, a missing column, or a rating that is not
         *     a number (naming the column, row and value)
         */
        public CollabDataBunch build() {
            return new CollabDataBunch(this, new Parts(this));
        }
    }

    /** What the builder derives from the table. */
    private static final class Parts {
        final String userName;
        final String itemName;
        final String ratingName;
        final CategoryMap users;
        final CategoryMap items;
        final ArrayDataset train;
        final ArrayDataset valid;
        final ArrayDataset test;
        final Random random;
        final UnseenValues unseen = new UnseenValues();

        Parts(Builder b) {
            Table t = b.ratings;
            if (t == null || t.rowCount() == 0) {
                throw new IllegalArgumentException("the ratings table is empty: it needs rows of (user, item, rating)");
            }
            List<String> cols = t.columnNames();
            if (cols.size() < 3 && (b.userName == null || b.itemName == null || b.ratingName == null)) {
                throw new IllegalArgumentException("a ratings table needs user, item and rating columns; this one has "
                        + cols);
            }
            userName = b.userName != null ? b.userName : cols.get(0);
            itemName = b.itemName != null ? b.itemName : cols.get(1);
            ratingName = b.ratingName != null ? b.ratingName : cols.get(2);
            Column<?> u = column(t, userName, "user");
            Column<?> i = column(t, itemName, "item");
            float[] ratings = ratings(t, column(t, ratingName, "rating"));
            int n = t.rowCount();
            int cut = (int) (b.validPct * n);
            int[] perm = b.seed != null ? new NumpyRandom(b.seed).permutation(n) : shuffled(n);
            int[] validRows = Arrays.copyOf(perm, cut);
            boolean[] isValid = new boolean[n];
            for (int r : validRows) {
                isValid[r] = true;
            }
            int[] trainRows = new int[n - cut];
            for (int r = 0, k = 0; r < n; r++) {
                if (!isValid[r]) {
                    trainRows[k++] = r;
                }
            }
            if (trainRows.length == 0) {
                throw new IllegalArgumentException("the training split is empty: " + n + " rows, validPct " + b.validPct);
            }
            users = CategoryMap.learn(u, trainRows);
            items = CategoryMap.learn(i, trainRows);
            train = dataset(u, i, ratings, trainRows, false);
            valid = dataset(u, i, ratings, validRows, true);
            test = b.test == null ? null : testSet(b.test);
            random = b.seed != null ? new Random(b.seed) : org.fastdjl.core.Fastdjl.random();
        }

        private static int[] shuffled(int n) {
            return new NumpyRandom(org.fastdjl.core.Fastdjl.numpySeed()).permutation(n);
        }

        private ArrayDataset dataset(Column<?> u, Column<?> i, float[] ratings, int[] rows, boolean check) {
            float[] y = new float[rows.length];
            for (int k = 0; k < rows.length; k++) {
                y[k] = ratings[rows[k]];
            }
            return new ArrayDataset(List.of(codes(userName, users, u, rows, check), codes(itemName, items, i, rows, check)),
                    List.of(ArrayField.floats(ratingName, y, 0)));
        }

        private ArrayField codes(String name, CategoryMap map, Column<?> col, int[] rows, boolean check) {
            int[] codes = map.encode(col, rows);
            if (check) {
                checkUnseen(unseen, map, col, rows, codes);
            }
            return ArrayField.indices(name, codes, 0);
        }

        private ArrayDataset testSet(Table test) {
            if (test.rowCount() == 0) {
                throw new IllegalArgumentException("the test table is empty");
            }
            int[] rows = new int[test.rowCount()];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = r;
            }
            Column<?> u = column(test, userName, "user");
            Column<?> i = column(test, itemName, "item");
            List<ArrayField> x = List.of(codes(userName, users, u, rows, true), codes(itemName, items, i, rows, true));
            List<ArrayField> y = test.columnNames().contains(ratingName)
                    ? List.of(ArrayField.floats(ratingName, ratings(test, test.column(ratingName)), 0))
                    : List.of();
            return new ArrayDataset(x, y);
        }

        static float[] ratings(Table table, Column<?> col) {
            int n = col.size();
            float[] out = new float[n];
            boolean numeric = col instanceof NumericColumn<?>;
            for (int r = 0; r < n; r++) {
                if (col.isMissing(r)) {
                    throw new IllegalArgumentException(RowPositions.describe(table, r) + ", rating column '"
                            + col.name() + "': the rating is missing; every row needs a number");
                }
                if (numeric) {
                    out[r] = (float) ((NumericColumn<?>) col).getDouble(r);
                } else {
                    String s = col.getString(r).trim();
                    try {
                        out[r] = Float.parseFloat(s);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s, rating column '%s': '%s' is not a number", RowPositions.describe(table, r),
                                col.name(), s));
                    }
                }
                if (!Float.isFinite(out[r])) {
                    throw new IllegalArgumentException(RowPositions.describe(table, r) + ", rating column '"
                            + col.name() + "': " + out[r] + " is not a finite number");
                }
            }
            return out;
        }
    }

    /** Decodes (user, item, rating) for {@code showBatch}, as fastai prints them. */
    private static final class Formatter implements ItemFormatter {
        private final String userName;
        private final String itemName;
        private final CategoryMap users;
        private final CategoryMap items;

        Formatter(String userName, String itemName, CategoryMap users, CategoryMap items) {
            this.userName = userName;
            this.itemName = itemName;
            this.users = users;
            this.items = items;
        }

        @Override
        public List<String> columns() {
            return List.of(userName, itemName, "target");
        }

        @Override
        public List<String> format(Batch batch, int row, DatasetType type) {
            List<String> out = new ArrayList<>();
            out.add(users.decode((int) batch.x().get(0).getLong(row)));
            out.add(items.decode((int) batch.x().get(1).getLong(row)));
            out.add(batch.y().isEmpty() ? "" : String.format(Locale.ROOT, "%.1f", batch.y().get(0).getFloat(row)));
            return out;
        }
    }
}
