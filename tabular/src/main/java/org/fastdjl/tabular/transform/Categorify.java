package org.fastdjl.tabular.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fastdjl.core.data.CategoryMap;

/**
 * Turns the categorical columns into integer codes, fastai v1's {@code Categorify}.
 *
 * <p>On the training split it learns, per column, a {@link CategoryMap}: {@code #na#} followed by the
 * sorted unique non-missing values (pandas' {@code cat.categories}: text by code point, numbers
 * numerically, {@code False} before {@code True}), so code {@code i + 1} is the {@code i}-th value and
 * code 0 is {@code #na#}. Classes display as pandas prints the values ({@link CategoryKind#display}).
 * On every other split the same classes are used: a missing value, or a value never seen in training,
 * becomes 0. Text keeps its exact spelling, leading spaces included ({@code " Private"}).
 *
 * <p>It encodes every categorical column present when it runs, including FillMissing's
 * {@code <col>_na} flags, so put it after {@link FillMissing}.
 */
public final class Categorify implements TabularProc {

    /** The class at index 0 of every categorical column: missing or unseen. */
    public static final String NA = CategoryMap.NA;

    private Map<String, Encoding> encodings;

    /** Creates an unfitted processor. */
    public Categorify() {
    }

    private record Encoding(CategoryKind kind, CategoryMap map) {
    }

    @Override
    public void applyTrain(TabularFrame frame) {
        Map<String, Encoding> learned = new LinkedHashMap<>();
        for (String name : frame.catNames()) {
            if (frame.isEncoded(name)) {
                continue;
            }
            CategoryValues values = frame.categories(name);
            CategoryKind kind = values.kind();
            learned.put(name, new Encoding(kind, CategoryMap.learn(values.values(), kind::display)));
        }
        this.encodings = learned;
        applyTest(frame);
    }

    @Override
    public void applyTest(TabularFrame frame) {
        if (encodings == null) {
            throw new IllegalStateException("Categorify.applyTest before applyTrain");
        }
        for (Map.Entry<String, Encoding> e : encodings.entrySet()) {
            String name = e.getKey();
            Encoding encoding = e.getValue();
            CategoryValues values = frame.categories(name);
            if (!values.kind().compatibleWith(encoding.kind())) {
                throw new IllegalArgumentException("Categorical column '" + name + "' holds " + values.kind()
                        + " values but was " + encoding.kind() + " in the training split");
            }
            frame.encode(name, encoding.map().encode(values.values()), encoding.map().classes());
        }
    }

    /**
     * The classes learned per column, {@code #na#} first (fastai's {@code classes}).
     *
     * @return column → classes, in column order
     * @throws IllegalStateException before {@link #applyTrain}
     */
    public Map<String, List<String>> classes() {
        if (encodings == null) {
            throw new IllegalStateException("Categorify is not fitted yet");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        encodings.forEach((name, enc) -> out.put(name, enc.map().classes()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The kind of values a column held in training (text, integer, decimal or boolean), which is how a
     * new table's column must be read for its values to find their classes.
     *
     * @param column a categorical column seen in training
     * @return its kind
     * @throws IllegalStateException before {@link #applyTrain}
     * @throws IllegalArgumentException for a column Categorify did not encode
     */
    public CategoryKind kind(String column) {
        categoryMap(column);
        return encodings.get(column).kind();
    }

    /** A fitted processor with the given classes, as {@link ProcStates} reads it back from an export. */
    static Categorify restore(Map<String, CategoryKind> kinds, Map<String, CategoryMap> maps) {
        Map<String, Encoding> learned = new LinkedHashMap<>();
        for (Map.Entry<String, CategoryMap> e : maps.entrySet()) {
            learned.put(e.getKey(), new Encoding(kinds.get(e.getKey()), e.getValue()));
        }
        Categorify c = new Categorify();
        c.encodings = learned;
        return c;
    }

    /**
     * The category map learned for one column.
     *
     * @param column a categorical column seen in training
     * @return its map
     * @throws IllegalStateException before {@link #applyTrain}
     * @throws IllegalArgumentException for a column Categorify did not encode
     */
    public CategoryMap categoryMap(String column) {
        if (encodings == null) {
            throw new IllegalStateException("Categorify is not fitted yet");
        }
        Encoding enc = encodings.get(column);
        if (enc == null) {
            throw new IllegalArgumentException("Categorify did not encode a column '" + column + "'; it encoded "
                    + encodings.keySet());
        }
        return enc.map();
    }
}
