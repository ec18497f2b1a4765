package org.fastdjl.tabular;

import java.util.Random;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables the tabular tests generate for themselves (no third-party data): an adult-like problem whose
 * label the model can learn.
 */
public final class GeneratedTables {

    private GeneratedTables() {
    }

    /**
     * An adult-like table: {@code color} (text with leading spaces, some empty), {@code size} (integer
     * category), {@code x} (continuous, some missing), {@code z} (continuous), {@code target} (
     * {@code "yes"} when {@code x + 1.5 [color is " red"] - 0.5 size > 0}, with 5% noise) and a float
     * {@code score} for regression ({@code 2x + size + noise}).
     *
     * @param n the number of rows
     * @param seed the seed
     * @return the table
     */
    public static Table adultLike(int n, long seed) {
        Random r = new Random(seed);
        String[] colors = {" red", " green", " blue"};
        StringColumn color = StringColumn.create("color");
        IntColumn size = IntColumn.create("size");
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn z = DoubleColumn.create("z");
        StringColumn target = StringColumn.create("target");
        DoubleColumn score = DoubleColumn.create("score");
        for (int i = 0; i < n; i++) {
            String c = colors[r.nextInt(colors.length)];
            int s = r.nextInt(3);
            double xv = r.nextGaussian();
            double zv = 100 + 10 * r.nextGaussian();
            boolean yes = xv + (c.equals(" red") ? 1.5 : 0) - 0.5 * s > 0;
            if (r.nextDouble() < 0.05) {
                yes = !yes;
            }
            if (r.nextDouble() < 0.05) {
                color.appendMissing();
            } else {
                color.append(c);
            }
            size.append(s);
            if (r.nextDouble() < 0.05) {
                x.appendMissing();
            } else {
                x.append(xv);
            }
            z.append(zv);
            target.append(yes ? "yes" : "no");
            score.append(2 * xv + s + 0.1 * r.nextGaussian());
        }
        return Table.create("generated", color, size, x, z, target, score);
    }
}
