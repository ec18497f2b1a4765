package org.fastdjl.spark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code spark-*} command: {@code --name value} options (some may repeat) and
 * {@code --flag} switches; anything else is an error naming it.
 */
final class CliArgs {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private CliArgs() {
    }

    /**
     * Parses the arguments after the command name.
     *
     * @param args the arguments
     * @param valued the options that take a value, without {@code --}
     * @param flags the switches, without {@code --}
     * @return the parsed options
     * @throws IllegalArgumentException for an unknown argument or a missing value
     */
    static CliArgs parse(List<String> args, Set<String> valued, Set<String> flags) {
        CliArgs a = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") ? arg.substring(2) : null;
            if (name != null && flags.contains(name)) {
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (name != null && valued.contains(name)) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return a;
    }

    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    String get(String name, String def) {
        String v = get(name);
        return v == null ? def : v;
    }

    String require(String name, String what) {
        String v = get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required (" + what + ")");
        }
        return v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String flag) {
        return values.containsKey(flag);
    }

    int getInt(String name, int def) {
        String v = get(name);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " expects a whole number, got '" + v + "'");
        }
    }

    double getDouble(String name, double def) {
        String v = get(name);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " expects a number, got '" + v + "'");
        }
    }
}
