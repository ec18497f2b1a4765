package org.fastdjl.examples;

import org.fastdjl.core.util.Breakdown;
import org.fastdjl.core.util.NativePreload;
import org.fastdjl.core.util.TablesawInit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ./fastdjl} command: runs a lesson example, a benchmark or a tool by name. With no command
 * it runs every lesson example on the embedded data sets in {@code src-test-data/} (no download).
 *
 * <p>Every command is a {@link Command} declared next to its code and listed in {@link #COMMANDS}; its
 * {@code --help}, the checking of its options and its row in the README come from that declaration.
 * Help goes to standard output with exit code 0. Bad input (an unknown option, a bad value, a path
 * that cannot be read or written, a malformed data file) prints one line on standard error and exits
 * with 2; anything else that goes wrong exits with 1.
 *
 * <p>With {@code -Dfastdjl.breakdown=stderr} (or {@code =FILE}) a command ends by printing (or writing
 * as JSON) where its time and memory went: see {@link Breakdown}. The bench commands use it.
 */
public final class Main {

    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: the command failed for another reason than its input. */
    public static final int FAILED = 1;
    /** Exit code: bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    /**
     * Every command, in the order {@code help} and the README list them. Each one is read through a
     * lambda when it is looked at: a command's class is loaded only then, so running {@code tokenize}
     * never loads the lesson classes, whose linking needs DJL (a test runs it without DJL's jars).
     */
    static final List<Command> COMMANDS = new LazyCommands()
            .add("lessons", () -> Lessons.COMMAND)
            .add("lesson4-collab", () -> Lesson4Collab.COMMAND)
            .add("lesson4-imdb-data", () -> Lesson4ImdbData.COMMAND)
            .add("lesson4-imdb", () -> Lesson4Imdb.COMMAND)
            .add("pretrain-lm", () -> PretrainLm.COMMAND)
            .add("lesson4-tabular", () -> Lesson4Tabular.COMMAND)
            .add("collab-spreadsheet", () -> CollabSpreadsheet.COMMAND)
            .add("bench-collab", () -> Benchmarks.COLLAB)
            .add("bench-tabular", () -> Benchmarks.TABULAR)
            .add("bench-tokenize", () -> Benchmarks.TOKENIZE)
            .add("bench-text", () -> Benchmarks.TEXT)
            .add("bench-text-fit", () -> TextLmBench.COMMAND)
            .add("tokenize", () -> Tokenize.COMMAND)
            .add("vision-bridge", () -> VisionBridgeDemo.COMMAND)
            .add("predict", () -> PredictCommand.COMMAND)
            .add("bench-predict", () -> PredictBenchmark.COMMAND)
            .add("generate-data", () -> SyntheticData.COMMAND);

    /**
     * The commands that compute with tensors: only these load libtorch (in the background, from the
     * first line of {@code main}); the others ({@code help}, {@code tokenize}, {@code generate-data},
     * the benchmarks' parent processes) never touch DJL's engine. ({@code lesson4-imdb-data} is a data
     * step, but its {@code show_batch} builds batches as tensors, as fastai's does.)
     */
    static final Set<String> TENSOR_COMMANDS = Set.of("lessons", "lesson4-collab", "lesson4-imdb-data",
            "lesson4-imdb", "pretrain-lm", "bench-text-fit", "lesson4-tabular", "collab-spreadsheet", "vision-bridge",
            "predict", "cds-training");

    /** The commands that read Tablesaw tables: Tablesaw starts faster through {@link TablesawInit}. */
    static final Set<String> TABLE_COMMANDS = Set.of("lessons", "lesson4-collab", "lesson4-tabular",
            "collab-spreadsheet", "predict", "cds-training");

    private Main() {}

    /**
     * Runs a command and exits with its code.
     *
     * @param args the command name and its arguments
     */
    public static void main(String[] args) {
        String breakdown = System.getProperty("fastdjl.breakdown");
        if (breakdown != null && !breakdown.isBlank()) {
            Breakdown.start(); // the timeline starts here
        }
        String command = args.length == 0 ? "lessons" : args[0];
        if (TABLE_COMMANDS.contains(command)) {
            // before the preload: while libtorch loads (about a second), any thread that loads a native
            // library or links a native method waits for it, and Tablesaw's start-up scan does
            TablesawInit.initialize();
            Breakdown.lap("Tablesaw start-up (Table class)");
        }
        if (TENSOR_COMMANDS.contains(command)) {
            NativePreload.start(); // libtorch loads while the command reads its data
        }
        int rc = run(args);
        if (breakdown != null && !breakdown.isBlank()) {
            try {
                Breakdown.finish(breakdown, "rest of the command");
            } catch (IOException e) {
                System.err.println("fastdjl: cannot write the breakdown: " + e.getMessage());
            }
        }
        System.exit(rc);
    }

    /**
     * The command of a name.
     *
     * @param name the name
     * @return the command, if there is one
     */
    static Optional<Command> command(String name) {
        return ((LazyCommands) COMMANDS).byName(name);
    }

    /** The command list, each command got from its class only when that element is read. */
    private static final class LazyCommands extends java.util.AbstractList<Command> {
        private final List<String> names = new java.util.ArrayList<>();
        private final List<java.util.function.Supplier<Command>> commands = new java.util.ArrayList<>();

        /** Lists a command; {@link #get} checks that its name is the one given here. */
        LazyCommands add(String name, java.util.function.Supplier<Command> command) {
            names.add(name);
            commands.add(command);
            return this;
        }

        @Override
        public Command get(int index) {
            Command c = commands.get(index).get();
            if (!c.name().equals(names.get(index))) {
                throw new IllegalStateException("command '" + c.name() + "' listed as '" + names.get(index) + "'");
            }
            return c;
        }

        @Override
        public int size() {
            return names.size();
        }

        Optional<Command> byName(String name) {
            int i = names.indexOf(name);
            return i < 0 ? Optional.empty() : Optional.of(get(i));
        }
    }

    /**
     * Runs a command and returns its exit code.
     *
     * @param args the command name and its arguments
     * @return 0 on success, 2 on bad input, 1 on other failures
     */
    public static int run(String[] args) {
        String name = args.length == 0 ? "lessons" : args[0];
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        PrintStream out = System.out;
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            return help(rest, out);
        }
        if (name.equals("cds-training")) { // the launcher's class-data archive training (hidden, see CdsTraining)
            try {
                return CdsTraining.run(rest);
            } catch (Exception e) {
                return report(name, e);
            }
        }
        Optional<Command> c = command(name);
        if (c.isEmpty() && name.startsWith("spark-")) {
            System.err.println("fastdjl: " + name + " is a command of the spark module: run it as ./fastdjl " + name
                    + " (the launcher builds the module on first use)");
            return BAD_INPUT;
        }
        if (c.isEmpty()) {
            System.err.println("fastdjl: unknown command '" + name + "'; './fastdjl help' lists the commands");
            return BAD_INPUT;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(c.get().help());
            return OK;
        }
        if (rest.contains("--report")) {
            System.setProperty("fastdjl.progress", "false"); // a run read as data draws no progress bars
        }
        try {
            return c.get().run(rest);
        } catch (Exception e) {
            return report(name, e);
        }
    }

    private static int help(List<String> rest, PrintStream out) {
        if (rest.isEmpty()) {
            out.print(overview());
            return OK;
        }
        if (rest.equals(List.of("--markdown"))) {
            out.print(markdown());
            return OK;
        }
        Optional<Command> c = command(rest.get(0));
        if (c.isEmpty() || rest.size() > 1) {
            System.err.println("fastdjl help: unknown command '" + String.join(" ", rest)
                    + "'; './fastdjl help' lists the commands");
            return BAD_INPUT;
        }
        out.print(c.get().help());
        return OK;
    }

    /**
     * Turns a failure into one line on standard error and an exit code.
     *
     * @param name the command
     * @param e what it threw
     * @return 2 for bad input, 1 otherwise
     */
    static int report(String name, Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof IllegalArgumentException || t instanceof IOException) {
            System.err.println("fastdjl " + name + ": " + message(t));
            return BAD_INPUT;
        }
        if (t instanceof IllegalStateException) {
            System.err.println("fastdjl " + name + " failed: " + message(t));
            return FAILED;
        }
        System.err.println("fastdjl " + name + " failed:");
        t.printStackTrace();
        return FAILED;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file" + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
        }
        if (t instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (m == null || m.isBlank()) {
            StackTraceElement where = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
            return t.getClass().getSimpleName() + (where != null ? " at " + where : "");
        }
        return m.replace('\n', ' ');
    }

    /** @return the text of {@code ./fastdjl help} */
    static String overview() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ./fastdjl [command] [options]   (no command: run the lessons on the embedded data)\n\n");
        sb.append("Commands:\n");
        int width = COMMANDS.stream().mapToInt(c -> c.name().length()).max().orElse(10);
        for (Command c : COMMANDS) {
            sb.append(String.format(java.util.Locale.ROOT, "  %-" + width + "s  %s%n", c.name(), c.summary()));
        }
        sb.append(String.format(java.util.Locale.ROOT, "  %-" + width + "s  %s%n", "help", "this list; "
                + "'./fastdjl help COMMAND' or './fastdjl COMMAND --help' for a command's options"));
        sb.append(String.format(java.util.Locale.ROOT, "  %-" + width + "s  %s%n", "spark-*", "spark-predict, "
                + "spark-tokenize, spark-bench: on Apache Spark (the spark module, built on first use; --help each)"));
        sb.append("\nExit codes: 0 done, 1 failed, 2 bad usage or bad input.\n");
        return sb.toString();
    }

    /**
     * The README's table of commands, as {@code ./fastdjl help --markdown} prints it: one row per
     * command with its usage line and summary.
     *
     * @return the Markdown table
     */
    static String markdown() {
        StringBuilder sb = new StringBuilder("| command | what it does |\n|---|---|\n");
        for (Command c : COMMANDS) {
            sb.append("| `").append(cell(c.usage())).append("` | ").append(cell(c.summary())).append(" |\n");
        }
        sb.append("| `./fastdjl help [COMMAND]`, `./fastdjl COMMAND --help` | the commands, or one command's options "
                + "with their defaults |\n");
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
