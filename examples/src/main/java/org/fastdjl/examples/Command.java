package org.fastdjl.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One command of {@code ./fastdjl}, declared once: its name, one line saying what it does, its options
 * and the code it runs. From that one declaration come the parsing and checking of its arguments
 * (every value and every path is checked before the body runs), its {@code --help} text and its row
 * in the README's table of commands ({@code ./fastdjl help --markdown}; a test compares the README with
 * it). Adding a command is declaring it next to its code and listing it in {@link Main#COMMANDS}:
 *
 * <pre>{@code
 * static final Command COMMAND = Command.builder("lesson4-collab", "the collab notebook ...")
 *         .inputDir("data", "the data folder", "fastai's ML_SAMPLE, fetched once")
 *         .integer("epochs", "epochs of fit_one_cycle", 3, 1)
 *         .outputDir("out", "plots and saved models", "out/lesson4-collab")
 *         .flag("no-lr-find", "skip lr_find")
 *         .run(Lesson4Collab::run);            // static int run(Args args) throws Exception
 * }</pre>
 *
 * The body reads its options from {@link Args} by name ({@code args.getInt("epochs")}); asking for an
 * option the command did not declare is a programming error.
 */
public final class Command {

    /** The body of a command: runs with checked options and returns the exit code. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the command.
         *
         * @param args the parsed and checked options
         * @return the exit code (0 for success)
         * @throws Exception on failure: {@link Main} turns bad input into one line and exit code 2
         */
        int run(Args args) throws Exception;
    }

    private final String name;
    private final String summary;
    private final Map<String, Option> options;
    private final Body body;

    private Command(Builder b) {
        this.name = b.name;
        this.summary = b.summary;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.body = Objects.requireNonNull(b.body, "body");
    }

    /**
     * Starts declaring a command.
     *
     * @param name the command's name, as typed after {@code ./fastdjl}
     * @param summary one line saying what it does (shown by {@code help} and in the README)
     * @return the builder
     */
    public static Builder builder(String name, String summary) {
        return new Builder(name, summary);
    }

    /** @return the command's name */
    public String name() {
        return name;
    }

    /** @return what the command does, in one line */
    public String summary() {
        return summary;
    }

    /** @return the options, in declaration order */
    public List<Option> options() {
        return List.copyOf(options.values());
    }

    /**
     * Parses and checks arguments, then runs the body.
     *
     * @param argv the arguments after the command's name
     * @return the body's exit code
     * @throws Exception what the body throws; bad options throw {@link IllegalArgumentException}
     *     before the body starts
     */
    public int run(List<String> argv) throws Exception {
        return body.run(parse(argv));
    }

    /**
     * Parses and checks arguments without running anything: every value is converted and checked,
     * input paths must exist and output folders must be writable.
     *
     * @param argv the arguments after the command's name
     * @return the options
     * @throws IllegalArgumentException for an unknown option, a missing or bad value, or a bad path,
     *     naming it and what was expected
     */
    public Args parse(List<String> argv) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String s = argv.get(i);
            if (!s.startsWith("--") || s.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + s + "'; " + hint());
            }
            String key = s.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            Option o = options.get(key);
            if (o == null) {
                throw new IllegalArgumentException("unknown option --" + key + "; " + hint());
            }
            if (!o.takesValue()) {
                if (value != null) {
                    throw new IllegalArgumentException("--" + key + " takes no value, got '" + value + "'");
                }
                value = "";
            } else if (value == null) {
                if (i + 1 >= argv.size() || (argv.get(i + 1).startsWith("--") && argv.get(i + 1).length() > 2
                        && options.containsKey(argv.get(i + 1).substring(2).split("=", 2)[0]))) {
                    throw new IllegalArgumentException("--" + key + " needs a value: " + o.synopsis());
                }
                value = argv.get(++i);
            }
            List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.isEmpty() && !o.repeatable) {
                throw new IllegalArgumentException("--" + key + " is given twice");
            }
            list.add(o.takesValue() ? o.check(value) : value);
        }
        for (Option o : options.values()) {
            if (o.required && !values.containsKey(o.name())) {
                throw new IllegalArgumentException(o.synopsis() + " is required; " + hint());
            }
        }
        Args args = new Args(this, values);
        for (Option o : options.values()) {
            if (o.kind().name().startsWith("INPUT") || o.kind().name().startsWith("OUTPUT")) {
                List<String> given = values.get(o.name());
                if (given != null) {
                    for (String v : given) {
                        o.checkPath(java.nio.file.Path.of(v));
                    }
                } else if (o.defaultValue != null && o.kind().name().startsWith("OUTPUT")) {
                    o.checkPath(java.nio.file.Path.of(o.defaultValue));
                }
            }
        }
        return args;
    }

    private String hint() {
        return "'./fastdjl " + name + " --help' lists its options";
    }

    Option option(String key) {
        Option o = options.get(key);
        if (o == null) {
            throw new IllegalStateException("command " + name + " has no option --" + key + "; declare it");
        }
        return o;
    }

    /** @return the usage line: {@code ./fastdjl lesson4-collab [--data DIR] [--epochs N] ...} */
    public String usage() {
        StringBuilder sb = new StringBuilder("./fastdjl ").append(name);
        for (Option o : options.values()) {
            String s = o.synopsis() + (o.repeatable ? " ..." : "");
            sb.append(o.required ? " " + s : " [" + s + "]");
        }
        return sb.toString();
    }

    /** @return the text of {@code ./fastdjl <command> --help} */
    public String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(usage()).append("\n\n");
        sb.append(Character.toUpperCase(summary.charAt(0))).append(summary.substring(1)).append(".\n");
        sb.append("\nOptions:\n");
        int width = "--help".length();
        for (Option o : options.values()) {
            width = Math.max(width, o.synopsis().length());
        }
        for (Option o : options.values()) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", o.synopsis(), o.description()));
        }
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", "--help", "show this help and exit"));
        return sb.toString();
    }

    /** Declares a command's options and body; each option method adds one option, in help order. */
    public static final class Builder {
        private final String name;
        private final String summary;
        private final Map<String, Option> options = new LinkedHashMap<>();
        private Body body;

        private Builder(String name, String summary) {
            this.name = Objects.requireNonNull(name, "name");
            this.summary = Objects.requireNonNull(summary, "summary");
        }

        /**
         * Makes the option declared last required: a run without it stops, naming it, before any work.
         *
         * @return this builder
         */
        public Builder required() {
            if (options.isEmpty()) {
                throw new IllegalStateException("required() follows the option it applies to");
            }
            String last = new java.util.ArrayList<>(options.keySet()).get(options.size() - 1);
            options.put(last, options.get(last).asRequired());
            return this;
        }

        private Builder add(Option o) {
            if (o.name.equals("help") || options.putIfAbsent(o.name, o) != null) {
                throw new IllegalStateException("option --" + o.name + " is declared twice in " + name);
            }
            return this;
        }

        /**
         * An option without a value.
         *
         * @param name the option's name, without {@code --}
         * @param help what it does
         * @return this builder
         */
        public Builder flag(String name, String help) {
            return add(new Option(name, Option.Kind.FLAG, null, help, null, null, 0, List.of(), false));
        }

        /**
         * A whole number of at least {@code min}.
         *
         * @param name the option's name
         * @param help what it sets
         * @param def the default
         * @param min the smallest value allowed
         * @return this builder
         */
        public Builder integer(String name, String help, int def, int min) {
            return add(new Option(name, Option.Kind.INTEGER, "N", help, Integer.toString(def), null, min, List.of(),
                    false));
        }

        /**
         * A whole number of at least {@code min} with no fixed default: without it the body decides
         * ({@code args.has(name)}).
         *
         * @param name the option's name
         * @param help what it sets
         * @param min the smallest value allowed
         * @param defaultText what is used without the option, for the help
         * @return this builder
         */
        public Builder integer(String name, String help, int min, String defaultText) {
            return add(new Option(name, Option.Kind.INTEGER, "N", help, null, defaultText, min, List.of(), false));
        }

        /**
         * A finite number greater than 0, such as a learning rate.
         *
         * @param name the option's name
         * @param help what it sets
         * @param def the default, as it is written ("5e-3")
         * @return this builder
         */
        public Builder positiveNumber(String name, String help, String def) {
            return add(new Option(name, Option.Kind.POSITIVE_NUMBER, "X", help, def, null, 0, List.of(), false));
        }

        /**
         * One of a few words.
         *
         * @param name the option's name
         * @param help what it chooses
         * @param def the default, one of {@code choices}
         * @param choices the words allowed (lower case)
         * @return this builder
         */
        public Builder choice(String name, String help, String def, String... choices) {
            List<String> list = Arrays.asList(choices);
            if (!list.contains(def)) {
                throw new IllegalStateException("default " + def + " of --" + name + " is not among " + list);
            }
            return add(new Option(name, Option.Kind.CHOICE, String.join("|", choices), help, def, null, 0,
                    List.copyOf(list), false));
        }

        /**
         * Any text.
         *
         * @param name the option's name
         * @param metavar what the value is, in the usage line ({@code NAME})
         * @param help what it sets
         * @param repeatable whether it may be given several times
         * @return this builder
         */
        public Builder text(String name, String metavar, String help, boolean repeatable) {
            return add(new Option(name, Option.Kind.TEXT, metavar, help, null, null, 0, List.of(), repeatable));
        }

        /**
         * A folder to read, which must exist.
         *
         * @param name the option's name
         * @param help what it holds
         * @param defaultText what is used without the option, or {@code null} when nothing is
         * @return this builder
         */
        public Builder inputDir(String name, String help, String defaultText) {
            return add(new Option(name, Option.Kind.INPUT_DIR, "DIR", help, null, defaultText, 0, List.of(), false));
        }

        /**
         * A file to read, which must exist.
         *
         * @param name the option's name
         * @param help what it holds
         * @return this builder
         */
        public Builder inputFile(String name, String help) {
            return add(new Option(name, Option.Kind.INPUT_FILE, "FILE", help, null, null, 0, List.of(), false));
        }

        /**
         * A folder written to; it (or the default) is created if needed and checked writable before the
         * command starts.
         *
         * @param name the option's name
         * @param help what is written there
         * @param def the default folder, or {@code null} when nothing is written without the option
         * @return this builder
         */
        public Builder outputDir(String name, String help, String def) {
            return add(new Option(name, Option.Kind.OUTPUT_DIR, "DIR", help, def, null, 0, List.of(), false));
        }

        /**
         * A folder written to whose default the body works out (say, under the repository); a folder
         * given is created if needed and checked writable before the command starts.
         *
         * @param name the option's name
         * @param help what is written there
         * @param defaultText where the body writes without the option, for the help
         * @return this builder
         */
        public Builder outputDirDefaultText(String name, String help, String defaultText) {
            return add(new Option(name, Option.Kind.OUTPUT_DIR, "DIR", help, null, defaultText, 0, List.of(), false));
        }

        /**
         * A file written to; its folder is created if needed and checked writable before the command
         * starts.
         *
         * @param name the option's name
         * @param help what is written
         * @param defaultText what happens without the option, or {@code null} when nothing is written
         * @return this builder
         */
        public Builder outputFile(String name, String help, String defaultText) {
            return add(new Option(name, Option.Kind.OUTPUT_FILE, "FILE", help, null, defaultText, 0, List.of(),
                    false));
        }

        /**
         * Finishes the declaration with the code to run.
         *
         * @param body the command's code
         * @return the command
         */
        public Command run(Body body) {
            this.body = body;
            return new Command(this);
        }
    }
}
