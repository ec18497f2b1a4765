package org.fastdjl.tabular.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fastai v1's embedding-size rule of thumb, {@code emb_sz_rule}, and {@code get_emb_szs}.
 *
 * <pre>{@code
 * EmbeddingSizes.rule(10);                                    // 6
 * EmbeddingSizes.of(data.catNames(), data.categoryClasses(), Map.of("education", 10));
 * }</pre>
 */
public final class EmbeddingSizes {

    /** The largest size the rule gives. */
    public static final int MAX_SIZE = 600;

    private EmbeddingSizes() {
    }

    /**
     * {@code min(600, round(1.6 * nCat^0.56))}, rounding half to even as Python's {@code round} does.
     *
     * @param nCat the number of classes, {@code #na#} included
     * @return the embedding width
     * @throws IllegalArgumentException if {@code nCat < 1}
     */
    public static int rule(int nCat) {
        if (nCat < 1) {
            throw new IllegalArgumentException("The number of categories must be at least 1 (#na#), got " + nCat);
        }
        return (int) Math.min(MAX_SIZE, Math.rint(1.6 * Math.pow(nCat, 0.56)));
    }

    /**
     * The embedding of each categorical column: the rule, or the width given in {@code overrides}.
     *
     * @param catNames  the categorical columns in model order
     * @param classes   each column's classes, {@code #na#} included
     * @param overrides widths per column name (fastai's {@code emb_szs} dict); may be empty
     * @return one entry per column, in {@code catNames} order
     * @throws IllegalArgumentException if an override names no categorical column or is not positive
     */
    public static List<EmbeddingSize> of(List<String> catNames, Map<String, List<String>> classes,
                                         Map<String, Integer> overrides) {
        Set<String> known = new HashSet<>(catNames);
        for (Map.Entry<String, Integer> e : overrides.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new IllegalArgumentException("Embedding size given for '" + e.getKey()
                        + "', which is not a categorical column; they are " + catNames);
            }
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException("Embedding size for '" + e.getKey()
                        + "' must be positive, got " + e.getValue());
            }
        }
        List<EmbeddingSize> out = new ArrayList<>(catNames.size());
        for (String name : catNames) {
            List<String> c = classes.get(name);
            if (c == null) {
                throw new IllegalArgumentException("No classes for categorical column '" + name + "'");
            }
            out.add(new EmbeddingSize(name, c.size(), overrides.getOrDefault(name, rule(c.size()))));
        }
        return out;
    }
}
