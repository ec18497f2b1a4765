package org.fastdjl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fastdjl.core.TestData;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.spark.predict.PredictOptions;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.learner.Text;
import org.fastdjl.text.learner.TextClassifierLearner;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An exported text classifier on Spark: the same predictions as the single-JVM learner, review by review. */
class SparkTextPredictTest {

    private static final String[] POS = {"great", "loved", "wonderful", "superb"};
    private static final String[] NEG = {"awful", "boring", "hated", "dull"};
    private static final String[] FILL = {"the", "movie", "film", "plot", "was", "and", "a", "story", "cast", "music"};

    private static Path dir;
    private static Path export;
    private static List<String> reviews;

    /** Reviews of 2 to 30 words with one word of their sentiment, labelled; every fifth one validation. */
    private static Path csv(Path file, int n, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("label,text,is_valid\n");
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            int len = 2 + r.nextInt(29);
            int at = r.nextInt(len);
            StringBuilder t = new StringBuilder();
            for (int k = 0; k < len; k++) {
                t.append(k == at ? (pos ? POS : NEG)[r.nextInt(4)] : FILL[r.nextInt(FILL.length)]).append(' ');
            }
            sb.append(pos ? "pos" : "neg").append(",\"").append(t.toString().trim()).append(".\",")
                    .append(i % 5 == 4 ? "True" : "False").append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @BeforeAll
    static void trainAndExport() throws IOException {
        dir = TestData.tempDir();
        csv(dir.resolve("texts.csv"), 100, 5);
        TextData d = TextList.fromCsv(dir, "texts.csv", "text").optMinFreq(1).splitFromCol(2).labelFromCol(0)
                .process();
        TextClasDataBunch data = TextClasDataBunch.builder(d).optBs(16).optSeed(3).build();
        Engine.getInstance().setRandomSeed(4);
        AwdLstmConfig tiny = AwdLstmConfig.classifier().toBuilder().optEmbSz(16).optNHid(24).optNLayers(2).build();
        try (TextClassifierLearner learn = Text.classifierLearner(data, tiny).optSilent(true).optPath(dir).build()) {
            learn.unfreeze();
            learn.fit(1, 1e-2);
            export = learn.export(dir.resolve("text.fdjl"));
        }
        Path newReviews = csv(dir.resolve("new.csv"), 60, 77);
        reviews = new ArrayList<>();
        for (String line : Files.readAllLines(newReviews).subList(1, 61)) {
            reviews.add(line.substring(line.indexOf(",\"") + 2, line.lastIndexOf("\",")));
        }
    }

    @Test
    void textPredictionsEqualTheLearnersOneByOne() throws IOException {
        SparkSession spark = LocalSpark.get();
        List<ClassPrediction> expected = new ArrayList<>();
        List<String> classes;
        try (TextClassifierLearner one = Learners.load(export, TextClassifierLearner.class)) {
            for (String review : reviews) {
                expected.add(one.predict(review));
            }
            classes = List.of("neg", "pos");
        }
        Dataset<Row> rows = SparkInputs.csv(spark, dir.resolve("new.csv").toString(), false).repartition(3);
        // bs 1: each review alone, as predict(String) runs it (in larger batches the shorter reviews are padded
        // at the start, as fastai does, which moves their probabilities in the last bits)
        List<Row> got = FastdjlSpark.predict(rows, export.toString(), new PredictOptions().optBs(1)
                .optTextColumn("text").optKeepColumns("text")).collectAsList();
        assertEquals(reviews.size(), got.size());
        int seen = 0;
        for (Row r : got) {
            int i = reviews.indexOf(r.getString(0));
            ClassPrediction e = expected.get(i);
            assertEquals(e.label(), r.getString(1), "review " + (i + 1));
            for (int c = 0; c < classes.size(); c++) {
                assertEquals(Float.floatToRawIntBits(e.probs()[c]), Float.floatToRawIntBits(r.getFloat(2 + c)),
                        "review " + (i + 1) + ", p_" + classes.get(c) + ": " + e.probs()[c] + " vs " + r.getFloat(2 + c));
            }
            assertNull(r.get(4));
            seen++;
        }
        assertEquals(60, seen);
    }
}
