package org.fastdjl.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options of an example: {@code --name value} pairs and {@code --flag}s. Unknown
 * options are an error that lists the known ones.
 */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {}

    /**
     * Parses arguments.
     *
     * @param args the arguments after the command name
     * @param valued the options that take a value (without {@code --})
     * @param flagNames the options that take none
     * @return the parsed options
     * @throws IllegalArgumentException on an unknown option or a missing value
     */
    public static Args parse(List<String> args, Set<String> valued, Set<String> flagNames) {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (!s.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + s + "'; options are "
                        + describe(valued, flagNames));
            }
            String name = s.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name) && value == null) {
                a.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                a.values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + "; options are "
                        + describe(valued, flagNames));
            }
        }
        return a;
    }

    private static String describe(Set<String> valued, Set<String> flagNames) {
        StringBuilder sb = new StringBuilder();
        valued.stream().sorted().forEach(v -> sb.append("--").append(v).append(" VALUE "));
        flagNames.stream().sorted().forEach(f -> sb.append("--").append(f).append(' '));
        return sb.toString().trim();
    }

    /**
     * A string option.
     *
     * @param name the option
     * @param def the default
     * @return the value or the default
     */
    public String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    /**
     * A path option.
     *
     * @param name the option
     * @return the path, or {@code null} when not given
     */
    public Path path(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    /**
     * An integer option.
     *
     * @param name the option
     * @param def the default
     * @return the value
     * @throws IllegalArgumentException if it is not an integer
     */
    public int getInt(String name, int def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    /**
     * A number option.
     *
     * @param name the option
     * @param def the default
     * @return the value
     */
    public double getDouble(String name, double def) {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    /**
     * Whether a flag was given.
     *
     * @param name the flag
     * @return whether it was given
     */
    public boolean has(String name) {
        return flags.contains(name);
    }
}
