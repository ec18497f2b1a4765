package org.fastdjl.core.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrSuggestionsTest {

    /**
     * 100 batches from 1e-7 to 10: flat with noise (a dip at the 12th batch, as the collab sample's
     * first batches), falling between 1e-4 and 1e-1, then diverging.
     */
    private static double[][] curve() {
        int n = 100;
        double[] lrs = new double[n];
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            lrs[i] = 1e-7 * Math.pow(1e8, i / (n - 1.0));
            double d = Math.log10(lrs[i]);
            losses[i] = d < -4 ? 2.0 : d < -1 ? 2.0 - 0.4 * (d + 4) : 0.8 + 3 * (d + 1) * (d + 1);
        }
        losses[12] -= 0.3; // noise among the first batches
        losses[13] += 0.3;
        return new double[][] {lrs, losses};
    }

    @Test
    void v2RulesLandWhereTheLossFallsAndV1InTheNoise() {
        double[][] c = curve();
        LrSuggestions s = LrSuggestions.of(c[0], c[1]);
        assertTrue(s.valley() > 1e-4 && s.valley() < 1e-1, "valley " + s.valley());
        assertTrue(s.steep() < 1e-5, "steep follows the dip too: " + s.steep());
        // numpy.gradient's central difference is lowest just before the dip
        assertEquals(c[0][11], s.minGrad(), 0, "v1's min numerical gradient lands on the noise");
        // the lowest loss is at 1e-1; a tenth of it
        assertEquals(1e-2, s.minimumOver10(), 3e-3);
        assertTrue(s.toString().startsWith("LR Finder is complete: suggested lr"), s.toString());
        assertTrue(s.toString().contains("valley rule"));
    }

    @Test
    void rulesFollowFastaisCode() {
        // valley: the longest decreasing subsequence of [5, 4, 6, 3, 2, 7, 1, 8] is 5 4 3 2 1 (ends at 6);
        // max_start = 6 - 5 = 1, sections = 5/3, idx = 1 + 1 + 0 = 2
        assertEquals(2, LrSuggestions.valleyIndex(new double[] {5, 4, 6, 3, 2, 7, 1, 8}));
        // steep: slope per log-lr; equal steps, so the biggest drop: between 1 and 2
        assertEquals(1, LrSuggestions.steepIndex(new double[] {1, 10, 100, 1000}, new double[] {3, 2.9, 1, 0.9}));
        // numpy.gradient([3, 2.9, 1, 0.9]) = [-0.1, -1.0, -1.0, -0.1]: argmin takes the first
        assertEquals(1, LrSuggestions.minGradIndex(new double[] {3, 2.9, 1, 0.9}));
        // numpy.gradient([3, 2.9, 2, 0.5]) = [-0.1, -0.5, -1.2, -1.5]: one-sided at the end
        assertEquals(3, LrSuggestions.minGradIndex(new double[] {3, 2.9, 2, 0.5}));
        assertFalse(LrSuggestions.of(new double[12], new double[12]).isPresent(), "too few batches");
    }
}
