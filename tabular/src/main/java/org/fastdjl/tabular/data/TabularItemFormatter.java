package org.fastdjl.tabular.data;

import java.util.ArrayList;
import java.util.List;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.data.ItemFormatter;

/**
 * Decodes the rows of a tabular batch for {@code showBatch}, as fastai v1's {@code TabularList.show_xys}:
 * the class name of every categorical column, the continuous values with 4 decimals, then
 * {@code target} (the class name, or the value; empty for the unlabelled test set). Continuous values
 * are shown in original units, as {@link TabularData#showBatch} shows them (fastai prints them
 * normalized).
 */
final class TabularItemFormatter implements ItemFormatter {

    private final TabularData data;
    private final List<String> columns;

    TabularItemFormatter(TabularData data) {
        this.data = data;
        List<String> names = new ArrayList<>(data.colNames());
        names.add(ShowBatchFormatter.TARGET);
        this.columns = List.copyOf(names);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<String> format(Batch batch, int row, DatasetType type) {
        Split split = switch (type) {
            case TRAIN -> Split.TRAIN;
            case VALID -> Split.VALID;
            case TEST -> Split.TEST;
        };
        DecodedRow decoded = data.decodeRow(split, batch.indices()[row]);
        List<String> out = new ArrayList<>(decoded.categories().values());
        for (double v : decoded.continuous().values()) {
            out.add(ShowBatchFormatter.formatContinuous(v));
        }
        out.add(decoded.hasLabel() ? decoded.label() : "");
        return out;
    }
}
