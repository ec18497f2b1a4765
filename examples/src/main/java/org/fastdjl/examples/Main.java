package org.fastdjl.examples;

import org.fastdjl.core.util.NativePreload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ./fastdjl} command: runs a lesson example, a benchmark or a tool by name. With no command
 * it runs every lesson example on the embedded data sets in {@code src-test-data/} (no download).
 */
public final class Main {

    /** A command: takes its arguments, returns the exit code. */
    @FunctionalInterface
    interface Command {
        int run(List<String> args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        add("lessons", Lessons::run, "run every lesson example on the embedded data (the default)");
        add("lesson4-collab", Lesson4Collab::run,
                "collab notebook: [--data DIR] [--report FILE] [--epochs N] [--out DIR]");
        add("lesson4-imdb-data", Lesson4ImdbData::run,
                "IMDB notebook's data part (TextList, LM and classifier data, save/load): [--data DIR] [--out DIR] [--fresh]");
        add("lesson4-imdb", Lesson4Imdb::run,
                "IMDB notebook's language model (fine-tune, generate, save the encoder): [--data DIR] [--size tiny|small|full] [--pretrained DIR] [--epochs N] [--out DIR] [--report FILE]");
        add("pretrain-lm", PretrainLm::run,
                "train a language model on a corpus (wiki.train.tokens/wiki.valid.tokens) into a pretrained folder: --data DIR [--size tiny|small|full] [--epochs N] [--out DIR]");
        add("lesson4-tabular", Lesson4Tabular::run,
                "tabular notebook (adult sample): [--data DIR] [--report FILE] [--epochs N] [--out DIR]");
        add("collab-spreadsheet", CollabSpreadsheet::run,
                "the lesson's spreadsheet model by gradient descent: [--data DIR] [--steps N] [--lr X]");
        add("bench-collab", Benchmarks::collab,
                "seconds per epoch and peak memory of the ML-sample fit, beside PyTorch: [--data DIR]");
        add("tokenize", a -> org.fastdjl.text.transform.TokenizeCommand.run(a.toArray(new String[0]), System.out,
                System.err), "fastai v1's tokenizer: --csv FILE --text-col NAME | --folder DIR [--out FILE]");
        add("bench-tokenize", Benchmarks::tokenize,
                "tokenization throughput on the IMDB sample, start-up included: [--data DIR] [--runs N]");
        add("vision-bridge", VisionBridgeDemo::run,
                "an image folder trained on DJL's own CNN blocks: [--data DIR] [--arch simple_cnn|resnet18] [--epochs N]");
        add("bench-tabular", Benchmarks::tabular,
                "seconds per epoch and peak memory of the adult-sample fit, beside PyTorch: [--data DIR] [--runs N]");
        add("bench-text", Benchmarks::text,
                "the IMDB-sample LM epoch (full AWD-LSTM) beside PyTorch and fastai: [--data DIR] [--runs N] [--threads 1,2] [--profile N]");
        add("bench-text-fit", TextLmBench::run,
                "bench-text's fastdjl side, one process: [--data DIR] [--size S] [--threads N] [--profile N] [--report FILE]");
        add("predict", PredictCommand::run, "batch prediction with an exported learner: --model FILE --input CSV"
                + " [--out CSV] [--bs N] [--text-col NAME] [--image-col NAME]");
        add("bench-predict", PredictBenchmark::run,
                "rows/s and peak memory of `predict` on a generated N-row adult file: [--data DIR] [--rows N] [--xmx SIZE]");
        add("generate-data", SyntheticData::run, "rewrite the embedded data sets in src-test-data/");
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
        NativePreload.start(); // libtorch loads while the command reads its data
        System.exit(run(args));
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
        if (rest.contains("--report")) {
            System.setProperty("fastdjl.progress", "false"); // a run read as data draws no progress bars
        }
        Command c = COMMANDS.get(name);
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
