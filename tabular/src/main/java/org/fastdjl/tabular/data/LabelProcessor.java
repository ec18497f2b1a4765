package org.fastdjl.tabular.data;

import java.util.List;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.RowPositions;
import org.fastdjl.tabular.transform.CategoryKind;
import org.fastdjl.tabular.transform.CategoryValues;
import org.fastdjl.tabular.transform.ColumnReader;

/**
 * Reads the label column: class indices into the sorted training classes (fastai's
 * {@code CategoryProcessor}) or float targets. Learned on the training rows only. Text labels lose
 * their surrounding whitespace, as categorical inputs do by default (see {@code Categorify}), and a
 * label column typed differently by another reader is converted to the training kind, so tables from
 * Tablesaw's reader and from {@link TabularCsv} give the same classes.
 */
final class LabelProcessor {

    private static final String ROLE = "labelFromCol";

    private final String column;
    private final boolean classification;
    private final CategoryKind kind;
    /** The classes with {@code #na#} at 0, so label index = map index - 1. */
    private final CategoryMap map;
    private final List<String> classes;

    private LabelProcessor(String column, boolean classification, CategoryKind kind,
                           CategoryMap map, List<String> classes) {
        this.column = column;
        this.classification = classification;
        this.kind = kind;
        this.map = map;
        this.classes = classes;
    }

    /** Learns the classes (or nothing, for regression) from the training rows. */
    static LabelProcessor fit(Table table, String column, int[] trainRows, LabelType type) {
        Column<?> col = ColumnReader.require(table, column, ROLE);
        boolean classification = switch (type) {
            case CLASSIFICATION -> true;
            case REGRESSION -> false;
            case AUTO -> !(col.type() == ColumnType.DOUBLE || col.type() == ColumnType.FLOAT);
        };
        if (!classification) {
            return new LabelProcessor(column, false, null, null, List.of());
        }
        CategoryValues values = ColumnReader.readCategories(table, column, trainRows, ROLE).normalized();
        for (int i = 0; i < trainRows.length; i++) {
            if (values.values()[i] == null) {
                throw missing(table, column, trainRows[i]);
            }
        }
        // the same class learning as Categorify's; label classes have no #na# (fastai's CategoryList)
        CategoryMap map = CategoryMap.learn(values.values(), values.kind()::display);
        List<String> classes = map.classes().subList(1, map.size());
        if (classes.size() < 2) {
            throw new IllegalArgumentException("Label column '" + column + "' has a single class " + classes
                    + " in the training split; classification needs at least two classes (or use "
                    + "LabelType.REGRESSION)");
        }
        return new LabelProcessor(column, true, values.kind(), map, List.copyOf(classes));
    }

    /** A label processor as an export holds it: the column, and for classes their kind, keys and names. */
    static LabelProcessor restore(String column, boolean classification, CategoryKind kind, CategoryMap map) {
        if (!classification) {
            return new LabelProcessor(column, false, null, null, List.of());
        }
        return new LabelProcessor(column, true, kind, map, List.copyOf(map.classes().subList(1, map.size())));
    }

    CategoryKind kind() {
        return kind;
    }

    CategoryMap map() {
        return map;
    }

    boolean isClassification() {
        return classification;
    }

    String column() {
        return column;
    }

    List<String> classes() {
        return classes;
    }

    /** Class indices of some rows; a missing label or one unseen in training is an error. */
    int[] encodeClasses(Table table, int[] rows) {
        CategoryValues values = ColumnReader.readCategories(table, column, rows, ROLE).normalized()
                .as(kind, map.classes());
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Object key = values.values()[i];
            if (key == null) {
                throw missing(table, column, rows[i]);
            }
            int idx = map.indexOf(CategoryMap.key(key)) - 1;
            if (idx < 0) {
                throw new IllegalArgumentException("Label column '" + column + "' has value '"
                        + CategoryValues.displayAny(key)
                        + "' at " + RowPositions.describe(table, rows[i]) + ", which is not among the training classes "
                        + classes
                        + ". fastai v1 drops such validation rows; remove them or change the split");
            }
            out[i] = idx;
        }
        return out;
    }

    /** Float targets of some rows; a missing label is an error. */
    float[] encodeValues(Table table, int[] rows) {
        double[] values = ColumnReader.readNumbers(table, column, rows, ROLE);
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (Double.isNaN(values[i])) {
                throw missing(table, column, rows[i]);
            }
            out[i] = (float) values[i];
        }
        return out;
    }

    private static IllegalArgumentException missing(Table table, String column, int row) {
        return new IllegalArgumentException("Label column '" + column + "' is missing at "
                + RowPositions.describe(table, row) + "; every labelled row needs a label");
    }
}
