package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataLoader;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.tabular.GeneratedTables;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

class TabularDataBunchTest {

    private static TabularList list(Table t) {
        return TabularList.fromTable(t).procs(FillMissing::new, Categorify::new, Normalize::new);
    }

    private static TabularData classification(Table t) {
        return list(t).catNames("color", "size").contNames("x", "z").splitByIdxRange(400, 500).labelFromCol("target");
    }

    private static Batch first(DataLoader dl, NDManager m) {
        return dl.iterator(m).next();
    }

    @Test
    void batchesHoldCatsContsAndClassLabels() {
        Table t = GeneratedTables.adultLike(500, 1);
        TabularData data = classification(t).addTest(t.inRange(400, 500));
        TabularDataBunch bunch = data.databunch();
        assertEquals(64, bunch.train().batchSize(), "fastai's default bs");
        assertEquals(400 / 64, bunch.train().numBatches(), "training drops the last incomplete batch");
        assertEquals(2, bunch.valid().numBatches(), "validation keeps it");
        assertEquals(2, bunch.c());
        assertEquals(List.of("no", "yes"), bunch.classes());
        assertEquals(List.of("color", "size", "x_na"), bunch.catNames());
        assertEquals(List.of("x", "z"), bunch.contNames());
        try (NDManager m = NDManager.newBaseManager()) {
            try (Batch b = first(bunch.train(), m)) {
                assertEquals(new Shape(64, 3), b.x().get(0).getShape());
                assertEquals(DataType.INT64, b.x().get(0).getDataType());
                assertEquals(new Shape(64, 2), b.x().get(1).getShape());
                assertEquals(DataType.FLOAT32, b.x().get(1).getDataType());
                assertEquals(new Shape(64), b.y().get(0).getShape());
                assertEquals(DataType.INT64, b.y().get(0).getDataType());
                int[] codes = data.train().catCodes();
                long[] got = b.x().get(0).toLongArray();
                int row = b.indices()[0];
                assertArrayEquals(new long[] {codes[row * 3], codes[row * 3 + 1], codes[row * 3 + 2]},
                        new long[] {got[0], got[1], got[2]}, "a batch row is its split row");
            }
            try (Batch b = first(bunch.valid(), m)) {
                int[] expected = new int[64];
                for (int i = 0; i < 64; i++) {
                    expected[i] = i;
                }
                assertArrayEquals(expected, b.indices(), "validation in order");
            }
            try (Batch b = first(bunch.dl(DatasetType.TEST), m)) {
                assertTrue(b.y().isEmpty(), "the test set has no labels");
                assertEquals(new Shape(64, 3), b.x().get(0).getShape());
            }
        }
    }

    @Test
    void trainingIsShuffledAndSeedable() {
        TabularData data = classification(GeneratedTables.adultLike(500, 2));
        Set<Integer> firstRows = new HashSet<>();
        try (NDManager m = NDManager.newBaseManager()) {
            TabularDataBunch a = TabularDataBunch.from(data, 32, 7);
            TabularDataBunch b = TabularDataBunch.from(data, 32, 7);
            try (Batch x = first(a.train(), m); Batch y = first(b.train(), m)) {
                assertArrayEquals(x.indices(), y.indices(), "same seed, same order");
                for (int i : x.indices()) {
                    firstRows.add(i);
                }
            }
        }
        assertFalse(firstRows.equals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31)), "shuffled");
        assertThrows(IllegalArgumentException.class, () -> data.databunch(0));
    }

    @Test
    void regressionLabelsAreFloatsWithMse() {
        TabularData data = list(GeneratedTables.adultLike(300, 3)).catNames("color").contNames("x")
                .splitByIdxRange(200, 300).labelFromCol("score");
        TabularDataBunch bunch = data.databunch(50);
        assertEquals(1, bunch.c());
        assertFalse(bunch.isClassification());
        try (NDManager m = NDManager.newBaseManager(); Batch b = first(bunch.valid(), m)) {
            assertEquals(DataType.FLOAT32, b.y().get(0).getDataType());
            NDArray preds = b.y().get(0).add(1f).reshape(50, 1);
            float loss = bunch.lossFunc().compute(new NDList(preds), b.y()).getFloat();
            assertEquals(1f, loss, 1e-5, "MSE with weight 1");
        }
    }

    @Test
    void aTableWithoutCategoricalOrWithoutContinuousColumnsGivesEmptyInputs() {
        Table t = GeneratedTables.adultLike(200, 4);
        TabularDataBunch contsOnly = list(t).contNames("z").splitByIdxRange(150, 200).labelFromCol("target")
                .databunch(16);
        TabularDataBunch catsOnly = list(t).catNames("color").splitByIdxRange(150, 200).labelFromCol("target")
                .databunch(16);
        try (NDManager m = NDManager.newBaseManager()) {
            try (Batch b = first(contsOnly.train(), m)) {
                assertEquals(new Shape(16, 0), b.x().get(0).getShape());
                assertEquals(new Shape(16, 1), b.x().get(1).getShape());
            }
            try (Batch b = first(catsOnly.train(), m)) {
                assertEquals(new Shape(16, 1), b.x().get(0).getShape());
                assertEquals(new Shape(16, 0), b.x().get(1).getShape());
            }
        }
    }

    @Test
    void showBatchDecodesRowsAsFastaiDoes() {
        Table t = GeneratedTables.adultLike(500, 5);
        TabularDataBunch bunch = classification(t).databunch();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bunch.showBatch(10, DatasetType.VALID, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length, "header and 10 rows");
        assertTrue(lines[0].matches("color +size +x_na +x +z +target"), lines[0]);
        String color = t.stringColumn("color").get(400);
        String expectedColor = color.isEmpty() ? "#na#" : color.strip();
        assertTrue(lines[1].startsWith(expectedColor), "row 400 decoded: " + lines[1]);
        assertTrue(lines[1].endsWith(t.stringColumn("target").get(400)), lines[1]);
    }
}
