package org.fastdjl.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One option of a {@link Command}: its name, what kind of value it takes, its default and its help.
 * The same object parses and checks the value, writes the option's line in {@code --help} and its
 * entry in the README's table of commands, so the three cannot drift apart. Options are made by the
 * {@link Command.Builder} methods ({@code integer}, {@code path}, ...).
 */
public final class Option {

    /** What an option takes. */
    public enum Kind {
        /** No value: present or not. */
        FLAG,
        /** Any text. */
        TEXT,
        /** A whole number of at least {@link Option#min}. */
        INTEGER,
        /** A finite number greater than 0. */
        POSITIVE_NUMBER,
        /** One of {@link Option#choices}. */
        CHOICE,
        /** A folder that must exist. */
        INPUT_DIR,
        /** A file that must exist. */
        INPUT_FILE,
        /** A folder written to: created if needed, checked writable before any work. */
        OUTPUT_DIR,
        /** A file written to: its folder created if needed and checked writable before any work. */
        OUTPUT_FILE
    }

    final String name;
    final Kind kind;
    final String metavar;
    final String help;
    /** The default as given to the command body (parsed like a given value), or {@code null}. */
    final String defaultValue;
    /** How the default reads in the help when it is not a plain value (e.g. "fastai's ML_SAMPLE"). */
    final String defaultText;
    final int min;
    final List<String> choices;
    final boolean repeatable;
    final boolean required;

    Option(String name, Kind kind, String metavar, String help, String defaultValue, String defaultText, int min,
           List<String> choices, boolean repeatable) {
        this(name, kind, metavar, help, defaultValue, defaultText, min, choices, repeatable, false);
    }

    private Option(String name, Kind kind, String metavar, String help, String defaultValue, String defaultText,
                   int min, List<String> choices, boolean repeatable, boolean required) {
        this.required = required;
        this.name = name;
        this.kind = kind;
        this.metavar = metavar;
        this.help = help;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.min = min;
        this.choices = choices;
        this.repeatable = repeatable;
    }

    /** @return this option, required: a run without it stops before any work */
    Option asRequired() {
        return new Option(name, kind, metavar, help, defaultValue, defaultText, min, choices, repeatable, true);
    }

    /** @return whether the option must be given */
    public boolean required() {
        return required;
    }

    /** @return the option's name, without the leading {@code --} */
    public String name() {
        return name;
    }

    /** @return what the option takes */
    public Kind kind() {
        return kind;
    }

    /** @return whether the option takes a value */
    public boolean takesValue() {
        return kind != Kind.FLAG;
    }

    /** @return the option as it is written in a usage line: {@code --epochs N}, {@code --fresh} */
    public String synopsis() {
        return "--" + name + (takesValue() ? " " + metavar : "");
    }

    /** @return the option's help line text, its default included */
    public String description() {
        String def = defaultText != null ? defaultText : defaultValue;
        return help + (required ? " (required)" : def != null ? " (default: " + def + ")" : "")
                + (repeatable ? "; may be repeated" : "");
    }

    /**
     * Parses and checks a value given on the command line.
     *
     * @param value the text after the option
     * @return the value as the command body reads it (the same text, checked)
     * @throws IllegalArgumentException naming the option, the value and what was expected
     */
    String check(String value) {
        switch (kind) {
            case INTEGER:
                int n;
                try {
                    n = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw bad(value, "a whole number" + (min > Integer.MIN_VALUE ? " >= " + min : ""));
                }
                if (n < min) {
                    throw bad(value, "a whole number >= " + min);
                }
                return Integer.toString(n);
            case POSITIVE_NUMBER:
                double d;
                try {
                    d = Double.parseDouble(value.strip());
                } catch (NumberFormatException e) {
                    throw bad(value, "a finite number > 0");
                }
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw bad(value, "a finite number > 0");
                }
                return value.strip();
            case CHOICE:
                String c = value.strip().toLowerCase(Locale.ROOT);
                if (!choices.contains(c)) {
                    throw bad(value, "one of " + String.join(", ", choices));
                }
                return c;
            case TEXT:
                if (value.isEmpty()) {
                    throw bad(value, "a value");
                }
                return value;
            default: // paths: checked by checkPath once every option is parsed
                if (value.isBlank()) {
                    throw bad(value, "a path");
                }
                return value;
        }
    }

    /**
     * Checks a path option before any work: an input exists and has the right kind; an output's
     * folder can be created and written to (a test file is created there and deleted).
     *
     * @param path the path
     * @throws IllegalArgumentException naming the option, the path and what is wrong
     */
    void checkPath(Path path) {
        switch (kind) {
            case INPUT_DIR:
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": no such folder");
                }
                if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": is a file; expected a folder");
                }
                return;
            case INPUT_FILE:
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": no such file");
                }
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": is a folder; expected a file");
                }
                if (!Files.isReadable(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": cannot be read");
                }
                return;
            case OUTPUT_DIR:
                if (Files.exists(path) && !Files.isDirectory(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": is a file; expected a folder"
                            + " to write into");
                }
                checkWritableFolder(path, path);
                return;
            case OUTPUT_FILE:
                if (Files.isDirectory(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": is a folder; expected a file"
                            + " name to write");
                }
                Path parent = path.toAbsolutePath().getParent();
                checkWritableFolder(path, parent);
                if (Files.exists(path) && !Files.isWritable(path)) {
                    throw new IllegalArgumentException("--" + name + " " + path + ": cannot be written (read-only)");
                }
                return;
            default:
                throw new IllegalStateException("--" + name + " is not a path option");
        }
    }

    private void checkWritableFolder(Path given, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("--" + name + " " + given + ": cannot create the folder " + folder
                    + " (" + reason(e) + ")");
        }
        try {
            Path probe = Files.createTempFile(folder, ".fastdjl-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("--" + name + " " + given + ": cannot write in " + folder
                    + " (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        String what = e.getClass().getSimpleName().replace("Exception", "");
        String msg = e.getMessage();
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
        }
        return msg != null ? what + ": " + msg : what;
    }

    private IllegalArgumentException bad(String value, String expected) {
        return new IllegalArgumentException("--" + name + " must be " + expected + ", got '" + value + "'");
    }
}
