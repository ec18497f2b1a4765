package org.fastdjl.tabular.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tech.tablesaw.api.Table;

import org.fastdjl.tabular.transform.TabularFrame;

/**
 * The processed tabular data block: train, valid and optional test splits as flat arrays (see
 * {@link TabularSplit} for the layout), plus everything learned on the training split to read, decode
 * and process more rows. What fastai v1's labelled {@code TabularList}s hold before
 * {@code .databunch()}.
 *
 * <pre>{@code
 * TabularData data = TabularList.fromTable(df)
 *         .catNames("workclass", "education").contNames("age", "fnlwgt")
 *         .procs(FillMissing::new, Categorify::new, Normalize::new)
 *         .splitByIdxRange(800, 1000)
 *         .labelFromCol("salary")
 *         .addTest(testDf);
 * System.out.print(data.showBatch(Split.TRAIN, 5));
 * TabularDataBunch bunch = data.databunch();   // fastai's .databunch(): batches of 64
 * }</pre>
 * Instances are immutable: {@link #addTest} returns a new one.
 */
public final class TabularData {

    private final TabularProcessor processor;
    private final LabelProcessor labels;
    private final TabularSplit train;
    private final TabularSplit valid;
    private final TabularSplit test;
    private final Path path;

    TabularData(TabularProcessor processor, LabelProcessor labels, TabularSplit train, TabularSplit valid,
                TabularSplit test, Path path) {
        this.path = path;
        this.processor = processor;
        this.labels = labels;
        this.train = train;
        this.valid = valid;
        this.test = test;
    }

    /**
     * The training split.
     *
     * @return the processed training rows
     */
    public TabularSplit train() {
        return train;
    }

    /**
     * The validation split.
     *
     * @return the processed validation rows
     */
    public TabularSplit valid() {
        return valid;
    }

    /**
     * Whether a test split was added.
     *
     * @return true after {@link #addTest}
     */
    public boolean hasTest() {
        return test != null;
    }

    /**
     * The test split.
     *
     * @return the processed test rows (no labels)
     * @throws IllegalStateException if no test table was added
     */
    public TabularSplit test() {
        if (test == null) {
            throw new IllegalStateException("No test split: call addTest(table) first");
        }
        return test;
    }

    /**
     * A split by name.
     *
     * @param split which split
     * @return its rows
     */
    public TabularSplit split(Split split) {
        return switch (Objects.requireNonNull(split, "split")) {
            case TRAIN -> train;
            case VALID -> valid;
            case TEST -> test();
        };
    }

    /**
     * Adds a test table processed with the training statistics (fastai's {@code add_test}); its labels,
     * if it has a label column, are ignored.
     *
     * @param table a table with the input columns
     * @return a new data block with that test split
     * @throws IllegalArgumentException for an empty table or a missing input column
     */
    public TabularData addTest(Table table) {
        return new TabularData(processor, labels, train, valid, process(table), path);
    }

    /**
     * The data's folder (fastai's {@code path}): where learners on it save their models
     * ({@code path/models}).
     *
     * @return the folder given to {@link TabularList#fromTable(Table, Path)} or {@link
     *     TabularList#fromCsv(Path, String)}; the working folder otherwise
     */
    public Path path() {
        return path;
    }

    /**
     * Batches this data block with a seeded training shuffle, for runs that repeat exactly (or call
     * {@code Fastdjl.setSeed} once, which also seeds the weights).
     *
     * @param bs the batch size
     * @param seed the seed of the training shuffle
     * @return the data bunch
     */
    public TabularDataBunch databunch(int bs, long seed) {
        return TabularDataBunch.from(this, bs, seed);
    }

    /**
     * Batches this data block with fastai's default batch size of 64 (fastai's {@code .databunch()}).
     *
     * @return the data bunch
     */
    public TabularDataBunch databunch() {
        return databunch(TabularDataBunch.DEFAULT_BS);
    }

    /**
     * Batches this data block (fastai's {@code .databunch(bs=bs)}): training shuffled with the last
     * incomplete batch dropped, validation and test in order.
     *
     * @param bs the batch size
     * @return the data bunch
     */
    public TabularDataBunch databunch(int bs) {
        return TabularDataBunch.from(this, bs);
    }

    /**
     * What prediction needs from this data block: the fitted processors and the label, without the
     * rows (what a learner's export holds).
     *
     * @return the pipeline
     */
    public TabularPipeline pipeline() {
        return new TabularPipeline(processor, labels);
    }

    /**
     * Processes a new table with the learned processors, without labels (for prediction).
     *
     * @param table a table with the input columns
     * @return its rows as arrays in the same layout as the training split
     * @throws IllegalArgumentException for an empty table or a missing input column
     */
    public TabularSplit process(Table table) {
        int[] rows = allRows(table);
        TabularFrame frame = processor.apply(table, rows);
        return TabularSplit.of(frame, catNames(), contNames(), null, null);
    }

    /**
     * Processes a new table that has the label column too (for evaluation).
     *
     * @param table a table with the input columns and the label column
     * @return its rows and labels; a label not seen in training is an error
     */
    public TabularSplit processLabeled(Table table) {
        int[] rows = allRows(table);
        TabularFrame frame = processor.apply(table, rows);
        return labelled(frame, labels, table, rows, catNames(), contNames());
    }

    static TabularSplit labelled(TabularFrame frame, LabelProcessor labels, Table table, int[] rows,
                                 List<String> catNames, List<String> contNames) {
        return labels.isClassification()
                ? TabularSplit.of(frame, catNames, contNames, labels.encodeClasses(table, rows), null)
                : TabularSplit.of(frame, catNames, contNames, null, labels.encodeValues(table, rows));
    }

    static int[] allRows(Table table) {
        Objects.requireNonNull(table, "table");
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("Table '" + table.name() + "' is empty (0 rows)");
        }
        int[] rows = new int[table.rowCount()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /**
     * The processed categorical columns: the inputs, then the {@code _na} flags, in array order.
     *
     * @return the names
     */
    public List<String> catNames() {
        return processor.catNames();
    }

    /**
     * The continuous columns, in array order.
     *
     * @return the names
     */
    public List<String> contNames() {
        return processor.contNames();
    }

    /**
     * All input columns, categorical then continuous (fastai's {@code col_names}).
     *
     * @return the names
     */
    public List<String> colNames() {
        List<String> names = new ArrayList<>(catNames());
        names.addAll(contNames());
        return List.copyOf(names);
    }

    /**
     * Every categorical column's classes, {@code #na#} first (fastai's {@code classes}).
     *
     * @return column → classes, in {@link #catNames()} order
     */
    public Map<String, List<String>> categoryClasses() {
        return processor.classes();
    }

    /**
     * One categorical column's classes.
     *
     * @param column a processed categorical column
     * @return its classes, {@code #na#} first; the size is the embedding's row count
     * @throws IllegalArgumentException for an unknown column
     */
    public List<String> categoryClasses(String column) {
        List<String> c = processor.classes().get(column);
        if (c == null) {
            throw new IllegalArgumentException("Unknown categorical column '" + column + "'; they are " + catNames());
        }
        return c;
    }

    /**
     * The number of classes of each categorical column, {@code #na#} included, in array order.
     *
     * @return one count per categorical column
     */
    public int[] categoryCardinalities() {
        return catNames().stream().mapToInt(n -> categoryClasses(n).size()).toArray();
    }

    /**
     * The embedding sizes by fastai's rule (see {@link EmbeddingSizes#rule}).
     *
     * @return one per categorical column
     */
    public List<EmbeddingSize> embeddingSizes() {
        return embeddingSizes(Map.of());
    }

    /**
     * The embedding sizes by fastai's rule, with some widths given (fastai's {@code emb_szs}).
     *
     * @param overrides width per categorical column name
     * @return one per categorical column
     */
    public List<EmbeddingSize> embeddingSizes(Map<String, Integer> overrides) {
        return EmbeddingSizes.of(catNames(), categoryClasses(), overrides);
    }

    /**
     * The label column's name.
     *
     * @return the dependent variable
     */
    public String labelName() {
        return labels.column();
    }

    /**
     * Whether the labels are classes.
     *
     * @return true for classification, false for regression
     */
    public boolean isClassification() {
        return labels.isClassification();
    }

    /**
     * The label classes in index order: sorted unique training labels (fastai's {@code CategoryList}).
     *
     * @return the classes; empty for regression
     */
    public List<String> labelClasses() {
        return labels.classes();
    }

    /**
     * The model's output size, fastai's {@code data.c}: the number of classes, or 1 for regression.
     *
     * @return the output size
     */
    public int c() {
        return isClassification() ? labelClasses().size() : 1;
    }

    /**
     * The processor with the learned state, to process more tables or inspect statistics.
     *
     * @return the fitted processor
     */
    public TabularProcessor processor() {
        return processor;
    }

    /**
     * Turns one processed row back into readable values: class names, continuous values in original
     * units, the label name.
     *
     * @param split which split
     * @param row   a row of that split
     * @return the decoded row
     */
    public DecodedRow decodeRow(Split split, int row) {
        return decodeRow(split(split), row);
    }

    /**
     * Decodes one row of any split produced by this data block (e.g. from {@link #process}).
     *
     * @param rows a split of this data block
     * @param row  a row of it
     * @return the decoded row
     */
    public DecodedRow decodeRow(TabularSplit rows, int row) {
        Objects.checkIndex(row, rows.size());
        Map<String, String> cats = new LinkedHashMap<>();
        List<String> catNames = catNames();
        for (int j = 0; j < catNames.size(); j++) {
            cats.put(catNames.get(j), categoryClasses(catNames.get(j)).get(rows.catCode(row, j)));
        }
        Map<String, Double> conts = new LinkedHashMap<>();
        List<String> contNames = contNames();
        for (int j = 0; j < contNames.size(); j++) {
            conts.put(contNames.get(j), processor.decodeContinuous(contNames.get(j), rows.cont(row, j)));
        }
        String label = null;
        if (rows.hasLabels()) {
            label = rows.hasClassLabels() ? labelClasses().get(rows.labelIndexAt(row))
                    : Float.toString(rows.labelValueAt(row));
        }
        return new DecodedRow(cats, conts, label);
    }

    /**
     * The first {@code n} rows of a split as a fixed-width table (see {@link ShowBatchFormatter}).
     *
     * @param split which split
     * @param n     how many rows (fewer if the split is smaller)
     * @return the text table
     */
    public String showBatch(Split split, int n) {
        TabularSplit rows = split(split);
        List<DecodedRow> decoded = new ArrayList<>();
        for (int r = 0; r < Math.min(n, rows.size()); r++) {
            decoded.add(decodeRow(rows, r));
        }
        return ShowBatchFormatter.format(decoded);
    }
}
