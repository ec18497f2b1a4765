package org.fastdjl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

class NumpyRandomTest {

    @Test
    void permutationMatchesNumpy() {
        // printed by numpy 2.4.6: np.random.seed(42); np.random.permutation(10)
        assertArrayEquals(new int[] {8, 1, 5, 0, 7, 2, 9, 4, 3, 6}, new NumpyRandom(42).permutation(10));
        // np.random.seed(42); p = np.random.permutation(6031) (the ML sample's size); p[:8], p[-3:]
        int[] p = new NumpyRandom(42).permutation(6031);
        assertArrayEquals(new int[] {1870, 2584, 1328, 5083, 3413, 2412, 1650, 2569}, Arrays.copyOf(p, 8));
        assertArrayEquals(new int[] {5226, 5390, 860}, Arrays.copyOfRange(p, 6028, 6031));
    }
}
