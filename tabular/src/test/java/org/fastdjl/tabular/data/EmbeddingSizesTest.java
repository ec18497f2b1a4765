package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmbeddingSizesTest {

    /** The formula written out independently of the implementation. */
    private static int formula(int n) {
        return (int) Math.min(600, Math.round(1.6 * Math.pow(n, 0.56)));
    }

    @Test
    void ruleMatchesFormulaAndHandComputedValues() {
        for (int n : new int[] {1, 2, 3, 7, 10, 17, 100, 1000, 39_000, 100_000}) {
            assertEquals(formula(n), EmbeddingSizes.rule(n), "n=" + n);
        }
        // 1.6 * 2^0.56 = 2.36 -> 2; 1.6 * 10^0.56 = 5.81 -> 6; 1.6 * 17^0.56 = 7.82 -> 8; 1.6 * 3^0.56 = 2.96 -> 3
        assertEquals(2, EmbeddingSizes.rule(2));
        assertEquals(6, EmbeddingSizes.rule(10));
        assertEquals(8, EmbeddingSizes.rule(17));
        assertEquals(3, EmbeddingSizes.rule(3));
        // the lesson's adult embeddings: (10,6) (17,8) (8,5) (16,8) (7,5) (6,4) (3,3)
        int[][] lesson = {{10, 6}, {17, 8}, {8, 5}, {16, 8}, {7, 5}, {6, 4}, {3, 3}};
        for (int[] pair : lesson) {
            assertEquals(pair[1], EmbeddingSizes.rule(pair[0]), "n=" + pair[0]);
        }
    }

    @Test
    void ruleIsCappedAt600() {
        assertEquals(600, EmbeddingSizes.rule(1_000_000));
        assertEquals(600, EmbeddingSizes.rule(Integer.MAX_VALUE));
        int firstCapped = 1;
        while (EmbeddingSizes.rule(firstCapped) < 600) {
            firstCapped *= 2;
        }
        assertTrue(EmbeddingSizes.rule(firstCapped / 2) < 600);
        assertThrows(IllegalArgumentException.class, () -> EmbeddingSizes.rule(0));
    }

    @Test
    void overridesReplaceTheRulePerColumn() {
        Map<String, List<String>> classes = Map.of(
                "a", List.of("#na#", "x", "y", "z", "w", "v", "u", "t", "s", "r"),
                "b", List.of("#na#", "p"));
        List<EmbeddingSize> sizes = EmbeddingSizes.of(List.of("a", "b"), classes, Map.of("b", 7));
        assertEquals(List.of(new EmbeddingSize("a", 10, 6), new EmbeddingSize("b", 2, 7)), sizes);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingSizes.of(List.of("a", "b"), classes, Map.of("nope", 3)));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("[a, b]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddingSizes.of(List.of("a", "b"), classes, Map.of("a", 0)));
    }
}
