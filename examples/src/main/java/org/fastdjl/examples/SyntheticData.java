package org.fastdjl.examples;

import org.fastdjl.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes the small data sets the project ships in {@code src-test-data/}, made here from fixed seeds so
 * they are the project's own (no third-party data in the repository): a ratings table with a planted
 * low-rank structure in the ML-sample layout. {@code ./fastdjl generate-data} rewrites them; a test
 * checks that the committed files equal what this code generates.
 */
public final class SyntheticData {

    private SyntheticData() {}

    /**
     * Rewrites the embedded data sets.
     *
     * @param argv {@code [--root DIR]} (default: the repository root)
     * @return 0
     * @throws IOException if a file cannot be written
     */
    public static int run(List<String> argv) throws IOException {
        Args args = Args.parse(argv, Set.of("root"), Set.of());
        Path root = args.path("root") != null ? args.path("root") : Lessons.repoRoot().resolve("src-test-data");
        Path ratings = root.resolve("movie_lens_tiny/ratings.csv");
        AtomicFiles.writeString(ratings, ratings(40, 40, 7));
        System.out.println("wrote " + ratings);
        return 0;
    }

    /**
     * A ratings CSV in the ML-sample layout ({@code userId,movieId,rating,timestamp}): each user rates
     * about 60% of the movies; a rating is {@code 3.2 + u.m + b_u + b_m + noise} with 3 latent factors,
     * rounded to half stars in [0.5, 5].
     *
     * @param users the number of users
     * @param movies the number of movies
     * @param seed the seed
     * @return the CSV text
     */
    public static String ratings(int users, int movies, long seed) {
        Random r = new Random(seed);
        int k = 3;
        double[][] u = new double[users][k];
        double[][] m = new double[movies][k];
        double[] bu = new double[users];
        double[] bm = new double[movies];
        int[] movieIds = new int[movies];
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < k; j++) {
                u[i][j] = r.nextGaussian() * 0.7;
            }
            bu[i] = r.nextGaussian() * 0.4;
        }
        for (int i = 0; i < movies; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = r.nextGaussian() * 0.7;
            }
            bm[i] = r.nextGaussian() * 0.5;
            movieIds[i] = 1 + i * 97 + r.nextInt(90);
        }
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < movies; j++) {
                if (r.nextDouble() > 0.6) {
                    continue;
                }
                double x = 3.2 + bu[i] + bm[j] + r.nextGaussian() * 0.4;
                for (int f = 0; f < k; f++) {
                    x += u[i][f] * m[j][f];
                }
                double rating = Math.max(0.5, Math.min(5.0, Math.round(x * 2) / 2.0));
                long ts = 1_100_000_000L + r.nextInt(400_000_000);
                sb.append(String.format(Locale.ROOT, "%d,%d,%.1f,%d%n", i + 1, movieIds[j], rating, ts));
            }
        }
        return sb.toString();
    }
}
