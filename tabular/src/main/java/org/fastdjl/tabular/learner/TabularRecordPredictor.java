package org.fastdjl.tabular.learner;

import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import org.fastdjl.core.export.InputRecord;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.export.RecordPredictor;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularPipeline;
import org.fastdjl.tabular.transform.CategoryKind;

/**
 * Batch prediction of CSV records with a tabular learner: each batch becomes a small table whose
 * columns are read as the training file was ({@link TabularCsv}: text byte for byte, pandas' NA strings
 * missing), categorical columns as the kind of values they held in training (a numeric category column
 * as numbers, so {@code 3} and {@code 3.0} find the same class; a field that does not parse is unseen,
 * {@code #na#}). Outputs: {@code prediction} (the class, or the value for regression) and one {@code
 * p_<class>} per class.
 */
final class TabularRecordPredictor implements RecordPredictor {

    private final TabularLearner learner;
    private final RecordHeader header;
    private final List<String> catNames;
    private final List<String> contNames;
    private final List<CategoryKind> kinds = new ArrayList<>();
    private final int[] catIdx;
    private final int[] contIdx;
    private final List<String> outputs = new ArrayList<>();

    TabularRecordPredictor(TabularLearner learner, RecordHeader header) {
        this.learner = learner;
        this.header = header;
        TabularPipeline p = learner.pipeline();
        this.catNames = p.inputCatNames();
        this.contNames = p.inputContNames();
        List<String> needed = new ArrayList<>(catNames);
        needed.addAll(contNames);
        int[] idx = header.require(needed, "the tabular model");
        this.catIdx = java.util.Arrays.copyOfRange(idx, 0, catNames.size());
        this.contIdx = java.util.Arrays.copyOfRange(idx, catNames.size(), idx.length);
        for (String c : catNames) {
            kinds.add(p.categoryKind(c));
        }
        outputs.add("prediction");
        if (p.isClassification()) {
            for (String c : p.labelClasses()) {
                outputs.add("p_" + c);
            }
        }
    }

    @Override
    public List<String> outputColumns() {
        return outputs;
    }

    @Override
    public List<String[]> predict(List<InputRecord> records) {
        Table t = Table.create(header.source());
        for (int j = 0; j < catNames.size(); j++) {
            t.addColumns(categories(catNames.get(j), kinds.get(j), catIdx[j], records));
        }
        for (int j = 0; j < contNames.size(); j++) {
            t.addColumns(numbers(contNames.get(j), contIdx[j], records));
        }
        List<TabularPrediction> preds = learner.predict(t);
        List<String[]> out = new ArrayList<>(preds.size());
        for (TabularPrediction p : preds) {
            String[] row = new String[outputs.size()];
            if (p.isClassification()) {
                row[0] = p.label();
                float[] probs = p.probs();
                for (int c = 0; c < probs.length; c++) {
                    row[c + 1] = Float.toString(probs[c]);
                }
            } else {
                row[0] = Float.toString(p.value());
            }
            out.add(row);
        }
        return out;
    }

    private static Column<?> categories(String name, CategoryKind kind, int idx, List<InputRecord> records) {
        switch (kind) {
            case INTEGER, DECIMAL -> {
                DoubleColumn c = DoubleColumn.create(name);
                for (InputRecord r : records) {
                    String f = r.fields()[idx];
                    Double v = TabularCsv.isNa(f) ? null : parseOrNull(f);
                    if (v == null) {
                        c.appendMissing(); // missing, or not a number: no training class, so #na#
                    } else {
                        c.append(v);
                    }
                }
                return c;
            }
            case BOOLEAN -> {
                BooleanColumn c = BooleanColumn.create(name);
                for (InputRecord r : records) {
                    Boolean b = TabularCsv.parseBoolean(r.fields()[idx]);
                    if (b == null) {
                        c.appendMissing();
                    } else {
                        c.append(b);
                    }
                }
                return c;
            }
            default -> {
                StringColumn c = StringColumn.create(name);
                for (InputRecord r : records) {
                    String f = r.fields()[idx];
                    if (TabularCsv.isNa(f)) {
                        c.appendMissing();
                    } else {
                        c.append(f);
                    }
                }
                return c;
            }
        }
    }

    private DoubleColumn numbers(String name, int idx, List<InputRecord> records) {
        double[] values = new double[records.size()];
        for (int i = 0; i < values.length; i++) {
            InputRecord r = records.get(i);
            String f = r.fields()[idx];
            if (TabularCsv.isNa(f)) {
                values[i] = Double.NaN;
                continue;
            }
            Double v = parseOrNull(f);
            if (v == null) {
                throw new IllegalArgumentException(header.source() + ", line " + r.line() + ", column '" + name
                        + "': '" + f + "' is not a number (the model reads '" + name + "' as continuous)");
            }
            values[i] = v;
        }
        return DoubleColumn.create(name, values);
    }

    private static Double parseOrNull(String f) {
        try {
            return Double.parseDouble(f.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
