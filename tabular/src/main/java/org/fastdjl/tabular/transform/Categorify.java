package org.fastdjl.tabular.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.UnseenValues;

/**
 * Turns the categorical columns into integer codes, fastai v1's {@code Categorify}.
 *
 * <p>On the training split it learns, per column, a {@link CategoryMap}: {@code #na#} followed by the
 * sorted unique non-missing values (pandas' {@code cat.categories}: text by code point, numbers
 * numerically, {@code False} before {@code True}), so code {@code i + 1} is the {@code i}-th value and
 * code 0 is {@code #na#}. Classes display as pandas prints the values ({@link CategoryKind#display}).
 * On every other split the same classes are used: a missing value, or a value never seen in training,
 * becomes 0.
 *
 * <p><b>Whitespace (differs from fastai).</b> By default text values lose their surrounding whitespace
 * and blank text counts as missing ({@link CategoryMap#normalize}): the adult data's {@code " Private"}
 * becomes the class {@code Private}. fastai keeps the values as pandas read them, leading space
 * included; fastdjl normalizes because Tablesaw's own CSV reader ({@code Table.read().csv}) trims
 * unquoted fields while pandas and {@link org.fastdjl.tabular.data.TabularCsv} do not, and a model
 * trained on one reader's table then saw only unknown categories in the other's: every category coded
 * {@code #na#}, wrong predictions without a word. Normalized, both readers give the same classes, codes
 * and predictions. {@link #keepingWhitespace()} keeps fastai's exact spelling.
 *
 * <p><b>Other readers' types.</b> A column read with another type than in training (decimals where
 * training had integers, {@code Y}/{@code N} read by Tablesaw as booleans where training had text) is
 * converted to the training kind ({@link CategoryValues#as}) rather than refused.
 *
 * <p><b>Unseen values.</b> When, on validation, test or prediction rows, more than half of a column's
 * present values were never seen in training, it issues one warning for that column
 * ({@link UnseenValues}) naming a few of them and the closest known class of each
 * ({@code ' Private' (closest known 'Private')}).
 *
 * <p>It encodes every categorical column present when it runs, including FillMissing's
 * {@code <col>_na} flags, so put it after {@link FillMissing}.
 */
public final class Categorify implements TabularProc {

    /** The class at index 0 of every categorical column: missing or unseen. */
    public static final String NA = CategoryMap.NA;

    private final boolean normalizeWhitespace;
    private final UnseenValues unseen = new UnseenValues();
    private Map<String, Encoding> encodings;

    /** Creates an unfitted processor that normalizes surrounding whitespace (the default). */
    public Categorify() {
        this(true);
    }

    private Categorify(boolean normalizeWhitespace) {
        this.normalizeWhitespace = normalizeWhitespace;
    }

    /**
     * An unfitted processor that keeps text exactly as read, surrounding whitespace included, as fastai
     * does: {@code procs(FillMissing::new, Categorify::keepingWhitespace, Normalize::new)}. Tables to
     * predict on must then come from the same reader as the training table.
     *
     * @return the processor
     */
    public static Categorify keepingWhitespace() {
        return new Categorify(false);
    }

    /**
     * Whether text values lose their surrounding whitespace.
     *
     * @return true by default, false for {@link #keepingWhitespace()}
     */
    public boolean normalizesWhitespace() {
        return normalizeWhitespace;
    }

    private CategoryValues read(TabularFrame frame, String name) {
        CategoryValues values = frame.categories(name);
        return normalizeWhitespace ? values.normalized() : values;
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
            CategoryValues values = read(frame, name);
            CategoryKind kind = values.kind();
            learned.put(name, new Encoding(kind, CategoryMap.learn(values.values(), kind::display)));
        }
        this.encodings = learned;
        encodeAll(frame, false);
    }

    @Override
    public void applyTest(TabularFrame frame) {
        if (encodings == null) {
            throw new IllegalStateException("Categorify.applyTest before applyTrain");
        }
        encodeAll(frame, true);
    }

    private void encodeAll(TabularFrame frame, boolean checkUnseen) {
        for (Map.Entry<String, Encoding> e : encodings.entrySet()) {
            String name = e.getKey();
            Encoding encoding = e.getValue();
            CategoryMap map = encoding.map();
            CategoryValues values = read(frame, name).as(encoding.kind(), map.classes());
            int[] codes = map.encode(values.values());
            if (checkUnseen) {
                unseen.check(name, map, values.values(), CategoryValues::displayAny, codes);
            }
            frame.encode(name, codes, map.classes());
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
    static Categorify restore(boolean normalizeWhitespace, Map<String, CategoryKind> kinds,
                              Map<String, CategoryMap> maps) {
        Map<String, Encoding> learned = new LinkedHashMap<>();
        for (Map.Entry<String, CategoryMap> e : maps.entrySet()) {
            learned.put(e.getKey(), new Encoding(kinds.get(e.getKey()), e.getValue()));
        }
        Categorify c = new Categorify(normalizeWhitespace);
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
