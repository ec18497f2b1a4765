package org.fastdjl.tabular.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import tech.tablesaw.api.Table;

import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.CategoryKind;
import org.fastdjl.tabular.transform.ProcStates;
import org.fastdjl.tabular.transform.TabularFrame;
import org.fastdjl.tabular.transform.TabularProc;

/**
 * What a tabular learner needs to predict, without the training data: the fitted processors (fill
 * values and {@code _na} flags, category maps, means and standard deviations), the column roles, and the
 * label (its name, and its classes or regression). A trained learner takes it from its {@link
 * TabularData}; a loaded one reads it from the export ({@link #fromJson}).
 */
public final class TabularPipeline {

    private final TabularProcessor processor;
    private final LabelProcessor labels;

    TabularPipeline(TabularProcessor processor, LabelProcessor labels) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (!processor.isFitted()) {
            throw new IllegalStateException("the processor is not fitted");
        }
    }

    /** @return the fitted processor */
    public TabularProcessor processor() {
        return processor;
    }

    /** @return the categorical input columns (fastai's {@code cat_names}) */
    public List<String> inputCatNames() {
        return processor.inputCatNames();
    }

    /** @return the continuous input columns (fastai's {@code cont_names}) */
    public List<String> inputContNames() {
        return processor.inputContNames();
    }

    /** @return the processed categorical columns (inputs, then FillMissing's {@code _na} flags) */
    public List<String> catNames() {
        return processor.catNames();
    }

    /** @return the processed continuous columns */
    public List<String> contNames() {
        return processor.contNames();
    }

    /**
     * The kind of values a categorical input column held in training, so a new table's column can be
     * read the same way (numbers as numbers, text as text).
     *
     * @param column a categorical input column
     * @return its kind
     * @throws IllegalArgumentException if no Categorify encoded it
     */
    public CategoryKind categoryKind(String column) {
        for (TabularProc p : processor.procs()) {
            if (p instanceof Categorify c && c.classes().containsKey(column)) {
                return c.kind(column);
            }
        }
        throw new IllegalArgumentException("no Categorify encoded the column '" + column + "'");
    }

    /** @return the label column's name */
    public String labelName() {
        return labels.column();
    }

    /** @return whether the labels are classes (or regression targets) */
    public boolean isClassification() {
        return labels.isClassification();
    }

    /** @return the label classes in index order; empty for regression */
    public List<String> labelClasses() {
        return labels.classes();
    }

    /** @return the model's output size: the number of classes, or 1 for regression */
    public int c() {
        return isClassification() ? labelClasses().size() : 1;
    }

    /**
     * Processes a new table with the learned processors (fastai's {@code apply_test}): missing values
     * filled with the training fill values, categories coded with the training classes (a value not
     * seen in training becomes {@code #na#}, code 0), continuous columns normalized with the training
     * statistics.
     *
     * @param table a table with the input columns; others are ignored
     * @return the model inputs
     * @throws IllegalArgumentException for an empty table, a missing column or a continuous column
     *     holding text
     */
    public TabularSplit process(Table table) {
        int[] rows = TabularData.allRows(table);
        TabularFrame frame = processor.apply(table, rows);
        return TabularSplit.of(frame, catNames(), contNames(), null, null);
    }

    /**
     * The state as JSON, for an export.
     *
     * @return {@code cat_names}, {@code cont_names}, the processed columns, every processor's state and
     *     the label
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("catNames", strings(inputCatNames()));
        o.add("contNames", strings(inputContNames()));
        o.add("processedCatNames", strings(catNames()));
        o.add("processedContNames", strings(contNames()));
        JsonArray procs = new JsonArray();
        for (TabularProc p : processor.procs()) {
            procs.add(ProcStates.toJson(p));
        }
        o.add("procs", procs);
        JsonObject label = new JsonObject();
        label.addProperty("column", labels.column());
        label.addProperty("type", labels.isClassification() ? "classification" : "regression");
        if (labels.isClassification()) {
            label.addProperty("kind", labels.kind().name());
            CategoryMap map = labels.map();
            label.add("classes", strings(labels.classes()));
            if (!map.keys().equals(labels.classes())) {
                label.add("keys", strings(map.keys()));
            }
        }
        o.add("label", label);
        return o;
    }

    /**
     * Reads the state back.
     *
     * @param o what {@link #toJson} wrote
     * @return the pipeline
     * @throws IllegalArgumentException naming a missing or invalid field
     */
    public static TabularPipeline fromJson(JsonObject o) {
        List<TabularProc> procs = new ArrayList<>();
        for (JsonElement e : array(o, "procs")) {
            procs.add(ProcStates.fromJson(e.getAsJsonObject()));
        }
        TabularProcessor processor = TabularProcessor.restore(strings(array(o, "catNames")),
                strings(array(o, "contNames")), procs, strings(array(o, "processedCatNames")),
                strings(array(o, "processedContNames")));
        JsonObject label = field(o, "label").getAsJsonObject();
        String column = field(label, "column").getAsString();
        String type = field(label, "type").getAsString();
        LabelProcessor labels;
        if (type.equals("regression")) {
            labels = LabelProcessor.restore(column, false, null, null);
        } else if (type.equals("classification")) {
            List<String> classes = strings(array(label, "classes"));
            List<String> keys = label.has("keys") ? strings(array(label, "keys")) : classes;
            List<String> withNa = new ArrayList<>();
            withNa.add(CategoryMap.NA);
            withNa.addAll(classes);
            labels = LabelProcessor.restore(column, true, CategoryKind.valueOf(field(label, "kind").getAsString()),
                    CategoryMap.of(keys, withNa));
        } else {
            throw new IllegalArgumentException("label type '" + type + "': expected classification or regression");
        }
        return new TabularPipeline(processor, labels);
    }

    private static JsonElement field(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("the tabular pipeline has no '" + key + "'");
        }
        return e;
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = field(o, key);
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("the tabular pipeline's '" + key + "' is not a list");
        }
        return e.getAsJsonArray();
    }

    private static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray(list.size());
        list.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>(a.size());
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /**
     * The classes of every processed categorical column, {@code #na#} first.
     *
     * @return column → classes
     */
    public Map<String, List<String>> categoryClasses() {
        return processor.classes();
    }
}
