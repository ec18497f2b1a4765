package org.fastdjl.tabular.transform;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.fastdjl.core.data.CategoryMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned state of the tabular processors as JSON, for a learner's export, and back: {@link
 * FillMissing} (strategy, fill values, which columns got an {@code _na} flag), {@link Categorify} (each
 * column's value kind and classes, {@code #na#} first, and whether it normalizes whitespace) and {@link Normalize} (means and standard
 * deviations). Numbers are written so they read back exactly.
 *
 * <pre>{@code
 * {"type": "Normalize", "means": {"age": 38.58}, "stds": {"age": 13.64}}
 * }</pre>
 */
public final class ProcStates {

    private ProcStates() {
    }

    /**
     * A fitted processor's state.
     *
     * @param proc a fitted {@link FillMissing}, {@link Categorify} or {@link Normalize}
     * @return its state, with a {@code type}
     * @throws IllegalArgumentException for another processor (an export cannot restore it)
     * @throws IllegalStateException for an unfitted one
     */
    public static JsonObject toJson(TabularProc proc) {
        JsonObject o = new JsonObject();
        if (proc instanceof FillMissing f) {
            o.addProperty("type", "FillMissing");
            o.addProperty("strategy", f.strategy().name());
            o.addProperty("fillValue", f.fillValue());
            o.addProperty("addCol", f.addsColumns());
            o.addProperty("failOnNewMissing", f.failsOnNewMissing());
            o.add("naDict", numbers(f.naDict()));
            o.add("fillers", numbers(f.fillers()));
        } else if (proc instanceof Categorify c) {
            o.addProperty("type", "Categorify");
            o.addProperty("normalizeWhitespace", c.normalizesWhitespace());
            JsonObject cols = new JsonObject();
            for (String name : c.classes().keySet()) {
                CategoryMap map = c.categoryMap(name);
                JsonObject col = new JsonObject();
                col.addProperty("kind", c.kind(name).name());
                col.add("classes", strings(map.classes()));
                if (!map.keys().equals(map.classes().subList(1, map.size()))) {
                    col.add("keys", strings(map.keys()));
                }
                cols.add(name, col);
            }
            o.add("columns", cols);
        } else if (proc instanceof Normalize n) {
            o.addProperty("type", "Normalize");
            o.add("means", numbers(n.means()));
            o.add("stds", numbers(n.stds()));
        } else {
            throw new IllegalArgumentException("cannot export the processor " + proc.getClass().getName()
                    + ": an export restores FillMissing, Categorify and Normalize only");
        }
        return o;
    }

    /**
     * Rebuilds a fitted processor from its state.
     *
     * @param o what {@link #toJson} wrote
     * @return the processor, fitted
     * @throws IllegalArgumentException for an unknown type or a missing field (naming it)
     */
    public static TabularProc fromJson(JsonObject o) {
        String type = string(o, "type");
        switch (type) {
            case "FillMissing":
                return FillMissing.restore(FillStrategy.valueOf(string(o, "strategy")), field(o, "fillValue").getAsDouble(),
                        field(o, "addCol").getAsBoolean(), field(o, "failOnNewMissing").getAsBoolean(),
                        numbers(field(o, "naDict").getAsJsonObject()), numbers(field(o, "fillers").getAsJsonObject()));
            case "Categorify": {
                Map<String, CategoryKind> kinds = new LinkedHashMap<>();
                Map<String, CategoryMap> maps = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : field(o, "columns").getAsJsonObject().entrySet()) {
                    JsonObject col = e.getValue().getAsJsonObject();
                    List<String> classes = strings(field(col, "classes").getAsJsonArray());
                    List<String> keys = col.has("keys") ? strings(col.getAsJsonArray("keys"))
                            : classes.subList(Math.min(1, classes.size()), classes.size());
                    kinds.put(e.getKey(), CategoryKind.valueOf(string(col, "kind")));
                    maps.put(e.getKey(), CategoryMap.of(keys, classes));
                }
                return Categorify.restore(field(o, "normalizeWhitespace").getAsBoolean(), kinds, maps);
            }
            case "Normalize": {
                Map<String, Double> means = numbers(field(o, "means").getAsJsonObject());
                Map<String, Double> stds = numbers(field(o, "stds").getAsJsonObject());
                if (!means.keySet().equals(stds.keySet())) {
                    throw new IllegalArgumentException("Normalize has means for " + means.keySet() + " but stds for "
                            + stds.keySet());
                }
                return Normalize.restore(means, stds);
            }
            default:
                throw new IllegalArgumentException("unknown tabular processor '" + type
                        + "'; this fastdjl restores FillMissing, Categorify and Normalize");
        }
    }

    private static JsonElement field(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            JsonElement type = o.get("type");
            throw new IllegalArgumentException("the " + (type != null && type.isJsonPrimitive() ? type.getAsString()
                    : "processor") + " state has no '" + key + "'");
        }
        return e;
    }

    private static String string(JsonObject o, String key) {
        return field(o, key).getAsString();
    }

    private static JsonObject numbers(Map<String, Double> m) {
        JsonObject o = new JsonObject();
        m.forEach(o::addProperty);
        return o;
    }

    private static Map<String, Double> numbers(JsonObject o) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            m.put(e.getKey(), e.getValue().getAsDouble());
        }
        return m;
    }

    static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray(list.size());
        list.forEach(a::add);
        return a;
    }

    static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>(a.size());
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
