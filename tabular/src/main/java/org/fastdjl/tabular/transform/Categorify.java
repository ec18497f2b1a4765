package org.fastdjl.tabular.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns the categorical columns into integer codes, fastai v1's {@code Categorify}.
 *
 * <p>On the training split it collects, per column, the sorted unique non-missing values (pandas'
 * {@code cat.categories}: text by code point, numbers numerically, {@code False} before
 * {@code True}). The classes are {@code #na#} followed by those values, so code {@code i + 1} is the
 * {@code i}-th value and code 0 is {@code #na#}. On every other split the same classes are used:
 * a missing value, or a value never seen in training, becomes 0. Text keeps its exact spelling,
 * leading spaces included ({@code " Private"}).
 *
 * <p>It encodes every categorical column present when it runs, including FillMissing's
 * {@code <col>_na} flags, so put it after {@link FillMissing}.
 */
public final class Categorify implements TabularProc {

    /** The class at index 0 of every categorical column: missing or unseen. */
    public static final String NA = "#na#";

    private Map<String, Encoding> encodings;

    /** Creates an unfitted processor. */
    public Categorify() {
    }

    private record Encoding(CategoryKind kind, Map<Object, Integer> codes, List<String> classes) {
    }

    @Override
    public void applyTrain(TabularFrame frame) {
        Map<String, Encoding> learned = new LinkedHashMap<>();
        for (String name : frame.catNames()) {
            if (frame.isEncoded(name)) {
                continue;
            }
            CategoryValues values = frame.categories(name);
            TreeSet<Object> unique = new TreeSet<>(values.kind().order());
            for (Object key : values.values()) {
                if (key != null) {
                    unique.add(key);
                }
            }
            Map<Object, Integer> codes = new HashMap<>();
            List<String> classes = new ArrayList<>(unique.size() + 1);
            classes.add(NA);
            for (Object key : unique) {
                codes.put(key, classes.size());
                classes.add(values.kind().display(key));
            }
            learned.put(name, new Encoding(values.kind(), codes, List.copyOf(classes)));
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
            Object[] keys = values.values();
            int[] codes = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                codes[i] = keys[i] == null ? 0 : encoding.codes().getOrDefault(keys[i], 0);
            }
            frame.encode(name, codes, encoding.classes());
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
        encodings.forEach((name, enc) -> out.put(name, enc.classes()));
        return Collections.unmodifiableMap(out);
    }
}
