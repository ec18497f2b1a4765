package org.fastdjl.tabular.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/**
 * Lesson 4's tabular fit on the real adult sample: {@code fit(1, 1e-2)} must reach the notebook's
 * accuracy on rows 800-999 (fastai v1: 0.82). Skipped, with a message, without
 * {@code adult_sample/adult.csv} in the data folder ({@code -Dfastdjl.data}).
 *
 * <p>The run is seeded (weights and shuffle, seed 42) so it repeats. Over 30 seeds fastdjl measured a
 * mean of 0.819 (0.78 to 0.855, 200 rows give steps of 0.005); the PyTorch reference of the same fit,
 * {@code examples/reference/tabular_reference.py}, 0.823 over 15 runs.
 */
class AdultLessonIntegrationTest {

    @Test
    void fitOneEpochReachesTheNotebooksAccuracy() throws IOException {
        Path csv = TestData.dataDir().resolve("adult_sample/adult.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv),
                "no " + csv + " (set -Dfastdjl.data to the folder holding adult_sample/); skipping the adult fit");
        Table df = TabularCsv.read(csv);
        Engine.getInstance().setRandomSeed(42);
        TabularDataBunch data = TabularDataBunch.from(TabularList.fromTable(df)
                .catNames("workclass", "education", "marital-status", "occupation", "relationship", "race")
                .contNames("age", "fnlwgt", "education-num")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(800, 1000)
                .labelFromCol("salary")
                .addTest(df.inRange(800, 1000)), 64, 42);
        try (TabularLearner learn = Tabular.learner(data).optLayers(200, 100).optMetrics(Metrics.accuracy())
                .optSilent(true).build()) {
            learn.fit(1, 1e-2);
            double accuracy = learn.recorder().metrics().get(0)[0];
            System.out.printf("adult sample, fit(1, 1e-2): accuracy %.3f on rows 800-999 (fastai v1: 0.82)%n",
                    accuracy);
            assertTrue(accuracy >= 0.81, "accuracy " + accuracy + " below 0.81");

            TabularPrediction first = learn.predict(df.row(0));
            System.out.println("learn.predict(df.iloc[0]) = " + first);
            assertEquals(1f, first.probs()[0] + first.probs()[1], 1e-5f);

            Predictions test = learn.getPreds(DatasetType.TEST);
            Predictions valid = learn.getPreds(DatasetType.VALID);
            assertEquals(200, test.size());
            assertArrayEquals(valid.values(), test.values(), 1e-5f, "the test set is the validation rows");
        }
    }
}
