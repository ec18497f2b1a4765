package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * {@code splitByRandPct(pct, seed)} picks fastai's rows. The expected values were printed by numpy
 * 2.4.6 ({@code python3} here) with fastai's code: {@code np.random.seed(seed); rand_idx =
 * np.random.permutation(n); cut = int(valid_pct * n); valid = rand_idx[:cut]}.
 */
class SplitByRandPctTest {

    private static TabularItemLists split(int n, double pct, long seed) {
        double[] x = new double[n];
        Arrays.setAll(x, i -> i);
        Table t = Table.create("t", DoubleColumn.create("x", x));
        return TabularList.fromTable(t).contNames("x").splitByRandPct(pct, seed);
    }

    @Test
    void tenRowsSeed42() {
        // np.random.seed(42); np.random.permutation(10)[:3] -> [8, 1, 5]
        TabularItemLists s = split(10, 0.3, 42);
        assertArrayEquals(new int[] {8, 1, 5}, s.validRows(), "validation rows in permutation order");
        assertArrayEquals(new int[] {0, 2, 3, 4, 6, 7, 9}, s.trainRows(), "training rows in table order");
    }

    @Test
    void thousandRowsSeed1() {
        // np.random.seed(1); p = np.random.permutation(1000); p[:10], p[190:200]
        int[] valid = split(1000, 0.2, 1).validRows();
        assertEquals(200, valid.length);
        assertArrayEquals(new int[] {507, 818, 452, 368, 242, 929, 262, 810, 318, 49}, Arrays.copyOf(valid, 10));
        assertArrayEquals(new int[] {699, 826, 233, 584, 974, 430, 874, 550, 608, 207},
                Arrays.copyOfRange(valid, 190, 200));
    }

    @Test
    void adultSizeSeed42() {
        // np.random.seed(42); p = np.random.permutation(32561); cut = int(0.2 * 32561) = 6512;
        // p[:10], p[cut-5:cut]
        int[] valid = split(32_561, 0.2, 42).validRows();
        assertEquals(6512, valid.length);
        assertArrayEquals(new int[] {14160, 27048, 28868, 5667, 7827, 15382, 4641, 8943, 216, 5121},
                Arrays.copyOf(valid, 10));
        assertArrayEquals(new int[] {13307, 1338, 24534, 18080, 10354}, Arrays.copyOfRange(valid, 6507, 6512));
    }
}
