package org.fastdjl.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The options of one run of a {@link Command}, already parsed and checked against its declaration.
 * Values not given are the declared defaults; asking for an option the command did not declare is a
 * programming error ({@link IllegalStateException}).
 */
public final class Args {

    private final Command command;
    private final Map<String, List<String>> values;

    Args(Command command, Map<String, List<String>> values) {
        this.command = command;
        this.values = values;
    }

    private String value(String name) {
        Option o = command.option(name);
        List<String> given = values.get(name);
        return given != null ? given.get(0) : o.defaultValue;
    }

    /**
     * Whether an option was given on the command line (a flag, or a value instead of the default).
     *
     * @param name the option, without {@code --}
     * @return whether it was given
     */
    public boolean has(String name) {
        command.option(name);
        return values.containsKey(name);
    }

    /**
     * A text or choice option.
     *
     * @param name the option
     * @return the value, or its default ({@code null} when it has none)
     */
    public String get(String name) {
        return value(name);
    }

    /**
     * Every value of a repeatable option, in the order given.
     *
     * @param name the option
     * @return the values (empty when not given)
     */
    public List<String> all(String name) {
        command.option(name);
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /**
     * A path option.
     *
     * @param name the option
     * @return the path given, or its default, or {@code null} when there is neither
     */
    public Path path(String name) {
        String v = value(name);
        return v == null ? null : Path.of(v);
    }

    /**
     * A whole-number option (checked against its minimum when parsed).
     *
     * @param name the option
     * @return the value or its default
     */
    public int getInt(String name) {
        return Integer.parseInt(required(name));
    }

    private String required(String name) {
        String v = value(name);
        if (v == null) {
            throw new IllegalStateException("--" + name + " has no default: check args.has(\"" + name + "\") first");
        }
        return v;
    }

    /**
     * A number option (checked when parsed).
     *
     * @param name the option
     * @return the value or its default
     */
    public double getDouble(String name) {
        return Double.parseDouble(required(name));
    }

    /**
     * The arguments as they would be typed, for running the same command in a child process.
     *
     * @return the given options and values
     */
    public List<String> toArgv() {
        List<String> out = new java.util.ArrayList<>();
        values.forEach((k, vs) -> {
            for (String v : vs) {
                out.add("--" + k);
                if (command.option(k).takesValue()) {
                    out.add(v);
                }
            }
        });
        return out;
    }
}
