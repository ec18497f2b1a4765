package org.fastdjl.spark.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import org.fastdjl.spark.SparkInputs;
import org.fastdjl.spark.text.SparkCorpus;
import org.fastdjl.spark.text.TextOptions;
import org.fastdjl.spark.util.SparkErrors;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.transform.Vocab;

/**
 * {@code spark-tokenize}: a corpus tokenized on Spark as fastai's data-block path does it, with the vocab
 * counted with Spark on the training split and the language-model data gathered; the same tokens, vocab
 * and ids as one JVM's {@code TextList}. Writes {@code DIR/tokens/} (one JSON array per line, in row
 * order: the format of {@code ./fastdjl tokenize}), {@code DIR/itos.json} and, with a split,
 * {@code DIR/data_lm.fdjl} ({@code TextDataBunch.loadData} reads it).
 */
final class SparkTokenizeCommand {

    static final String USAGE = String.join("\n",
            "usage: spark-tokenize --input CSV|PARQUET --text-col NAME --output DIR [options]",
            "  --input PATH         a CSV file with a header row (quoted fields may span lines), or Parquet",
            "  --text-col NAME      the text column; repeat it to join several columns",
            "  --output DIR         where tokens/, itos.json and data_lm.fdjl go (any file system Spark writes)",
            "  --valid-col NAME     rows whose flag is True are the validation set (fastai's split_from_df)",
            "  --valid-pct X        a random fraction is the validation set (fastai's split_by_rand_pct) ...",
            "  --seed N             ... with numpy's seed N (default 42)",
            "  --min-freq N         the vocab's minimum count (default 3, fastai's data-block default)",
            "  --max-vocab N        the vocab's maximum size (default 60000)",
            "  --mark-fields        put 'xxfld n' before the text of column n",
            "  --drop-empty         leave out documents with no text (default: they are an error naming their rows)",
            "  --master URL         Spark master (default: local[*], or what spark-submit sets)",
            "  --input-format F     csv or parquet, when the input's name does not tell",
            "Without --valid-col or --valid-pct, the vocab is counted on every document and no data_lm.fdjl is",
            "written (language-model data needs a validation split).",
            "Exit codes: 0 done, 2 bad usage or bad input (naming the row and column), 1 other failure.");

    private SparkTokenizeCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws IOException {
        CliArgs a = CliArgs.parse(argv, Set.of("input", "text-col", "output", "valid-col", "valid-pct", "seed",
                "min-freq", "max-vocab", "master", "input-format"), Set.of("mark-fields", "drop-empty", "help"));
        if (a.has("help")) {
            out.println(USAGE);
            return 0;
        }
        String input = a.require("input", "the documents");
        List<String> cols = a.all("text-col");
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("--text-col is required (the column holding the text)");
        }
        String output = a.require("output", "the folder to write");
        TextOptions o = TextOptions.of(cols.toArray(new String[0])).optMarkFields(a.has("mark-fields"))
                .optDropEmpty(a.has("drop-empty")).optMinFreq(a.getInt("min-freq", Vocab.MIN_FREQ_DATA_BLOCK))
                .optMaxVocab(a.getInt("max-vocab", Vocab.DEFAULT_MAX_VOCAB)).optOrigin(origin(input));
        if (a.get("valid-col") != null && a.get("valid-pct") != null) {
            throw new IllegalArgumentException("give --valid-col or --valid-pct, not both");
        }
        if (a.get("valid-col") != null) {
            o.optValidCol(a.get("valid-col"));
        } else if (a.get("valid-pct") != null) {
            o.optValidPct(a.getDouble("valid-pct", 0), a.getInt("seed", 42));
        }
        long t0 = System.nanoTime();
        SparkSession spark = Sessions.start("fastdjl spark-tokenize", a.get("master"));
        double startup = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        String format = a.get("input-format") != null ? a.get("input-format") : SparkInputs.guessFormat(input);
        Dataset<Row> texts = SparkInputs.read(spark, input, format, true);
        Path local = Files.createTempDirectory("fastdjl-spark-tokenize");
        String tmp = Sessions.temporary(output);
        List<String> written = new ArrayList<>();
        try (SparkCorpus corpus = SparkCorpus.prepare(texts, o)) {
            corpus.writeTokens(tmp + "/tokens");
            written.add("tokens/");
            Vocab vocab = corpus.vocab();
            vocab.save(local.resolve("itos.json"));
            Sessions.put(spark, local.resolve("itos.json"), tmp);
            written.add("itos.json");
            long tokens = SparkErrors.run(() -> corpus.tokens().filter(not(col("empty")))
                    .agg(sum(size(col(o.tokensCol())))).first().getLong(0));
            String lm = "";
            if (o.validCol() != null || o.validPct() > 0) {
                TextData data = corpus.languageModelData();
                data.save(local.resolve("data_lm.fdjl"));
                Sessions.put(spark, local.resolve("data_lm.fdjl"), tmp);
                written.add("data_lm.fdjl");
                lm = String.format(Locale.ROOT, " (train %,d, valid %,d)", data.train().size(), data.valid().size());
            }
            Sessions.replace(spark, tmp, output);
            double secs = (System.nanoTime() - t1) / 1e9;
            err.printf(Locale.ROOT, "spark-tokenize: %,d documents%s, %,d tokens, vocab %,d%s in %.1f s (Spark "
                    + "start-up %.1f s) -> %s: %s%n", corpus.rows() - corpus.emptyDocuments(), lm, tokens, vocab.size(),
                    corpus.emptyDocuments() > 0 ? ", " + corpus.emptyDocuments() + " empty left out" : "", secs, startup,
                    output, String.join(", ", written));
        } catch (RuntimeException | IOException e) {
            Sessions.discard(spark, tmp);
            throw e;
        } finally {
            try (var files = Files.list(local)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(local);
        }
        return 0;
    }

    /** What TextList records for a CSV file: its path, size and modification time (else the path as given). */
    private static String origin(String input) {
        Path p = Path.of(input);
        try {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize() + ", " + Files.size(p) + " bytes, modified "
                        + Files.getLastModifiedTime(p);
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return input;
    }
}
