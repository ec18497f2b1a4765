package org.fastdjl.spark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import org.fastdjl.spark.SparkInputs;
import org.fastdjl.spark.predict.PredictOptions;
import org.fastdjl.spark.predict.SparkPrediction;
import org.fastdjl.spark.predict.SparkPredictor;
import org.fastdjl.spark.util.SparkErrors;

/**
 * {@code spark-predict}: batch prediction of a CSV or Parquet input with an exported learner on Spark
 * (local by default, a cluster with {@code --master} or {@code spark-submit}); the output folder holds
 * the input's columns, {@code prediction}, one {@code p_<class>} per class and {@code error}.
 *
 * <p>Exit codes: 0 every row predicted; 3 done, but some rows could not be predicted (they are in the
 * output with empty predictions and the reason in {@code error}; the first are printed); 2 bad usage or
 * bad input (with {@code --fail-fast}: the first bad row), nothing written; 1 another failure.
 */
final class SparkPredictCommand {

    static final String USAGE = String.join("\n",
            "usage: spark-predict --model FILE --input CSV|PARQUET --output DIR [options]",
            "  --model FILE         an exported learner (learn.export(), ./fastdjl lesson4-tabular writes one)",
            "  --input PATH         a CSV file with a header row (or a folder of them), or Parquet",
            "  --output DIR         the predictions, as Spark part files (replaced when it exists)",
            "  --master URL         Spark master (default: local[*], or what spark-submit sets)",
            "  --format csv|parquet the output's format (default: the input's)",
            "  --input-format F     csv or parquet, when the input's name does not tell",
            "  --multiline          quoted CSV fields may span lines (each file then read by one task)",
            "  --bs N               rows per forward pass (default 1024)",
            "  --keep COL,COL       input columns to keep in the output (default: all)",
            "  --text-col NAME      the text column, for a text learner",
            "  --fail-fast          stop at the first row the model cannot read (default: keep it, with the reason)",
            "Exit codes: 0 done, 3 done with rows that could not be predicted (kept, reason in column 'error'),",
            "2 bad usage or bad input, 1 other failure.");

    /** Exit code: done, with rows that could not be predicted. */
    static final int BAD_ROWS = 3;

    private SparkPredictCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws IOException {
        CliArgs a = CliArgs.parse(argv, Set.of("model", "input", "output", "master", "format", "input-format", "bs",
                "keep", "text-col"), Set.of("multiline", "fail-fast", "help"));
        if (a.has("help")) {
            out.println(USAGE);
            return 0;
        }
        String model = a.require("model", "the exported learner");
        String input = a.require("input", "the rows to predict");
        String output = a.require("output", "the folder to write");
        PredictOptions o = new PredictOptions().optBs(a.getInt("bs", 1024)).optFailFast(a.has("fail-fast"));
        if (a.get("keep") != null) {
            o.optKeepColumns(a.get("keep").split(","));
        }
        if (a.get("text-col") != null) {
            o.optTextColumn(a.get("text-col"));
        }
        String inFormat = a.get("input-format") != null ? a.get("input-format") : SparkInputs.guessFormat(input);
        String outFormat = a.get("format", inFormat).toLowerCase(Locale.ROOT);
        if (!outFormat.equals("csv") && !outFormat.equals("parquet")) {
            throw new IllegalArgumentException("--format must be csv or parquet, got '" + outFormat + "'");
        }
        if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(model))) {
            throw new IllegalArgumentException("--model " + model + ": no such file (an exported learner: learn.export(),"
                    + " or ./fastdjl lesson4-tabular writes out/lesson4-tabular/export.fdjl)");
        }
        long t0 = System.nanoTime();
        SparkSession spark = Sessions.start("fastdjl spark-predict", a.get("master"));
        double startup = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Dataset<Row> rows = SparkInputs.read(spark, input, inFormat, a.has("multiline"));
        SparkPrediction p = SparkPredictor.run(rows, model, o);
        String tmp = Sessions.temporary(output);
        try {
            DataFrameWriter<Row> writer = outFormat.equals("csv") ? Sessions.csv(p.dataset().write())
                    : p.dataset().write().format(outFormat);
            SparkErrors.run(() -> {
                writer.save(tmp);
                return null;
            });
            Sessions.replace(spark, tmp, output);
        } catch (RuntimeException | IOException e) {
            Sessions.discard(spark, tmp);
            throw e;
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        err.printf(Locale.ROOT, "spark-predict: %,d rows in %.1f s (%,.0f rows/s; Spark start-up %.1f s) -> %s (%s); "
                + "model loads per executor: %s%n", p.rows(), secs, p.rows() / secs, startup, output, outFormat,
                p.modelLoads());
        if (p.badRows() > 0) {
            err.printf(Locale.ROOT, "spark-predict: %,d row%s could not be predicted; kept with empty predictions and "
                    + "the reason in column '%s'. The first:%n", p.badRows(), p.badRows() == 1 ? "" : "s",
                    o.errorColumn());
            for (String m : p.firstBadRows(5)) {
                err.println("  " + m);
            }
            return BAD_ROWS;
        }
        return 0;
    }
}
