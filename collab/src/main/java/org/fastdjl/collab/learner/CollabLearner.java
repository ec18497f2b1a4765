package org.fastdjl.collab.learner;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.collab.nn.EmbeddingDotBias;
import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;

import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A {@link Learner} for collaborative filtering, as fastai v1's {@code CollabLearner}: predictions for
 * (user, item) pairs and for a whole table, and the {@code bias} / {@code weight} of users or items for
 * interpretation.
 */
public class CollabLearner extends Learner {

    private final CollabDataBunch collabData;

    /**
     * Creates the learner; use {@link Collab#learner(CollabDataBunch)}.
     *
     * @param builder the settings
     * @param data the data
     */
    CollabLearner(Learner.Builder builder, CollabDataBunch data) {
        super(builder);
        this.collabData = data;
    }

    /** @return the data */
    public CollabDataBunch collabData() {
        return collabData;
    }

    /**
     * The predicted rating of one user for one item.
     *
     * @param user the user, as in the ratings table (a number or a string)
     * @param item the item
     * @return the rating
     * @throws IllegalArgumentException if the user or item was not in the training data (fastai would
     *     silently use the {@code #na#} embedding; ask for that with {@link #predict(Table, boolean)})
     */
    public float predict(Object user, Object item) {
        int u = index(collabData.users(), user, "user");
        int i = index(collabData.items(), item, "item");
        return predictCodes(new int[] {u}, new int[] {i})[0];
    }

    /**
     * The predicted ratings for every row of a table with the user and item columns.
     *
     * @param table the pairs to rate
     * @param strict whether an unknown user or item is an error (naming its row), or maps to {@code #na#}
     *     as fastai does
     * @return one rating per row
     */
    public float[] predict(Table table, boolean strict) {
        int[][] codes = collabData.encode(table, strict);
        return predictCodes(codes[0], codes[1]);
    }

    private float[] predictCodes(int[] users, int[] items) {
        long[] u = new long[users.length];
        long[] it = new long[items.length];
        for (int k = 0; k < users.length; k++) {
            u[k] = users[k];
            it[k] = items[k];
        }
        Predictions p = predictOn(m -> new NDList(m.create(u), m.create(it)));
        return p.values();
    }

    private static int index(CategoryMap map, Object value, String what) {
        Object v = CategoryMap.normalize(value);
        int idx = v == null ? -1 : map.indexOf(CategoryMap.key(v));
        if (idx < 0) {
            throw new IllegalArgumentException("You're trying to access " + (what.equals("item") ? "an item" : "a user")
                    + " that isn't in the training data: " + value
                    + ". If it was in your original data, it may have been split such that it's only in the"
                    + " validation set now.");
        }
        return idx;
    }

    /**
     * The learned bias of some items (or users), as fastai's {@code learn.bias(arr, is_item)}.
     *
     * @param keys the items or users, as in the ratings table
     * @param isItem items ({@code true}) or users
     * @return one bias per key
     * @throws IllegalStateException if the model has no biases (EmbeddingNN)
     * @throws IllegalArgumentException naming a key not in the training data
     */
    public float[] bias(List<?> keys, boolean isItem) {
        EmbeddingDotBias m = dotBias();
        return rows(isItem ? m.iBias().weight() : m.uBias().weight(), keys, isItem, 1)[0];
    }

    /**
     * The learned factor vectors of some items (or users), as fastai's {@code learn.weight(arr,
     * is_item)}.
     *
     * @param keys the items or users
     * @param isItem items ({@code true}) or users
     * @return one vector per key
     */
    public float[][] weight(List<?> keys, boolean isItem) {
        EmbeddingDotBias m = dotBias();
        Parameter p = isItem ? m.iWeight().weight() : m.uWeight().weight();
        return rows(p, keys, isItem, (int) p.getArray().getShape().get(1));
    }

    private EmbeddingDotBias dotBias() {
        if (!(model() instanceof EmbeddingDotBias)) {
            throw new IllegalStateException("bias and weight need an EmbeddingDotBias model, not "
                    + model().getClass().getSimpleName());
        }
        return (EmbeddingDotBias) model();
    }

    /** For width 1 returns {@code [values]}; otherwise one row per key. */
    private float[][] rows(Parameter p, List<?> keys, boolean isItem, int width) {
        CategoryMap map = isItem ? collabData.items() : collabData.users();
        long[] idx = new long[keys.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = index(map, keys.get(k), isItem ? "item" : "user");
        }
        float[] flat;
        try (NDManager m = manager().newSubManager()) {
            flat = p.getArray().get(m.create(idx)).toFloatArray();
        }
        if (width == 1) {
            return new float[][] {flat};
        }
        float[][] out = new float[idx.length][width];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(flat, k * width, out[k], 0, width);
        }
        return out;
    }
}
