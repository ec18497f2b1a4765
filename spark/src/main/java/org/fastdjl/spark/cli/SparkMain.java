package org.fastdjl.spark.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fastdjl.spark.util.SparkErrors;

/**
 * The {@code spark-*} commands of {@code ./fastdjl} (which builds this module on their first use) and the
 * main class of the shaded jar for {@code spark-submit}: {@code spark-predict}, {@code spark-tokenize},
 * {@code spark-bench}.
 */
public final class SparkMain {

    /** A command: its arguments, where to print; returns the exit code. */
    @FunctionalInterface
    interface Command {
        int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        COMMANDS.put("spark-predict", SparkPredictCommand::run);
        HELP.put("spark-predict", "batch prediction with an exported learner on Spark: --model FILE --input CSV|PARQUET "
                + "--output DIR [--master URL]");
        COMMANDS.put("spark-tokenize", SparkTokenizeCommand::run);
        HELP.put("spark-tokenize", "fastai's tokenizer, vocab and LM data on Spark: --input CSV|PARQUET --text-col NAME "
                + "--output DIR [--valid-col NAME | --valid-pct X]");
        COMMANDS.put("spark-bench", SparkBench::run);
        HELP.put("spark-bench", "rows/s of one JVM vs Spark local[2] on a generated 1,000,000-row file: [--rows N] "
                + "[--runs N]");
    }

    private SparkMain() {
    }

    /**
     * Runs a command and exits with its code.
     *
     * @param args the command name and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command name and its arguments
     * @param out where results go
     * @param err where messages go
     * @return 0 done; 2 bad usage or bad input (one line); 1 another failure; 3 (spark-predict) done with
     *     rows that could not be predicted
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String name = args.length == 0 ? "help" : args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            usage(err);
            return 0;
        }
        Command c = COMMANDS.get(name);
        if (c == null) {
            err.println("fastdjl: unknown command '" + name + "'");
            usage(err);
            return 2;
        }
        try {
            return c.run(Arrays.asList(args).subList(1, args.length), out, err);
        } catch (Exception e) {
            IllegalArgumentException bad = SparkErrors.badInput(e);
            if (bad != null) {
                err.println("fastdjl " + name + ": " + bad.getMessage());
                return 2;
            }
            if (e instanceof java.io.IOException || isAnalysis(e)) {
                err.println("fastdjl " + name + ": " + firstLine(e.getMessage()));
                return 2;
            }
            err.println("fastdjl " + name + " failed:");
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Spark's own "path does not exist" and "cannot resolve column" errors: bad input, one line. */
    private static boolean isAnalysis(Throwable e) {
        return e.getClass().getName().equals("org.apache.spark.sql.AnalysisException");
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void usage(PrintStream err) {
        err.println("usage: ./fastdjl spark-COMMAND [options]   (COMMAND --help for its options)");
        for (Map.Entry<String, String> e : HELP.entrySet()) {
            err.printf("  %-16s %s%n", e.getKey(), e.getValue());
        }
    }
}
