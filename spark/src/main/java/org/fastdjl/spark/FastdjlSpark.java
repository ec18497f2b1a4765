package org.fastdjl.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import org.fastdjl.spark.predict.PredictOptions;
import org.fastdjl.spark.predict.SparkPredictor;
import org.fastdjl.spark.text.SparkCorpus;
import org.fastdjl.spark.text.SparkTokens;
import org.fastdjl.spark.text.TextOptions;
import org.fastdjl.spark.util.SparkErrors;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.transform.Vocab;

/**
 * fastdjl on Apache Spark: the two jobs that outgrow one machine first. Batch prediction of a large table
 * with an exported learner, each executor loading the learner once and predicting in batches with the
 * same code as {@code predict(Table)}; and corpus preparation, fastai's tokenizer on the executors and the
 * vocab counted with Spark, giving the same tokens, vocab and ids as one JVM.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[*]").getOrCreate();
 * Dataset<Row> texts = spark.read().option("header", true).option("multiLine", true)
 *         .option("escape", "\"").csv("texts.csv");
 * Dataset<Row> tokens = FastdjlSpark.tokenize(texts, "text");          // + tokens: array<string>
 * Vocab vocab = FastdjlSpark.vocab(tokens, "tokens", 60000, 3);
 * TextData dataLm = FastdjlSpark.languageModelData(texts, TextOptions.of("text").optValidCol("is_valid"));
 * dataLm.save(Path.of("data_lm.fdjl"));                                  // TextDataBunch.loadData reads it
 *
 * Dataset<Row> rows = spark.read().parquet("customers.parquet");
 * Dataset<Row> scored = FastdjlSpark.predict(rows, "models/export.fdjl",
 *         new PredictOptions().optKeepColumns("id"));     // id, prediction, p_<class>..., error
 * scored.write().parquet("scored.parquet");
 * }</pre>
 */
public final class FastdjlSpark {

    private FastdjlSpark() {
    }

    /**
     * Predicts every row with an exported learner ({@code learn.export()}): the input's columns, then
     * {@code prediction} (the class, or the value for a regression or collab model), one {@code p_<class>}
     * probability per class for a classifier, and {@code error} (null, or why the row could not be
     * predicted: such rows are kept, never dropped). Each executor loads the learner once and predicts in
     * batches of 1024 rows with the code of {@code predict(Table)}; the values equal one JVM's.
     *
     * @param input the rows; the columns the model reads, by name (any type: values are read as the
     *     fields of a CSV file would be)
     * @param exportedLearnerPath the export, a file on the driver (Spark copies it to the executors)
     * @return the predictions, lazily: nothing runs until an action
     * @throws IllegalArgumentException when the file is not an export, or the input lacks columns the
     *     model reads (naming them all)
     */
    public static Dataset<Row> predict(Dataset<Row> input, String exportedLearnerPath) {
        return predict(input, exportedLearnerPath, new PredictOptions());
    }

    /**
     * Predicts every row with an exported learner, with options: batch size, the columns to keep, the
     * output columns' names, the text column of a text learner, failing on the first bad row.
     *
     * @param input the rows
     * @param exportedLearnerPath the export, a file on the driver
     * @param options the options
     * @return the predictions, lazily
     * @see SparkPredictor#run for the counts of bad rows and model loads after an action
     */
    public static Dataset<Row> predict(Dataset<Row> input, String exportedLearnerPath, PredictOptions options) {
        return SparkPredictor.run(input, exportedLearnerPath, options).dataset();
    }

    /**
     * Adds a {@code tokens} column: fastai's tokenizer over one text column, {@code xxbos} first (the
     * output of {@code ./fastdjl tokenize}). The partitions and the row order stay as they are.
     *
     * @param texts the documents
     * @param textCol the column holding the text
     * @return the input's columns, then {@code tokens} ({@code array<string>})
     * @throws IllegalArgumentException when the column is absent (naming the columns there are)
     */
    public static Dataset<Row> tokenize(Dataset<Row> texts, String textCol) {
        return SparkTokens.tokenize(texts, TextOptions.of(textCol));
    }

    /**
     * Adds a column of tokens with fastai's settings as given (several text columns, field marks, no
     * {@code xxbos}, another column name).
     *
     * @param texts the documents
     * @param options the text columns and tokenization settings
     * @return the input's columns, then the tokens column
     */
    public static Dataset<Row> tokenize(Dataset<Row> texts, TextOptions options) {
        return SparkTokens.tokenize(texts, options);
    }

    /**
     * fastai's {@code Vocab.create} counted with Spark: the {@code maxVocab} most frequent tokens seen at
     * least {@code minFreq} times, ties in order of first appearance in the data set's order, the special
     * tokens first, padded to a multiple of 8.
     *
     * @param docs the documents, in order (as {@link #tokenize} leaves them)
     * @param tokensCol their tokens
     * @param maxVocab the most tokens to keep (fastai: 60000)
     * @param minFreq the fewest occurrences (fastai: 3 on the data-block path, 2 in {@code from_csv})
     * @return the vocab, equal to {@code Vocab.create} of the same documents in one JVM
     */
    public static Vocab vocab(Dataset<Row> docs, String tokensCol, int maxVocab, int minFreq) {
        return SparkErrors.run(() -> SparkTokens.vocab(docs, tokensCol, maxVocab, minFreq));
    }

    /**
     * Replaces a tokens column by ids in a vocab (0, {@code xxunk}, for unknown tokens).
     *
     * @param docs the documents
     * @param tokensCol their tokens
     * @param vocab the vocab
     * @param idsCol the name of the ids column ({@code array<int>})
     * @return the input with the tokens replaced by their ids
     */
    public static Dataset<Row> numericalize(Dataset<Row> docs, String tokensCol, Vocab vocab, String idsCol) {
        return SparkTokens.numericalize(docs, tokensCol, vocab, idsCol);
    }

    /**
     * The language-model data of a corpus, as {@code TextList...split...().labelForLm().process()} makes
     * it in one JVM: tokenized on the executors, the vocab counted on the training split, the ids gathered
     * on the driver. Save it with {@link TextData#save}; {@code TextDataBunch.loadData} reads it.
     *
     * @param texts the documents, one per row
     * @param options the text columns, the split ({@link TextOptions#optValidCol} or
     *     {@link TextOptions#optValidPct}) and the vocab settings
     * @return the data
     * @throws IllegalArgumentException for an absent column, an unreadable split flag or empty documents
     *     (naming the rows)
     */
    public static TextData languageModelData(Dataset<Row> texts, TextOptions options) {
        try (SparkCorpus corpus = SparkCorpus.prepare(texts, options)) {
            return corpus.languageModelData();
        }
    }
}
