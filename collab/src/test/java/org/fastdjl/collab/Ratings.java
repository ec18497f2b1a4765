package org.fastdjl.collab;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.Random;

/** Generated ratings tables for tests. */
public final class Ratings {

    private Ratings() {}

    /**
     * Ratings of {@code users x items} with a planted rank-2 structure plus user and item biases; every
     * pair rated.
     *
     * @param users number of users (ids 1..users)
     * @param items number of items (ids 101..100+items)
     * @param seed the seed
     * @return a table userId, movieId, rating
     */
    public static Table planted(int users, int items, long seed) {
        Random r = new Random(seed);
        double[][] u = new double[users][2];
        double[][] m = new double[items][2];
        for (double[] v : u) {
            v[0] = r.nextGaussian();
            v[1] = r.nextGaussian();
        }
        for (double[] v : m) {
            v[0] = r.nextGaussian();
            v[1] = r.nextGaussian();
        }
        IntColumn uc = IntColumn.create("userId");
        IntColumn ic = IntColumn.create("movieId");
        DoubleColumn rc = DoubleColumn.create("rating");
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < items; j++) {
                double x = 3 + 0.6 * (u[i][0] * m[j][0] + u[i][1] * m[j][1]) + 0.3 * r.nextGaussian();
                uc.append(i + 1);
                ic.append(101 + j);
                rc.append(Math.max(0.5, Math.min(5, x)));
            }
        }
        return Table.create("ratings", uc, ic, rc);
    }
}
