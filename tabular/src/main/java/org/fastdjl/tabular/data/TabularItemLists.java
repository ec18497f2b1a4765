package org.fastdjl.tabular.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import tech.tablesaw.api.Table;

import org.fastdjl.tabular.transform.ColumnReader;
import org.fastdjl.tabular.transform.TabularFrame;
import org.fastdjl.tabular.transform.TabularProc;

/**
 * A split tabular list waiting for its labels, fastai v1's {@code ItemLists}. Choosing the label
 * column processes everything: the processors learn on the training rows and are applied to the
 * validation rows.
 */
public final class TabularItemLists {

    private final Table table;
    private final List<String> catNames;
    private final List<String> contNames;
    private final List<Supplier<? extends TabularProc>> procs;
    private final SplitIndices indices;
    private final Path path;

    TabularItemLists(Table table, List<String> catNames, List<String> contNames,
                     List<Supplier<? extends TabularProc>> procs, SplitIndices indices, Path path) {
        this.path = path;
        this.table = table;
        this.catNames = catNames;
        this.contNames = contNames;
        this.procs = procs;
        this.indices = indices;
    }

    /**
     * The training rows of the table, in order.
     *
     * @return a copy of the 0-based row indices
     */
    public int[] trainRows() {
        return indices.train().clone();
    }

    /**
     * The validation rows of the table, in order.
     *
     * @return a copy of the 0-based row indices
     */
    public int[] validRows() {
        return indices.valid().clone();
    }

    /**
     * Labels from a column, guessing classification or regression as fastai does (floating-point
     * columns are regression, everything else classification); fastai's {@code label_from_df(cols)}.
     *
     * @param column the dependent variable
     * @return the processed data block
     */
    public TabularData labelFromCol(String column) {
        return labelFromCol(column, LabelType.AUTO);
    }

    /**
     * Labels from a column, read as the given type (fastai's {@code label_cls}).
     *
     * @param column the dependent variable
     * @param type   {@link LabelType#CLASSIFICATION}, {@link LabelType#REGRESSION} or {@link LabelType#AUTO}
     * @return the processed data block
     * @throws IllegalArgumentException for an unknown label column, a label column among the inputs,
     *         a single training class, a missing label, a validation label unseen in training, or bad
     *         input columns
     */
    public TabularData labelFromCol(String column, LabelType type) {
        Objects.requireNonNull(type, "type");
        ColumnReader.require(table, column, "labelFromCol");
        if (catNames.contains(column) || contNames.contains(column)) {
            throw new IllegalArgumentException("Label column '" + column + "' is also an input ("
                    + (catNames.contains(column) ? "cat_names" : "cont_names") + "); remove it from the inputs");
        }
        LabelProcessor labels = LabelProcessor.fit(table, column, indices.train(), type);
        List<TabularProc> fresh = new ArrayList<>();
        for (Supplier<? extends TabularProc> factory : procs) {
            fresh.add(Objects.requireNonNull(factory.get(), "a proc factory returned null"));
        }
        TabularProcessor processor = new TabularProcessor(catNames, contNames, fresh);
        TabularFrame trainFrame = processor.fit(table, indices.train());
        TabularFrame validFrame = processor.apply(table, indices.valid());
        TabularSplit train = TabularData.labelled(trainFrame, labels, table, indices.train(),
                processor.catNames(), processor.contNames());
        TabularSplit valid = TabularData.labelled(validFrame, labels, table, indices.valid(),
                processor.catNames(), processor.contNames());
        return new TabularData(processor, labels, train, valid, null, path);
    }
}
