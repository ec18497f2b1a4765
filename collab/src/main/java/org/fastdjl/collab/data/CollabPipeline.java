package org.fastdjl.collab.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.fastdjl.core.data.CategoryMap;
import org.fastdjl.core.data.UnseenValues;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a collab learner needs to predict, without the ratings: the user and item columns' names and
 * the classes learned on the training split ({@code #na#} first; a user or item not seen in training
 * codes to it, as fastai does). A trained learner takes it from its {@link CollabDataBunch}, a loaded
 * one from the export ({@link #fromJson}).
 */
public final class CollabPipeline {

    private final String userName;
    private final String itemName;
    private final String ratingName;
    private final CategoryMap users;
    private final CategoryMap items;
    private final UnseenValues unseen;

    /**
     * Creates the pipeline.
     *
     * @param userName the user column
     * @param itemName the item column
     * @param ratingName the rating column (what the predictions are)
     * @param users the user classes, {@code #na#} first
     * @param items the item classes, {@code #na#} first
     */
    public CollabPipeline(String userName, String itemName, String ratingName, CategoryMap users, CategoryMap items) {
        this(userName, itemName, ratingName, users, items, new UnseenValues());
    }

    CollabPipeline(String userName, String itemName, String ratingName, CategoryMap users, CategoryMap items,
                   UnseenValues unseen) {
        this.unseen = Objects.requireNonNull(unseen, "unseen");
        this.userName = Objects.requireNonNull(userName, "userName");
        this.itemName = Objects.requireNonNull(itemName, "itemName");
        this.ratingName = Objects.requireNonNull(ratingName, "ratingName");
        this.users = Objects.requireNonNull(users, "users");
        this.items = Objects.requireNonNull(items, "items");
    }

    /** @return the user column's name */
    public String userName() {
        return userName;
    }

    /** @return the item column's name */
    public String itemName() {
        return itemName;
    }

    /** @return the rating column's name */
    public String ratingName() {
        return ratingName;
    }

    /** @return the user classes, {@code #na#} first */
    public CategoryMap users() {
        return users;
    }

    /** @return the item classes, {@code #na#} first */
    public CategoryMap items() {
        return items;
    }

    /**
     * Codes the user and item columns of a table with the training classes.
     *
     * @param table a table with the user and item columns (by name)
     * @param strict whether a user or item not seen in training is an error (otherwise it maps to
     *     {@code #na#}, as fastai does)
     * @return {@code [userCodes, itemCodes]}
     * @throws IllegalArgumentException naming the column, row and value that is missing or unknown
     */
    public int[][] encode(Table table, boolean strict) {
        Column<?> u = column(table, userName, "user");
        Column<?> i = column(table, itemName, "item");
        int n = table.rowCount();
        int[] uc = new int[n];
        int[] ic = new int[n];
        for (int r = 0; r < n; r++) {
            uc[r] = code(table, users, u, r, strict, "user");
            ic[r] = code(table, items, i, r, strict, "item");
        }
        int[] rows = new int[n];
        for (int r = 0; r < n; r++) {
            rows[r] = r;
        }
        CollabDataBunch.checkUnseen(unseen, users, u, rows, uc);
        CollabDataBunch.checkUnseen(unseen, items, i, rows, ic);
        return new int[][] {uc, ic};
    }

    private static int code(Table table, CategoryMap map, Column<?> col, int row, boolean strict, String what) {
        String key = CategoryMap.key(col, row);
        int idx = map.indexOf(key);
        if (idx < 0 && strict) {
            throw new IllegalArgumentException(org.fastdjl.core.data.RowPositions.describe(table, row) + ", " + what
                    + " column '" + col.name() + "': "
                    + (key == null ? "missing value" : "'" + key + "' was not in the training data")
                    + " (it may have been split into the validation set only); "
                    + "pass strict=false to map it to #na#");
        }
        return Math.max(idx, 0);
    }

    /**
     * The code of a user or item written as text (a CSV field): its class if the text is one, else the
     * class of the number it spells ({@code "7.0"} finds user 7), else {@code #na#} (0), as fastai codes
     * a value not seen in training.
     *
     * @param isItem items ({@code true}) or users
     * @param text the field, {@code null} or empty for missing
     * @return the code
     */
    public int codeOf(boolean isItem, String text) {
        String key = keyOf(isItem, text);
        return key == null ? 0 : Math.max(0, (isItem ? items : users).indexOf(key));
    }

    /** The key a field is looked up by: its text without surrounding whitespace, or the number it spells. */
    private String keyOf(boolean isItem, String text) {
        Object v = CategoryMap.normalize(text);
        if (v == null) {
            return null;
        }
        String s = (String) v;
        if ((isItem ? items : users).indexOf(s) < 0) {
            try {
                return CategoryMap.key(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return s;
    }

    /**
     * Codes CSV fields of users or items ({@link #codeOf}) and warns once per column when most of them
     * were not seen in training, as {@link #encode} does for tables.
     *
     * @param isItem items ({@code true}) or users
     * @param fields the fields
     * @return their codes
     */
    public int[] codesOf(boolean isItem, String[] fields) {
        CategoryMap map = isItem ? items : users;
        Object[] keys = new Object[fields.length];
        int[] codes = new int[fields.length];
        for (int k = 0; k < fields.length; k++) {
            String key = keyOf(isItem, fields[k]);
            keys[k] = key;
            codes[k] = key == null ? 0 : Math.max(0, map.indexOf(key));
        }
        unseen.check(isItem ? itemName : userName, map, keys, String::valueOf, codes);
        return codes;
    }

    static Column<?> column(Table t, String name, String what) {
        if (!t.columnNames().contains(name)) {
            throw new IllegalArgumentException("no " + what + " column '" + name + "' in the table; its columns are "
                    + t.columnNames());
        }
        return t.column(name);
    }

    /**
     * The state as JSON, for an export.
     *
     * @return the columns and classes
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("user", map(userName, users));
        o.add("item", map(itemName, items));
        o.addProperty("rating", ratingName);
        return o;
    }

    private static JsonObject map(String column, CategoryMap map) {
        JsonObject o = new JsonObject();
        o.addProperty("column", column);
        JsonArray classes = new JsonArray(map.size());
        map.classes().forEach(classes::add);
        o.add("classes", classes);
        if (!map.keys().equals(map.classes().subList(1, map.size()))) {
            JsonArray keys = new JsonArray(map.size());
            map.keys().forEach(keys::add);
            o.add("keys", keys);
        }
        return o;
    }

    /**
     * Reads the state back.
     *
     * @param o what {@link #toJson} wrote
     * @return the pipeline
     * @throws IllegalArgumentException naming a missing field
     */
    public static CollabPipeline fromJson(JsonObject o) {
        JsonObject u = field(o, "user").getAsJsonObject();
        JsonObject i = field(o, "item").getAsJsonObject();
        return new CollabPipeline(field(u, "column").getAsString(), field(i, "column").getAsString(),
                field(o, "rating").getAsString(), map(u), map(i));
    }

    private static CategoryMap map(JsonObject o) {
        List<String> classes = strings(field(o, "classes").getAsJsonArray());
        List<String> keys = o.has("keys") ? strings(o.getAsJsonArray("keys"))
                : classes.subList(Math.min(1, classes.size()), classes.size());
        return CategoryMap.of(keys, classes);
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>(a.size());
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static JsonElement field(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("the collab pipeline has no '" + key + "'");
        }
        return e;
    }
}
