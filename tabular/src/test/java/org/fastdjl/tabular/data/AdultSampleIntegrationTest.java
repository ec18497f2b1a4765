package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/**
 * Lesson 4's tabular setup on the real adult sample; skipped when the data folder (system property
 * {@code fastdjl.data}) does not hold {@code adult_sample/adult.csv}.
 */
class AdultSampleIntegrationTest {

    private static final List<String> CAT_NAMES =
            List.of("workclass", "education", "marital-status", "occupation", "relationship", "race");
    private static final List<String> CONT_NAMES = List.of("age", "fnlwgt", "education-num");

    private static Table df;
    private static TabularData data;

    private static String skipReason;

    @BeforeAll
    static void load() throws IOException {
        String folder = System.getProperty("fastdjl.data");
        Path csv = folder == null ? null : Path.of(folder, "adult_sample", "adult.csv");
        if (csv == null || !Files.isRegularFile(csv)) {
            skipReason = "no adult_sample/adult.csv under fastdjl.data=" + folder + "; skipping the adult tests";
            return;
        }
        df = TabularCsv.read(csv);
        data = TabularList.fromTable(df)
                .catNames(CAT_NAMES)
                .contNames(CONT_NAMES)
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(800, 1000)
                .labelFromCol("salary");
    }

    @BeforeEach
    void needsData() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @Test
    void lessonSplitAndColumns() {
        assertEquals(32_561, df.rowCount());
        assertEquals(200, data.valid().size());
        assertEquals(32_361, data.train().size());
        List<String> expectedCats = new ArrayList<>(CAT_NAMES);
        expectedCats.add("education-num_na");
        assertEquals(expectedCats, data.catNames(), "only education-num has missing values among the conts");
        assertEquals(CONT_NAMES, data.contNames());
        assertEquals(List.of("<50k", ">=50k"), data.labelClasses());
        assertEquals(2, data.c());
        assertEquals(List.of("#na#", "False", "True"), data.categoryClasses("education-num_na"));
    }

    @Test
    void categoriesAreTrainUniqueValuesPlusNa() {
        int[] trainRows = new int[df.rowCount() - 200];
        for (int r = 0, k = 0; r < df.rowCount(); r++) {
            if (r < 800 || r >= 1000) {
                trainRows[k++] = r;
            }
        }
        for (String name : CAT_NAMES) {
            TreeSet<String> unique = new TreeSet<>();
            for (int r : trainRows) {
                if (!df.stringColumn(name).isMissing(r)) {
                    unique.add(df.stringColumn(name).get(r).strip());
                }
            }
            List<String> expected = new ArrayList<>();
            expected.add("#na#");
            expected.addAll(unique);
            assertEquals(expected, data.categoryClasses(name), name);
        }
        assertTrue(data.categoryClasses("workclass").contains("Private"), "the file's ' Private' loses its space");
        // the lesson's model: Embedding(10, 6) (17, 8) (8, 5) (16, 8) (7, 5) (6, 4) (3, 3)
        assertArrayEquals(new int[] {10, 17, 8, 16, 7, 6, 3}, data.categoryCardinalities());
        assertArrayEquals(new int[] {6, 8, 5, 8, 5, 4, 3},
                data.embeddingSizes().stream().mapToInt(EmbeddingSize::size).toArray());
    }

    @Test
    void trainContinuousColumnsAreStandardized() {
        float[] conts = data.train().conts();
        int m = CONT_NAMES.size();
        int n = data.train().size();
        for (int j = 0; j < m; j++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                sum += conts[r * m + j];
            }
            double mean = sum / n;
            for (int r = 0; r < n; r++) {
                squares += (conts[r * m + j] - mean) * (conts[r * m + j] - mean);
            }
            assertEquals(0.0, mean, 1e-4, CONT_NAMES.get(j));
            assertEquals(1.0, Math.sqrt(squares / (n - 1)), 1e-4, CONT_NAMES.get(j));
        }
        DecodedRow first = data.decodeRow(Split.TRAIN, 0);
        assertEquals(49.0, first.continuous().get("age"), 1e-3);
        assertEquals("Private", first.categories().get("workclass"));
        assertEquals(">=50k", first.label());
        String[] shown = data.showBatch(Split.TRAIN, 5).split("\n");
        assertEquals(7, shown.length, "header, rule, 5 rows");
        assertTrue(shown[0].startsWith("workclass") && shown[0].contains("education-num_na")
                && shown[0].endsWith("target"), shown[0]);
        assertTrue(shown[2].startsWith("Private") && shown[2].endsWith(">=50k"), shown[2]);
    }
}
