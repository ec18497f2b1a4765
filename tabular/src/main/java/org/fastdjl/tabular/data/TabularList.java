package org.fastdjl.tabular.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import tech.tablesaw.api.Table;

import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.tabular.transform.ColumnReader;
import org.fastdjl.tabular.transform.TabularProc;

/**
 * The start of the tabular data block, fastai v1's {@code TabularList.from_df(df, cat_names,
 * cont_names, procs)}, followed by a split ({@code split_by_idx}, {@code split_by_rand_pct},
 * {@code split_from_df}).
 *
 * <pre>{@code
 * TabularData data = TabularList.fromTable(df)
 *         .catNames("workclass", "education", "marital-status", "occupation", "relationship", "race")
 *         .contNames("age", "fnlwgt", "education-num")
 *         .procs(FillMissing::new, Categorify::new, Normalize::new)
 *         .splitByIdxRange(800, 1000)          // split_by_idx(list(range(800,1000)))
 *         .labelFromCol("salary");
 * }</pre>
 *
 * <p>Column names are checked against the table as they are given. The table itself is never
 * modified; processing happens when the labels are chosen.
 */
public final class TabularList {

    private final Table table;
    private final Path path;
    private List<String> catNames = List.of();
    private List<String> contNames = List.of();
    private List<Supplier<? extends TabularProc>> procs = List.of();

    private TabularList(Table table, Path path) {
        this.table = table;
        this.path = path;
    }

    /**
     * Starts a data block over a table (fastai's {@code from_df}).
     *
     * @param table the data; not copied and never modified
     * @return the list, with no columns chosen yet
     * @throws IllegalArgumentException if the table has no rows
     */
    public static TabularList fromTable(Table table) {
        return fromTable(table, Path.of("."));
    }

    /**
     * Starts a data block over a table whose folder is {@code path} (fastai's {@code from_df(df,
     * path=path)}): learners on the data save their models in {@code path/models}.
     *
     * @param table the data; not copied and never modified
     * @param path the data's folder
     * @return the list, with no columns chosen yet
     * @throws IllegalArgumentException if the table has no rows
     */
    public static TabularList fromTable(Table table, Path path) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(path, "path");
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("Table '" + table.name() + "' is empty (0 rows); columns "
                    + table.columnNames());
        }
        return new TabularList(table, path);
    }

    /**
     * Starts a data block over a CSV file read as pandas reads it ({@link TabularCsv}), fastai's {@code
     * from_csv(path, csv_name)}: the folder is the data's path.
     *
     * @param path the folder
     * @param csvName the file's name in it
     * @return the list, with no columns chosen yet
     * @throws java.io.IOException naming the file (and line) when it cannot be read as CSV
     */
    public static TabularList fromCsv(Path path, String csvName) throws java.io.IOException {
        return fromTable(TabularCsv.read(path.resolve(csvName)), path);
    }

    /**
     * The categorical input columns (fastai's {@code cat_names}).
     *
     * @param names column names; text, boolean or numeric columns
     * @return this
     * @throws IllegalArgumentException for an unknown, repeated or continuous column
     */
    public TabularList catNames(String... names) {
        return catNames(Arrays.asList(names));
    }

    /**
     * The categorical input columns (fastai's {@code cat_names}).
     *
     * @param names column names
     * @return this
     * @throws IllegalArgumentException for an unknown, repeated or continuous column
     */
    public TabularList catNames(List<String> names) {
        catNames = checkNames(names, "cat_names");
        checkDisjoint();
        return this;
    }

    /**
     * The continuous input columns (fastai's {@code cont_names}).
     *
     * @param names numeric column names
     * @return this
     * @throws IllegalArgumentException for an unknown, repeated or categorical column
     */
    public TabularList contNames(String... names) {
        return contNames(Arrays.asList(names));
    }

    /**
     * The continuous input columns (fastai's {@code cont_names}).
     *
     * @param names numeric column names
     * @return this
     * @throws IllegalArgumentException for an unknown, repeated or categorical column
     */
    public TabularList contNames(List<String> names) {
        contNames = checkNames(names, "cont_names");
        checkDisjoint();
        return this;
    }

    /**
     * The processors, in order, as factories so each data block gets fresh ones (fastai passes the
     * classes): {@code procs(FillMissing::new, Categorify::new, Normalize::new)}.
     *
     * @param factories processor factories
     * @return this
     */
    @SafeVarargs
    public final TabularList procs(Supplier<? extends TabularProc>... factories) {
        return procs(Arrays.asList(factories));
    }

    /**
     * The processors, in order, as factories.
     *
     * @param factories processor factories
     * @return this
     */
    public TabularList procs(List<Supplier<? extends TabularProc>> factories) {
        factories.forEach(f -> Objects.requireNonNull(f, "a proc factory is null"));
        procs = List.copyOf(factories);
        return this;
    }

    /**
     * These rows are the validation set, in this order; the others are training (fastai's
     * {@code split_by_idx}).
     *
     * @param validIdx 0-based row indices
     * @return the split lists
     * @throws IllegalArgumentException for an index out of range, a repeated index or an empty split
     */
    public TabularItemLists splitByIdx(int... validIdx) {
        return split(SplitIndices.byIdx(table.rowCount(), validIdx));
    }

    /**
     * Rows {@code from} to {@code to - 1} are the validation set, like
     * {@code split_by_idx(list(range(from, to)))}.
     *
     * @param from first validation row (inclusive)
     * @param to   end of the validation rows (exclusive)
     * @return the split lists
     */
    public TabularItemLists splitByIdxRange(int from, int to) {
        return split(SplitIndices.byIdxRange(table.rowCount(), from, to));
    }

    /**
     * A random {@code validPct} of the rows are the validation set, fastai's
     * {@code split_by_rand_pct(valid_pct, seed)}: with the same seed it picks the same rows as fastai
     * ({@code np.random.seed(seed); np.random.permutation(n)[:int(valid_pct * n)]}, reproduced by
     * {@link NumpyRandom}), validation rows in permutation order.
     *
     * @param validPct fraction of rows for validation, in (0, 1); {@code (int)(validPct * n)} rows
     * @param seed     numpy seed, 0 to 2^32 - 1
     * @return the split lists
     */
    public TabularItemLists splitByRandPct(double validPct, long seed) {
        return split(SplitIndices.byRandPct(table.rowCount(), validPct, new NumpyRandom(seed)));
    }

    /**
     * A random {@code validPct} of the rows are the validation set, with an unseeded shuffle (a
     * different split on every run, as fastai without a seed) unless {@code Fastdjl.setSeed} was called.
     *
     * @param validPct fraction of rows for validation, in (0, 1)
     * @return the split lists
     */
    public TabularItemLists splitByRandPct(double validPct) {
        return split(SplitIndices.byRandPct(table.rowCount(), validPct,
                new NumpyRandom(org.fastdjl.core.Fastdjl.numpySeed())));
    }

    /**
     * Rows where a boolean column is true are the validation set (fastai's {@code split_from_df}).
     *
     * @param booleanColumn a BOOLEAN column without missing values
     * @return the split lists
     */
    public TabularItemLists splitFromCol(String booleanColumn) {
        return split(SplitIndices.fromCol(table, booleanColumn));
    }

    private TabularItemLists split(SplitIndices indices) {
        if (catNames.isEmpty() && contNames.isEmpty()) {
            throw new IllegalStateException("No input columns: call catNames(...) and/or contNames(...) "
                    + "before splitting; the table has columns " + table.columnNames());
        }
        return new TabularItemLists(table, catNames, contNames, procs, indices, path);
    }

    private List<String> checkNames(List<String> names, String role) {
        Objects.requireNonNull(names, role);
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            ColumnReader.require(table, name, role);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Column '" + name + "' is listed twice in " + role);
            }
        }
        return List.copyOf(seen);
    }

    private void checkDisjoint() {
        List<String> both = new ArrayList<>(catNames);
        both.retainAll(contNames);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("Columns " + both + " are in both cat_names and cont_names; "
                    + "a column is either categorical or continuous");
        }
    }
}
