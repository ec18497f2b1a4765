package org.fastdjl.spark.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.fastdjl.core.io.AtomicFiles;

/**
 * An adult-like tabular problem the Spark tests and benchmark generate for themselves (no third-party
 * data): {@code id}; {@code color}, text with a leading space as in the adult file, 5% missing;
 * {@code size}, an integer category; {@code x}, continuous, 5% missing; {@code z}, continuous; and
 * {@code target}, {@code yes} when {@code x + 1.5 [color is red] - 0.5 size > 0}, with 5% noise. A row
 * depends only on the seed and its id, so a table and a file of the same seed agree row for row.
 */
public final class GeneratedRows {

    /** The categorical columns. */
    public static final String[] CAT_NAMES = {"color", "size"};
    /** The continuous columns. */
    public static final String[] CONT_NAMES = {"x", "z"};
    /** The label column. */
    public static final String TARGET = "target";

    private static final String[] COLORS = {" red", " green", " blue"};

    private GeneratedRows() {
    }

    /** One row's values. */
    private record Values(String color, int size, double x, double z, boolean yes) {
        static Values of(long seed, long id) {
            Random r = new Random(seed * 1_000_003L + id);
            String c = COLORS[r.nextInt(COLORS.length)];
            int s = r.nextInt(3);
            double xv = r.nextGaussian();
            double zv = 100 + 10 * r.nextGaussian();
            boolean yes = xv + (c.equals(" red") ? 1.5 : 0) - 0.5 * s > 0;
            if (r.nextDouble() < 0.05) {
                yes = !yes;
            }
            return new Values(r.nextDouble() < 0.05 ? null : c, s, r.nextDouble() < 0.05 ? Double.NaN : xv, zv, yes);
        }
    }

    /**
     * The rows as a table, to train on.
     *
     * @param n the number of rows
     * @param seed the seed
     * @return the table: id, color, size, x, z, target
     */
    public static Table table(int n, long seed) {
        LongColumn id = LongColumn.create("id");
        StringColumn color = StringColumn.create("color");
        IntColumn size = IntColumn.create("size");
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn z = DoubleColumn.create("z");
        StringColumn target = StringColumn.create(TARGET);
        for (int i = 0; i < n; i++) {
            Values v = Values.of(seed, i);
            id.append(i);
            if (v.color() == null) {
                color.appendMissing();
            } else {
                color.append(v.color());
            }
            size.append(v.size());
            if (Double.isNaN(v.x())) {
                x.appendMissing();
            } else {
                x.append(v.x());
            }
            z.append(v.z());
            target.append(v.yes() ? "yes" : "no");
        }
        return Table.create("generated", id, color, size, x, z, target);
    }

    /**
     * Writes the rows as a CSV file with a header (missing values empty, numbers as Java prints them),
     * streamed: a million rows take about 45 MB and no memory to speak of.
     *
     * @param file the file (written to a temporary file and renamed)
     * @param n the number of rows
     * @param seed the seed
     * @param withTarget whether to write the label column
     * @throws IOException if it cannot be written
     */
    public static void writeCsv(Path file, long n, long seed, boolean withTarget) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("id,color,size,x,z" + (withTarget ? "," + TARGET : "") + "\n");
            StringBuilder sb = new StringBuilder(64);
            for (long i = 0; i < n; i++) {
                Values v = Values.of(seed, i);
                sb.setLength(0);
                sb.append(i).append(',').append(v.color() == null ? "" : v.color()).append(',').append(v.size())
                        .append(',').append(Double.isNaN(v.x()) ? "" : Double.toString(v.x())).append(',')
                        .append(v.z());
                if (withTarget) {
                    sb.append(',').append(v.yes() ? "yes" : "no");
                }
                w.append(sb).append('\n');
            }
            w.flush();
        });
    }

    /**
     * Ratings of a planted low-rank model, to train a collab learner: users 1..{@code users}, movies
     * 101..100+{@code items}, every pair rated.
     *
     * @param users the number of users
     * @param items the number of movies
     * @param seed the seed
     * @return userId, movieId, rating
     */
    public static Table ratings(int users, int items, long seed) {
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
                uc.append(i + 1);
                ic.append(101 + j);
                rc.append(Math.max(0.5, Math.min(5, 3 + 0.6 * (u[i][0] * m[j][0] + u[i][1] * m[j][1])
                        + 0.3 * r.nextGaussian())));
            }
        }
        return Table.create("ratings", uc, ic, rc);
    }
}
