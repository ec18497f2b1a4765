package org.fastdjl.tabular.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.tabular.GeneratedTables;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.nn.TabularModel;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/** The tabular learner on a generated adult-like table (rows 1000-1199 for validation and as the test set). */
class TabularLearnerTest {

    private static Table df;
    private static TabularDataBunch data;
    private static TabularLearner learn;

    @BeforeAll
    static void fit() {
        Engine.getInstance().setRandomSeed(1);
        df = GeneratedTables.adultLike(1200, 11);
        data = TabularDataBunch.from(TabularList.fromTable(df)
                .catNames("color", "size").contNames("x", "z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(1000, 1200)
                .labelFromCol("target")
                .addTest(df.inRange(1000, 1200)), 64, 1);
        learn = Tabular.learner(data).optLayers(200, 100).optMetrics(Metrics.accuracy()).optSilent(true).build();
        learn.fit(3, 1e-2);
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    @Test
    void theModelIsFastaisForTheData() {
        TabularModel model = (TabularModel) learn.model();
        assertEquals(3, model.embeds().size(), "color, size and the x_na flag");
        assertEquals(List.of("no", "yes"), data.classes());
        assertEquals(1, learn.numThreads(), "tabular default: one intra-op thread");
        double accuracy = learn.validate().get(1);
        System.out.println("generated classification: valid accuracy " + accuracy);
        assertTrue(accuracy > 0.8, "the generated rule is learnable: accuracy " + accuracy);
    }

    @Test
    void predictReturnsTheMostLikelyClassAndProbabilitiesThatSumToOne() {
        for (int r : new int[] {0, 1, 1000, 1199}) {
            TabularPrediction p = learn.predict(df.row(r));
            float[] probs = p.probs();
            assertEquals(2, probs.length);
            assertEquals(1.0, probs[0] + probs[1], 1e-5);
            int best = probs[1] > probs[0] ? 1 : 0;
            assertEquals(best, p.index());
            assertEquals(data.classes().get(best), p.label());
            assertEquals(probs[best], p.probability());
            assertTrue(p.toString().matches("\\(Category (no|yes), tensor\\([01]\\), tensor\\(\\[0\\.\\d{4}, 0\\.\\d{4}\\]\\)\\)"),
                    p.toString());
        }
    }

    @Test
    void batchPredictionMatchesGetPredsAndSingleRows() {
        List<TabularPrediction> batch = learn.predict(df.inRange(1000, 1200));
        assertEquals(200, batch.size());
        Predictions valid = learn.getPreds(DatasetType.VALID);
        Predictions test = learn.getPreds(DatasetType.TEST);
        assertEquals(200, test.size());
        assertNull(test.targets(), "the test set has no labels");
        for (int i = 0; i < 200; i += 37) {
            assertArrayEquals(valid.row(i), batch.get(i).probs(), 1e-5f, "row " + i);
            assertArrayEquals(test.row(i), batch.get(i).probs(), 1e-5f, "row " + i);
            assertArrayEquals(learn.predict(df.row(1000 + i)).probs(), batch.get(i).probs(), 1e-5f);
        }
    }

    @Test
    void extraColumnsAreIgnoredAndMissingValuesFilled() {
        Table t = df.inRange(0, 3).selectColumns("x", "z", "size", "color");
        t.doubleColumn("x").setMissing(0);
        t.stringColumn("color").set(1, "purple");
        List<TabularPrediction> p = learn.predict(t);
        assertEquals(3, p.size(), "no label column needed, an unseen colour maps to #na#, a missing x is filled");
    }

    private static void failsWith(Executable action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    @Test
    void badInputGivesMessagesNamingWhatIsWrong() {
        Table renamed = df.inRange(0, 5).copy();
        renamed.column("z").setName("zz");
        failsWith(() -> learn.predict(renamed), "no column 'z' (continuous)", "zz");

        Table text = Table.create("bad", df.stringColumn("color").inRange(0, 3), df.intColumn("size").inRange(0, 3),
                DoubleColumn.create("x", 1.0, 2.0, 3.0), StringColumn.create("z", "1.5", "lots", "2"));
        failsWith(() -> learn.predict(text), "'z'", "row index 1", "'lots'");

        failsWith(() -> learn.predict(df.emptyCopy()), "empty");
        failsWith(() -> learn.predict(text.row(1)), "'z'", "'lots'");
    }

    @Test
    void builderOptionsReachTheModel() {
        try (TabularLearner other = Tabular.learner(data).optLayers(16).optPs(0.2f).optEmbDrop(0.1f)
                .optEmbSzs(Map.of("color", 5)).optUseBn(false).optSilent(true).build()) {
            TabularModel m = (TabularModel) other.model();
            assertEquals(5, m.embeds().get(0).embeddingDim());
            assertEquals(4, m.layers().getChildren().size(), "Linear, ReLU, Dropout, Linear: no BatchNorm");
        }
        assertThrows(IllegalArgumentException.class, () -> Tabular.learner(data).optEmbSzs(Map.of("nope", 3)).build());
        assertThrows(IllegalArgumentException.class, () -> Tabular.learner(data).optPs(1.5f));
        assertThrows(IllegalArgumentException.class, () -> Tabular.learner(data).optYRange(1f, 0f));
    }

    @Test
    void tablesWithOnlyContinuousOrOnlyCategoricalColumnsTrainAndPredict() {
        for (boolean contsOnly : new boolean[] {true, false}) {
            TabularList list = TabularList.fromTable(df).procs(FillMissing::new, Categorify::new, Normalize::new);
            list = contsOnly ? list.contNames("z") : list.catNames("color");
            TabularDataBunch d = list.splitByIdxRange(1000, 1200).labelFromCol("target").databunch(64);
            try (TabularLearner l = Tabular.learner(d).optLayers(8).optSilent(true).build()) {
                l.fit(1, 1e-2);
                TabularPrediction p = l.predict(df.row(5));
                assertEquals(1.0, p.probs()[0] + p.probs()[1], 1e-5, contsOnly ? "conts only" : "cats only");
                assertEquals(contsOnly ? 0 : 1, ((TabularModel) l.model()).embeds().size());
            }
        }
    }

    @Test
    void regressionPredictsAValueInsideTheYRange() {
        TabularDataBunch reg = TabularDataBunch.from(TabularList.fromTable(df).catNames("color", "size").contNames("x")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(1000, 1200).labelFromCol("score"), 64, 2);
        try (TabularLearner r = Tabular.learner(reg).optLayers(50).optYRange(-10f, 12f).optSilent(true).build()) {
            r.fit(8, 1e-2);
            TabularPrediction p = r.predict(df.row(0));
            assertFalse(p.isClassification());
            assertEquals(-1, p.index());
            assertTrue(p.value() > -10f && p.value() < 12f);
            assertTrue(p.toString().startsWith("(FloatItem "), p.toString());
            assertThrows(IllegalStateException.class, p::probs);
            double mse = r.validate().get(0);
            System.out.println("generated regression: valid MSE " + mse);
            assertTrue(mse < 1.0, "score = 2x + size + noise (variance 4.7) is learnable: valid MSE " + mse);
        }
    }
}
