package org.fastdjl.tabular.data;

import static org.fastdjl.tabular.data.Tables.NA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

class TabularListTest {

    private static final double[] TRAIN_X_FILLED = {1, 2, 5, 4, 5, 6, 7, 8}; // median of 1,2,4,5,6,7,8 is 5
    private static final double[] TRAIN_Z = {10, 20, 30, 40, 50, 60, 70, 80};

    private static TabularList lesson(Table table) {
        return TabularList.fromTable(table)
                .catNames("color", "size")
                .contNames("x", "z")
                .procs(FillMissing::new, Categorify::new, Normalize::new);
    }

    private static TabularData toyData() {
        return lesson(Tables.toy()).splitByIdx(8, 9).labelFromCol("y");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    private static double sampleStd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private static Normalize normalize(TabularData data) {
        return (Normalize) data.processor().procs().get(2);
    }

    @Test
    void processedColumnsAndClasses() {
        TabularData data = toyData();
        assertEquals(List.of("color", "size", "x_na"), data.catNames(), "flag only for x, which had missing train values");
        assertEquals(List.of("x", "z"), data.contNames());
        assertEquals(List.of("color", "size", "x_na", "x", "z"), data.colNames());
        assertEquals(List.of("#na#", "blue", "green", "red"), data.categoryClasses("color"), "sorted train values");
        assertEquals(List.of("#na#", "1", "2", "3", "10"), data.categoryClasses("size"), "numeric categories sort as numbers");
        assertEquals(List.of("#na#", "False", "True"), data.categoryClasses("x_na"));
        assertArrayEquals(new int[] {4, 5, 3}, data.categoryCardinalities());
        assertEquals(List.of(new EmbeddingSize("color", 4, 3), new EmbeddingSize("size", 5, 4),
                new EmbeddingSize("x_na", 3, 3)), data.embeddingSizes());
        assertEquals(List.of("no", "yes"), data.labelClasses());
        assertTrue(data.isClassification());
        assertEquals(2, data.c());
    }

    @Test
    void arraysAreRowMajorWithCodesAndNormalizedValues() {
        TabularData data = toyData();
        TabularSplit train = data.train();
        assertEquals(8, train.size());
        assertEquals(3, train.catCount());
        assertEquals(2, train.contCount());
        // rows: red/3/x=1, blue/1/x=2, red/2/x=NA, ""/3/x=4 ...
        int[] codes = train.catCodes();
        assertEquals(8 * 3, codes.length);
        assertArrayEquals(new int[] {3, 3, 1}, Arrays.copyOfRange(codes, 0, 3), "row 0: red, 3, x present");
        assertArrayEquals(new int[] {3, 2, 2}, Arrays.copyOfRange(codes, 6, 9), "row 2: red, 2, x missing");
        assertArrayEquals(new int[] {0, 3, 1}, Arrays.copyOfRange(codes, 9, 12), "row 3: missing color -> 0");
        assertEquals(train.catCode(3, 0), codes[3 * 3]);

        float[] conts = train.conts();
        assertEquals(8 * 2, conts.length);
        double mx = mean(TRAIN_X_FILLED);
        double sx = sampleStd(TRAIN_X_FILLED);
        for (int r = 0; r < 8; r++) {
            assertEquals((float) ((TRAIN_X_FILLED[r] - mx) / (sx + 1e-7)), conts[r * 2], 1e-6);
            assertEquals((float) ((TRAIN_Z[r] - mean(TRAIN_Z)) / (sampleStd(TRAIN_Z) + 1e-7)), conts[r * 2 + 1], 1e-6);
        }
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, train.labelIndices());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, train.sourceRows());
    }

    @Test
    void statisticsComeFromTrainOnly() {
        TabularData data = toyData();
        Normalize norm = normalize(data);
        assertEquals(mean(TRAIN_X_FILLED), norm.means().get("x"), 1e-12, "valid x = 1e6 is ignored");
        assertEquals(sampleStd(TRAIN_X_FILLED), norm.stds().get("x"), 1e-12, "sample std (n - 1)");
        assertEquals(sampleStd(TRAIN_Z), norm.stds().get("z"), 1e-12);
        assertEquals(Map.of("x", 5.0), ((FillMissing) data.processor().procs().get(0)).naDict(), "train median");

        // the same training rows with tame validation rows give identical statistics and training arrays
        Table tame = Tables.toy();
        ((DoubleColumn) tame.column("x")).set(8, 3.0);
        ((DoubleColumn) tame.column("z")).set(8, 3.0);
        tame.stringColumn("color").set(8, "red");
        TabularData other = lesson(tame).splitByIdx(8, 9).labelFromCol("y");
        assertEquals(norm.means(), normalize(other).means());
        assertEquals(norm.stds(), normalize(other).stds());
        assertEquals(data.categoryClasses(), other.categoryClasses());
        assertArrayEquals(data.train().conts(), other.train().conts());
        assertArrayEquals(data.train().catCodes(), other.train().catCodes());
    }

    @Test
    void unseenAndMissingValidCategoriesMapToNa() {
        TabularData data = toyData();
        TabularSplit valid = data.valid();
        assertArrayEquals(new int[] {8, 9}, valid.sourceRows());
        assertEquals(0, valid.catCode(0, 0), "purple never seen in train");
        assertEquals(0, valid.catCode(0, 1), "size 99 never seen in train");
        assertEquals(0, valid.catCode(1, 0), "missing color");
        assertEquals(1, valid.catCode(1, 1), "size 1");
        assertEquals("#na#", data.decodeRow(Split.VALID, 0).categories().get("color"));
    }

    @Test
    void validMissingValuesUseTrainFillValues() {
        TabularData data = toyData();
        DecodedRow row9 = data.decodeRow(Split.VALID, 1);
        assertEquals("True", row9.categories().get("x_na"));
        assertEquals(5.0, row9.continuous().get("x"), 1e-4, "x filled with the train median");
        assertEquals(45.0, row9.continuous().get("z"), 1e-4,
                "z had no missing train values: filled with its train median 45, no z_na column");
        assertFalse(data.catNames().contains("z_na"));
        DecodedRow row8 = data.decodeRow(Split.VALID, 0);
        assertEquals("False", row8.categories().get("x_na"));
        assertEquals(1e6, row8.continuous().get("x"), 1.0);
        assertEquals("no", row8.label());
    }

    @Test
    void validMissingButNotInTrainFailsWhenFastaiBehaviourIsAsked() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TabularList.fromTable(Tables.toy())
                .catNames("color").contNames("x", "z")
                .procs(() -> new FillMissing().failOnNewMissing(true), Categorify::new, Normalize::new)
                .splitByIdx(8, 9).labelFromCol("y"));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("row index 9"), e.getMessage());
    }

    @Test
    void splitsByIndexRangeRandomPctAndBooleanColumn() {
        TabularItemLists byIdx = lesson(Tables.toy()).splitByIdx(9, 8);
        assertArrayEquals(new int[] {9, 8}, byIdx.validRows(), "validation rows keep the order given");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, byIdx.trainRows());
        TabularItemLists range = lesson(Tables.toy()).splitByIdxRange(8, 10);
        assertArrayEquals(new int[] {8, 9}, range.validRows());

        TabularItemLists a = lesson(Tables.toy()).splitByRandPct(0.3, 42);
        TabularItemLists b = lesson(Tables.toy()).splitByRandPct(0.3, 42);
        assertArrayEquals(a.validRows(), b.validRows(), "same seed, same split");
        assertEquals(3, a.validRows().length, "(int)(0.3 * 10)");
        int[] all = new int[10];
        for (int r : a.trainRows()) {
            all[r]++;
        }
        for (int r : a.validRows()) {
            all[r]++;
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, all, "a partition of the rows");
        int[] sortedTrain = a.trainRows().clone();
        Arrays.sort(sortedTrain);
        assertArrayEquals(sortedTrain, a.trainRows(), "training rows stay in table order");

        TabularItemLists fromCol = lesson(Tables.toy()).splitFromCol("is_valid");
        assertArrayEquals(new int[] {8, 9}, fromCol.validRows());
    }

    @Test
    void labelTypeDetectionAndOverrides() {
        Table t = Tables.toy();
        TabularData regression = TabularList.fromTable(t).catNames("color").contNames("z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdx(8, 9).labelFromCol("price");
        assertFalse(regression.isClassification(), "double column -> regression (FloatList)");
        assertEquals(1, regression.c());
        assertEquals(List.of(), regression.labelClasses());
        assertArrayEquals(new float[] {9.5f, 10.5f}, regression.valid().labelValues());
        assertThrows(IllegalStateException.class, () -> regression.valid().labelIndices());
        assertEquals("9.5", regression.decodeRow(Split.VALID, 0).label());

        TabularData intLabel = TabularList.fromTable(t).catNames("color").contNames("z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdx(0, 9).labelFromCol("size");
        assertTrue(intLabel.isClassification(), "integer column -> classification (CategoryList)");
        assertEquals(List.of("1", "2", "3", "10", "99"), intLabel.labelClasses(), "sorted as numbers");

        TabularData forced = TabularList.fromTable(t).catNames("color").contNames("z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdx(8, 9).labelFromCol("size", LabelType.REGRESSION);
        assertArrayEquals(new float[] {99f, 1f}, forced.valid().labelValues());

        Table t2 = Tables.toy();
        t2.replaceColumn("price", DoubleColumn.create("price", 1.5, 2.5, 1.5, 2.5, 1.5, 2.5, 1.5, 2.5, 1.5, 2.5));
        TabularData asClasses = TabularList.fromTable(t2).catNames("color").contNames("z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdx(8, 9).labelFromCol("price", LabelType.CLASSIFICATION);
        assertEquals(List.of("1.5", "2.5"), asClasses.labelClasses());
        assertArrayEquals(new int[] {0, 1}, asClasses.valid().labelIndices());

        TabularData boolLabel = TabularList.fromTable(t).catNames("color").contNames("z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdx(0, 8).labelFromCol("is_valid");
        assertEquals(List.of("False", "True"), boolLabel.labelClasses());
    }

    @Test
    void decodeRowAndShowBatch() {
        TabularData data = toyData();
        DecodedRow row = data.decodeRow(Split.TRAIN, 0);
        assertEquals(Map.of("color", "red", "size", "3", "x_na", "False"), row.categories());
        assertEquals(List.of("color", "size", "x_na"), List.copyOf(row.categories().keySet()));
        assertEquals(1.0, row.continuous().get("x"), 1e-5, "de-normalized");
        assertEquals(10.0, row.continuous().get("z"), 1e-4);
        assertEquals("no", row.label());

        String shown = data.showBatch(Split.TRAIN, 3);
        String[] lines = shown.split("\n");
        assertEquals(5, lines.length, shown);
        assertTrue(lines[0].matches("color\\s+size\\s+x_na\\s+x\\s+z\\s+target"), lines[0]);
        assertTrue(lines[1].matches("[- ]+"), lines[1]);
        assertTrue(lines[2].matches("red\\s+3\\s+False\\s+1\\s+10\\s+no"), lines[2]);
        assertTrue(lines[4].matches("red\\s+2\\s+True\\s+5\\s+30\\s+no"), lines[4]);
        assertEquals(lines[0].indexOf("target"), lines[2].indexOf("no"), "fixed-width columns");
    }

    @Test
    void newTablesAreProcessedWithTheLearnedProcessors() {
        TabularData data = toyData();
        Table fresh = Tables.toy().dropRange(0, 8); // rows 8 and 9 only, as a new table
        TabularSplit processed = data.process(fresh);
        assertArrayEquals(data.valid().catCodes(), processed.catCodes());
        assertArrayEquals(data.valid().conts(), processed.conts());
        assertFalse(processed.hasLabels());
        assertArrayEquals(data.valid().labelIndices(), data.processLabeled(fresh).labelIndices());

        Table unlabeled = fresh.copy().removeColumns("y");
        TabularData withTest = data.addTest(unlabeled);
        assertFalse(data.hasTest(), "addTest returns a new data block");
        assertTrue(withTest.hasTest());
        assertArrayEquals(data.valid().conts(), withTest.test().conts());
        assertThrows(IllegalStateException.class, () -> withTest.test().labelIndices());
        assertNull(withTest.decodeRow(Split.TEST, 0).label());
        assertFalse(withTest.showBatch(Split.TEST, 2).contains("target"));
    }

    @Test
    void processorsAreFreshForEachDataBlock() {
        TabularList list = lesson(Tables.toy());
        TabularData first = list.splitByIdx(8, 9).labelFromCol("y");
        TabularData second = list.splitByIdx(0, 1).labelFromCol("y");
        assertFalse(normalize(first).means().equals(normalize(second).means()));
        assertEquals(mean(TRAIN_X_FILLED), normalize(first).means().get("x"), 1e-12, "not overwritten by the second fit");
    }

    @Test
    void textValuesLoseSurroundingSpacesByDefault() {
        Table t = Table.create("spaces",
                StringColumn.create("w", " Private", " Self-emp", " Private", "Private"),
                DoubleColumn.create("a", 1, 2, 3, 4),
                StringColumn.create("y", "a", "b", "a", "b"));
        TabularData data = TabularList.fromTable(t).catNames("w").contNames("a")
                .procs(Categorify::new).splitByIdx(3).labelFromCol("y");
        assertEquals(List.of("#na#", "Private", "Self-emp"), data.categoryClasses("w"));
        assertEquals(1, data.valid().catCode(0, 0), "'Private' without the space is the same value");
        assertEquals(1.0f, data.train().cont(0, 0), "no Normalize: raw values");
        assertTrue(Double.isNaN(NA));
    }

    @Test
    void keepingWhitespaceKeepsFastaisSpelling() {
        Table t = Table.create("spaces",
                StringColumn.create("w", " Private", " Self-emp", " Private", "Private"),
                DoubleColumn.create("a", 1, 2, 3, 4),
                StringColumn.create("y", "a", "b", "a", "b"));
        TabularData data = TabularList.fromTable(t).catNames("w").contNames("a")
                .procs(Categorify::keepingWhitespace).splitByIdx(3).labelFromCol("y");
        assertEquals(List.of("#na#", " Private", " Self-emp"), data.categoryClasses("w"));
        assertEquals(0, data.valid().catCode(0, 0), "'Private' without the space is a different value");
    }

    @Test
    void everyNumericColumnTypeReadsWithItsMissingValues() {
        IntColumn ints = IntColumn.create("i", 1, 2, 3, 4, 5);
        ints.setMissing(1);
        LongColumn longs = LongColumn.create("l", 10L, 20L, 30L, 40L, 50L);
        longs.setMissing(2);
        FloatColumn floats = FloatColumn.create("f", 0.5f, 1.5f, 2.5f, 3.5f, 4.5f);
        floats.setMissing(0);
        Table t = Table.create("numbers", ints, longs, floats,
                ShortColumn.create("s", (short) 7, (short) 8, (short) 7, (short) 8, (short) 9),
                StringColumn.create("y", "a", "b", "a", "b", "a"));
        TabularData data = TabularList.fromTable(t).catNames("s").contNames("i", "l", "f")
                .procs(FillMissing::new, Categorify::new).splitByIdx(4).labelFromCol("y");
        assertEquals(List.of("s", "i_na", "l_na", "f_na"), data.catNames());
        assertEquals(List.of("#na#", "7", "8"), data.categoryClasses("s"), "short column as categories");
        // medians of the present training values: i {1,3,4} -> 3, l {10,20,40} -> 20, f {1.5,2.5,3.5} -> 2.5
        assertArrayEquals(new float[] {1, 10, 2.5f, 3, 20, 1.5f, 3, 20, 2.5f, 4, 40, 3.5f},
                data.train().conts());
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1},
                data.train().catCodes(), "codes per row: s, i_na, l_na, f_na (False=1, True=2)");
    }
}
