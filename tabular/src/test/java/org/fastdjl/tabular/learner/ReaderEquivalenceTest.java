package org.fastdjl.tabular.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import org.fastdjl.core.util.Warnings;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;
import org.fastdjl.tabular.transform.TabularProc;

/**
 * The adult data's categories start with a space ({@code " Private"}); Tablesaw's own reader trims it,
 * pandas and {@link TabularCsv} keep it. A model trained on one reader's table must predict the same
 * on the other's (by default Categorify normalizes the whitespace), and with fastai's exact spelling
 * ({@link Categorify#keepingWhitespace()}) the mismatch must be loud: one warning per column naming
 * the unseen values and the closest known ones. Runs on the repository's own {@code adult_tiny}.
 */
class ReaderEquivalenceTest {

    private static final Path CSV = Path.of(System.getProperty("fastdjl.root", "."))
            .resolve("src-test-data/adult_tiny/adult.csv");

    private final List<String> warnings = new ArrayList<>();
    private Consumer<String> previousSink;

    @BeforeEach
    void captureWarnings() {
        previousSink = Warnings.setSink(warnings::add);
    }

    @AfterEach
    void restoreWarnings() {
        Warnings.setSink(previousSink);
    }

    private static TabularDataBunch lesson(Table df, Supplier<? extends TabularProc> categorify) {
        return TabularDataBunch.from(TabularList.fromTable(df)
                .catNames("workclass", "education", "marital-status", "occupation", "relationship", "race")
                .contNames("age", "fnlwgt", "education-num")
                .procs(FillMissing::new, categorify, Normalize::new)
                .splitByIdxRange(800, 1000)
                .labelFromCol("salary"), 64, 42);
    }

    private static TabularLearner fitted(TabularDataBunch data) {
        Engine.getInstance().setRandomSeed(42);
        TabularLearner learn = Tabular.learner(data).optLayers(20, 10).optSilent(true).build();
        learn.fit(1, 1e-2);
        return learn;
    }

    private static float[] probs(List<TabularPrediction> ps) {
        float[] out = new float[ps.size() * 2];
        for (int i = 0; i < ps.size(); i++) {
            System.arraycopy(ps.get(i).probs(), 0, out, 2 * i, 2);
        }
        return out;
    }

    @Test
    void bothReadersGiveTheSamePredictions() throws IOException {
        assertTrue(Files.isRegularFile(CSV), "the repository's " + CSV);
        Table pandasLike = TabularCsv.read(CSV);
        Table tablesaw = Table.read().csv(CSV.toFile());
        assertEquals(" Private", pandasLike.stringColumn("workclass").get(0).substring(0, 8));
        assertFalse(tablesaw.stringColumn("workclass").get(0).startsWith(" "), "Tablesaw trims the space");

        TabularDataBunch fromPandasLike = lesson(pandasLike, Categorify::new);
        TabularDataBunch fromTablesaw = lesson(tablesaw, Categorify::new);
        assertEquals(fromPandasLike.tabularData().categoryClasses(), fromTablesaw.tabularData().categoryClasses());
        try (TabularLearner a = fitted(fromPandasLike); TabularLearner b = fitted(fromTablesaw)) {
            Table first = pandasLike.inRange(0, 50);
            float[] expected = probs(a.predict(first));
            assertArrayEquals(expected, probs(a.predict(tablesaw.inRange(0, 50))),
                    "a model trained on TabularCsv's table predicts Tablesaw's rows alike");
            assertArrayEquals(expected, probs(b.predict(first)), "and one trained on Tablesaw's table too");
            assertArrayEquals(a.predict(pandasLike.row(0)).probs(), b.predict(tablesaw.row(0)).probs());
            assertEquals(List.of(), warnings, "nothing is unseen");
        }
    }

    @Test
    void keepingWhitespaceWarnsOncePerColumnWithTheClosestKnownValue() throws IOException {
        Table pandasLike = TabularCsv.read(CSV);
        Table tablesaw = Table.read().csv(CSV.toFile());
        try (TabularLearner learn = fitted(lesson(pandasLike, Categorify::keepingWhitespace))) {
            assertEquals(List.of(), warnings, "training and validation come from one reader");
            TabularPrediction same = learn.predict(pandasLike.row(0));
            assertEquals(List.of(), warnings);

            TabularPrediction other = learn.predict(tablesaw.row(0));
            String workclass = warnings.stream().filter(w -> w.startsWith("column 'workclass'")).findFirst()
                    .orElseThrow(() -> new AssertionError("no workclass warning in " + warnings));
            assertTrue(workclass.contains("'Private' (closest known ' Private')"), workclass);
            assertTrue(workclass.contains("1 of 1 values (100%)"), workclass);
            assertEquals(6, warnings.size(), "one per categorical input column: " + warnings);
            assertTrue(Math.abs(same.probs()[1] - other.probs()[1]) > 1e-4,
                    "every category became #na#, so the prediction changed: " + same + " vs " + other);

            learn.predict(tablesaw.inRange(0, 100));
            assertEquals(6, warnings.size(), "each column warns once: " + warnings);
        }
    }

    @Test
    void aFewUnseenValuesDoNotWarn() throws IOException {
        Table pandasLike = TabularCsv.read(CSV);
        try (TabularLearner learn = fitted(lesson(pandasLike, Categorify::new))) {
            Table rows = pandasLike.inRange(0, 10);
            rows.stringColumn("workclass").set(0, "Astronaut");
            learn.predict(rows);
            assertEquals(List.of(), warnings, "1 of 10 unseen is not mostly unseen");
            rows.stringColumn("workclass").set(1, "Pilot").set(2, "Astronaut").set(3, "Astronaut")
                    .set(4, "Astronaut").set(5, "Astronaut");
            learn.predict(rows);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("column 'workclass': 6 of 10 values (60%)"), warnings.get(0));
            assertTrue(warnings.get(0).contains("'Astronaut' (closest known"), "the most frequent first: "
                    + warnings.get(0));
        }
    }
}
