package org.fastdjl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.fastdjl.spark.text.SparkCorpus;
import org.fastdjl.spark.text.TextOptions;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.transform.CsvTexts;
import org.fastdjl.text.transform.TokenJson;
import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Tokenizer;
import org.fastdjl.text.transform.Vocab;

/** Tokens, vocab and language-model data made on a real local[2] Spark equal one JVM's, on the IMDB sample. */
class SparkTextTest {

    /** The sample split by the file system into several partitions, in file order (no field spans lines). */
    private static Dataset<Row> partitioned(SparkSession spark, Path csv) {
        String key = "spark.sql.files.maxPartitionBytes";
        String before = spark.conf().get(key);
        spark.conf().set(key, "300000");
        try {
            Dataset<Row> texts = spark.read().option("header", true).option("escape", "\"").csv(csv.toString());
            texts.rdd().getNumPartitions(); // the splits are planned now, with the small size
            return texts;
        } finally {
            spark.conf().set(key, before);
        }
    }

    @Test
    void tokensAndVocabEqualOneJvmTokenizerOnImdbSample() throws Exception {
        Path csv = LocalSpark.imdbSample().resolve("texts.csv");
        SparkSession spark = LocalSpark.get();
        Dataset<Row> texts = partitioned(spark, csv);
        assertTrue(texts.rdd().getNumPartitions() >= 4, "the test needs several partitions, got "
                + texts.rdd().getNumPartitions());

        List<List<String>> expected = new TokenizeProcessor(new Tokenizer()).processTexts(CsvTexts.readColumn(csv, "text"));
        Dataset<Row> tokens = FastdjlSpark.tokenize(texts, "text");
        List<List<String>> got = new ArrayList<>();
        for (Row r : tokens.select("tokens").collectAsList()) {
            got.add(r.getList(0));
        }
        assertEquals(1000, expected.size());
        assertEquals(expected, got);

        // fastai's two min_freq defaults, and a cut through a run of equal counts (ties by first appearance)
        for (int[] maxMin : new int[][] {{60000, 3}, {60000, 2}, {501, 1}}) {
            Vocab one = Vocab.create(expected, maxMin[0], maxMin[1]);
            Vocab spread = FastdjlSpark.vocab(tokens, "tokens", maxMin[0], maxMin[1]);
            assertEquals(one.itos(), spread.itos(), "maxVocab " + maxMin[0] + ", minFreq " + maxMin[1]);
        }
    }

    @Test
    void languageModelDataEqualsTextListsAndLoads(@TempDir Path tmp) throws Exception {
        Path dir = LocalSpark.imdbSample();
        Path csv = dir.resolve("texts.csv");
        SparkSession spark = LocalSpark.get();
        // one partition (multi-line CSV), spread over the cores for tokenization and put back in order
        Dataset<Row> texts = spark.read().option("header", true).option("multiLine", true).option("escape", "\"")
                .csv(csv.toString());

        TextData one = TextList.fromCsv(dir, "texts.csv", "text").splitFromCol("is_valid").labelForLm().process();
        TextData spread;
        try (SparkCorpus corpus = SparkCorpus.prepare(texts, TextOptions.of("text").optValidCol("is_valid"))) {
            spread = corpus.languageModelData();
            corpus.writeTokens(tmp.resolve("tokens").toString());
        }
        assertEquals(one.vocab(), spread.vocab());
        assertEquals(one.train(), spread.train());   // ids, offsets and source rows
        assertEquals(one.valid(), spread.valid());

        Path file = tmp.resolve("data_lm.fdjl");
        spread.save(file);
        TextDataBunch loaded = TextDataBunch.loadData(file);
        assertEquals(one.vocab(), loaded.vocab());

        // the token files, read in name order, are ./fastdjl tokenize's output for the same rows
        List<String> lines;
        try (Stream<Path> parts = Files.list(tmp.resolve("tokens"))) {
            lines = new ArrayList<>();
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
                    .collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        List<String> expected = new ArrayList<>();
        for (List<String> doc : new TokenizeProcessor(new Tokenizer()).processTexts(CsvTexts.readColumn(csv, "text"))) {
            expected.add(TokenJson.toJson(doc));
        }
        assertEquals(expected, lines);
    }

    @Test
    void randomSplitIsFastaisPermutation() throws Exception {
        Path dir = LocalSpark.imdbSample();
        SparkSession spark = LocalSpark.get();
        Dataset<Row> texts = partitioned(spark, dir.resolve("texts.csv"));
        TextData one = TextList.fromCsv(dir, "texts.csv", "text").splitByRandPct(0.1, 42).labelForLm().process();
        TextData spread = FastdjlSpark.languageModelData(texts, TextOptions.of("text").optValidPct(0.1, 42));
        assertEquals(one.vocab(), spread.vocab());
        assertEquals(one.train(), spread.train());
        assertEquals(one.valid(), spread.valid()); // in the permutation's order, as fastai's split_by_idx
    }

    @Test
    void badSplitFlagAndEmptyDocumentsNameTheirRows() {
        SparkSession spark = LocalSpark.get();
        StructType schema = new StructType().add("text", DataTypes.StringType).add("is_valid", DataTypes.StringType);
        Dataset<Row> texts = spark.createDataFrame(List.of(
                RowFactory.create("A fine film.", "False"),
                RowFactory.create("Dull.", "True"),
                RowFactory.create("   ", "False"),
                RowFactory.create("Long and slow.", "maybe")), schema).repartition(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkCorpus.prepare(texts, TextOptions.of("text").optValidCol("is_valid")).close());
        assertEquals("row 4: split column 'is_valid' is 'maybe'; expected True or False (or 1 or 0)", e.getMessage());

        Dataset<Row> fine = texts.limit(3);
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkCorpus.prepare(fine, TextOptions.of("text").optValidCol("is_valid")).close());
        assertTrue(e.getMessage().startsWith("1 document is empty (no text in [text]): row 3;"), e.getMessage());

        try (SparkCorpus c = SparkCorpus.prepare(fine, TextOptions.of("text").optValidCol("is_valid").optDropEmpty(true)
                .optMinFreq(1))) {
            TextData d = c.languageModelData();
            assertEquals(1, d.droppedEmpty());
            assertEquals(1, d.train().size());
            assertEquals(0, d.train().sourceItems()[0]);
            assertEquals(1, d.valid().sourceItems()[0]);
        }
    }

    @Test
    void absentColumnIsNamed() {
        Dataset<Row> texts = LocalSpark.get().createDataFrame(List.of(RowFactory.create("x")),
                new StructType().add("review", DataTypes.StringType));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FastdjlSpark.tokenize(texts, "text"));
        assertEquals("the input has no text column 'text'; its columns are [review]", e.getMessage());
    }

}
