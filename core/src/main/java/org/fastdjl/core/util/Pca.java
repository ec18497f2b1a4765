package org.fastdjl.core.util;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.fastdjl.core.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Principal components as fastai's {@code Tensor.pca(k)}: the rows centred, projected on the first
 * {@code k} right singular vectors (commons-math's SVD). A component's sign is arbitrary.
 */
public final class Pca {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Pca() {}

    /**
     * Projects rows on their first principal components.
     *
     * @param x the rows (e.g. one factor vector per movie)
     * @param k the number of components
     * @return one row of {@code k} coordinates per input row
     */
    public static double[][] pca(float[][] x, int k) {
        int n = x.length;
        int d = x[0].length;
        double[][] c = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (float[] row : x) {
                mean += row[j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c[i][j] = x[i][j] - mean;
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(c, false);
        RealMatrix v = new SingularValueDecomposition(m).getV();
        return m.multiply(v.getSubMatrix(0, d - 1, 0, Math.min(k, d) - 1)).getData();
    }

    /**
     * Plots some rows on two components, each labelled, as the notebook's scatter of movies.
     *
     * @param file the PNG file
     * @param coords the projected rows
     * @param fx the component on the x axis
     * @param fy the component on the y axis
     * @param labels one label per row
     * @param n how many rows to plot (chosen at random)
     * @param seed the seed of the choice
     * @return the file
     */
    public static Path scatter(Path file, double[][] coords, int fx, int fy, List<String> labels, int n, long seed) {
        Random r = new Random(seed);
        XYSeries s = new XYSeries("rows", false, true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), new NumberAxis("factor " + fx),
                new NumberAxis("factor " + fy), renderer);
        int count = Math.min(n, coords.length);
        int[] idx = r.ints(0, coords.length).distinct().limit(count).toArray();
        for (int i : idx) {
            s.add(coords[i][fx], coords[i][fy]);
            plot.addAnnotation(new XYTextAnnotation(labels.get(i), coords[i][fx], coords[i][fy]));
        }
        JFreeChart chart = new JFreeChart("Principal components", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 1000, 1000));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }
}
