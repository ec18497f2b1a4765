package org.fastdjl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

class ArrayDataLoaderTest {

    private static ArrayDataset dataset(int n) {
        int[] ids = new int[n];
        float[] xs = new float[n * 2];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            xs[2 * i] = i;
            xs[2 * i + 1] = -i;
        }
        return new ArrayDataset(
                List.of(ArrayField.indices("id", ids, 0), ArrayField.floats("x", xs, 2)),
                List.of(ArrayField.floats("y", xs.clone(), 2)));
    }

    @Test
    void shuffledDropLastVisitsEachItemAtMostOnceWithRowsIntact() {
        ArrayDataLoader dl = new ArrayDataLoader(dataset(10), 3, true, true, new Random(0));
        assertEquals(3, dl.numBatches());
        boolean[] seen = new boolean[10];
        int count = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Iterator<Batch> it = dl.iterator(m);
            while (it.hasNext()) {
                try (Batch b = it.next()) {
                    assertEquals(DataType.INT64, b.x().get(0).getDataType());
                    assertEquals(new Shape(3), b.x().get(0).getShape());
                    assertEquals(new Shape(3, 2), b.x().get(1).getShape());
                    long[] ids = b.x().get(0).toLongArray();
                    float[] xs = b.x().get(1).toFloatArray();
                    for (int r = 0; r < 3; r++) {
                        assertTrue(!seen[(int) ids[r]]);
                        seen[(int) ids[r]] = true;
                        assertEquals(ids[r], (long) xs[2 * r]);
                        assertEquals(-ids[r], (long) xs[2 * r + 1]);
                        assertEquals(ids[r], b.indices()[r]);
                    }
                    count += b.size();
                }
            }
        }
        assertEquals(9, count);
    }

    @Test
    void inOrderKeepsTheLastPartialBatch() {
        ArrayDataLoader dl = new ArrayDataLoader(dataset(7), 3, false, false, new Random(0));
        assertEquals(3, dl.numBatches());
        try (NDManager m = NDManager.newBaseManager()) {
            Iterator<Batch> it = dl.iterator(m);
            it.next().close();
            it.next().close();
            try (Batch last = it.next()) {
                assertArrayEquals(new long[] {6}, last.x().get(0).toLongArray());
            }
        }
    }

    @Test
    void rowFieldsKeepTheirSecondDimensionEvenWhenEmpty() {
        ArrayDataset ds = new ArrayDataset(
                List.of(ArrayField.indexRows("cats", new int[0], 5, 0),
                        ArrayField.floatRows("conts", new float[] {0, 1, 2, 3, 4}, 5, 1)),
                List.of(ArrayField.indices("y", new int[] {0, 1, 0, 1, 0}, 0)));
        assertEquals(5, ds.size());
        try (NDManager m = NDManager.newBaseManager()) {
            Iterator<Batch> it = new ArrayDataLoader(ds, 4, false, false, new Random(0)).iterator(m);
            try (Batch b = it.next()) {
                assertEquals(new Shape(4, 0), b.x().get(0).getShape());
                assertEquals(DataType.INT64, b.x().get(0).getDataType());
                assertEquals(new Shape(4, 1), b.x().get(1).getShape());
                assertArrayEquals(new float[] {0, 1, 2, 3}, b.x().get(1).toFloatArray());
            }
            try (Batch b = it.next()) {
                assertEquals(new Shape(1, 0), b.x().get(0).getShape());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayField.floatRows("conts", new float[3], 2, 2));
        assertTrue(e.getMessage().contains("'conts'"), e.getMessage());
    }

    @Test
    void mismatchedFieldsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ArrayDataset(
                List.of(ArrayField.indices("user", new int[3], 0)), List.of(ArrayField.floats("rating", new float[2], 0))));
        assertTrue(e.getMessage().contains("'rating' has 2 items"), e.getMessage());
    }

    @Test
    void showBatchPrintsDecodedRows() {
        DataBunch data = TestData.regression(16, 4, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        data.showBatch(2, DatasetType.VALID, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("x"));
    }
}
