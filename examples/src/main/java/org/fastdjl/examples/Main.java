package org.fastdjl.examples;

import org.fastdjl.core.util.Breakdown;
import org.fastdjl.core.util.NativePreload;
import org.fastdjl.core.util.TablesawInit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ./fastdjl} command: runs a lesson example, a benchmark or a tool by name. With no command
 * it runs every lesson example on the embedded data sets in {@code src-test-data/} (no download).
 *
 * <p>With {@code -Dfastdjl.breakdown=stderr} (or {@code =FILE}) a command ends by printing (or writing
 * as JSON) where its time and memory went: see {@link Breakdown}. The bench commands use it.
 */
public final class Main {

    /** A command: takes its arguments, returns the exit code. */
    @FunctionalInterface
    interface Command {
        int run(List<String> args) throws Exception;
    }

    /**
     * The commands that compute with tensors: only these load libtorch (in the background, from the
     * first line of {@code main}); the others ({@code help}, {@code tokenize}, {@code generate-data},
     * the benchmarks' parent processes) never touch DJL's engine. ({@code lesson4-imdb-data} is a data
     * step, but its {@code show_batch} builds batches as tensors, as fastai's does.)
     */
    static final Set<String> TENSOR_COMMANDS = Set.of("lessons", "lesson4-collab", "lesson4-imdb-data",
            "lesson4-tabular", "collab-spreadsheet", "vision-bridge", "cds-training");

    /** The commands that read Tablesaw tables: Tablesaw starts faster through {@link TablesawInit}. */
    static final Set<String> TABLE_COMMANDS = Set.of("lessons", "lesson4-collab", "lesson4-tabular",
            "collab-spreadsheet", "cds-training");

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    // lambdas, not method references: a method reference loads and links its class when Main starts,
    // and linking the lesson classes needs DJL; a lambda's class is loaded only when the command runs
    static {
        add("lessons", a -> Lessons.run(a), "run every lesson example on the embedded data (the default)");
        add("lesson4-collab", a -> Lesson4Collab.run(a),
                "collab notebook: [--data DIR] [--report FILE] [--epochs N] [--out DIR]");
        add("lesson4-imdb-data", a -> Lesson4ImdbData.run(a),
                "IMDB notebook's data part (TextList, LM and classifier data, save/load): [--data DIR] [--out DIR] [--fresh]");
        add("lesson4-tabular", a -> Lesson4Tabular.run(a),
                "tabular notebook (adult sample): [--data DIR] [--report FILE] [--epochs N] [--out DIR]");
        add("collab-spreadsheet", a -> CollabSpreadsheet.run(a),
                "the lesson's spreadsheet model by gradient descent: [--data DIR] [--steps N] [--lr X]");
        add("bench-collab", a -> Benchmarks.collab(a),
                "seconds per epoch and peak memory of the ML-sample fit, beside PyTorch: [--data DIR]");
        add("tokenize", a -> org.fastdjl.text.transform.TokenizeCommand.run(a.toArray(new String[0]), System.out,
                System.err), "fastai v1's tokenizer: --csv FILE --text-col NAME | --folder DIR [--out FILE]");
        add("bench-tokenize", a -> Benchmarks.tokenize(a),
                "tokenizing 5,000 IMDB reviews (the sample 5 times), whole process and in-process: [--data DIR] [--runs N] [--repeat N]");
        add("vision-bridge", a -> VisionBridgeDemo.run(a),
                "an image folder trained on DJL's own CNN blocks: [--data DIR] [--arch simple_cnn|resnet18] [--epochs N]");
        add("bench-tabular", a -> Benchmarks.tabular(a),
                "seconds per epoch and peak memory of the adult-sample fit, beside PyTorch: [--data DIR] [--runs N]");
        add("generate-data", a -> SyntheticData.run(a), "rewrite the embedded data sets in src-test-data/");
    }

    private Main() {}

    static void add(String name, Command command, String help) {
        COMMANDS.put(name, command);
        HELP.put(name, help);
    }

    /**
     * Runs a command.
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
            } catch (java.io.IOException e) {
                System.err.println("fastdjl: cannot write the breakdown: " + e.getMessage());
            }
        }
        System.exit(rc);
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
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            usage();
            return 0;
        }
        // the launcher's class-data archive training (hidden: not a user command, see CdsTraining)
        Command c = name.equals("cds-training") ? CdsTraining::run : COMMANDS.get(name);
        if (c == null) {
            System.err.println("fastdjl: unknown command '" + name + "'");
            usage();
            return 2;
        }
        try {
            return c.run(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("fastdjl " + name + ": " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("fastdjl " + name + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("fastdjl " + name + " failed:");
            e.printStackTrace();
            return 1;
        }
    }

    private static void usage() {
        System.err.println("usage: ./fastdjl [command] [options]   (no command: run the lessons on embedded data)");
        for (Map.Entry<String, String> e : HELP.entrySet()) {
            System.err.printf("  %-20s %s%n", e.getKey(), e.getValue());
        }
    }
}
