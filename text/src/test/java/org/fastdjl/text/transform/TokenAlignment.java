package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.List;

/** Aligns two token sequences (longest common subsequence) to count and show where they differ. */
final class TokenAlignment {

    private TokenAlignment() {
    }

    /** The length of a longest common subsequence of {@code a} and {@code b}. */
    static int lcsLength(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** The differing stretches, each with a little context, as "- expected / + actual" lines. */
    static String describeDiff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] l = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                l[i][j] = expected.get(i).equals(actual.get(j)) ? l[i + 1][j + 1] + 1
                        : Math.max(l[i + 1][j], l[i][j + 1]);
            }
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                i++;
                j++;
                continue;
            }
            int i0 = i;
            int j0 = j;
            while ((i < n || j < m) && !(i < n && j < m && expected.get(i).equals(actual.get(j)))) {
                if (j >= m || (i < n && l[i + 1][j] >= l[i][j + 1])) {
                    i++;
                } else {
                    j++;
                }
            }
            List<String> ctx = new ArrayList<>(expected.subList(Math.max(0, i0 - 4), i0));
            sb.append("  at ").append(i0).append(" after ").append(show(ctx)).append('\n')
                    .append("  - ").append(show(expected.subList(i0, i))).append('\n')
                    .append("  + ").append(show(actual.subList(j0, j))).append('\n');
        }
        return sb.toString();
    }

    private static String show(List<String> toks) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < toks.size(); k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append('"').append(toks.get(k).replace("\n", "\\n")).append('"');
        }
        return sb.append(']').toString();
    }
}
