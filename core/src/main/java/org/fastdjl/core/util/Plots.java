package org.fastdjl.core.util;

import org.fastdjl.core.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Line plots written as PNG files with JFreeChart, for the Recorder's {@code plot}, {@code plot_lr} and
 * {@code plot_losses}. Runs headless.
 */
public final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** One line of a plot. */
    public static final class Line {
        private final String name;
        private final double[] x;
        private final double[] y;
        private final boolean markers;
        private final boolean joined;

        /**
         * Creates a line.
         *
         * @param name the legend entry
         * @param x the x values
         * @param y the y values
         * @param markers whether to mark each point (for sparse lines such as per-epoch losses)
         */
        public Line(String name, double[] x, double[] y, boolean markers) {
            this(name, x, y, markers, true);
        }

        private Line(String name, double[] x, double[] y, boolean markers, boolean joined) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("line '" + name + "': x and y differ in length");
            }
            this.name = name;
            this.x = x;
            this.y = y;
            this.markers = markers;
            this.joined = joined;
        }

        /**
         * Marked points that no line joins, such as the LR finder's suggestions.
         *
         * @param name the legend entry
         * @param x the x values
         * @param y the y values
         * @return the points
         */
        public static Line points(String name, double[] x, double[] y) {
            return new Line(name, x, y, true, false);
        }
    }

    /**
     * Writes a line plot to a PNG file (atomically: a temporary file renamed into place).
     *
     * @param file the PNG file
     * @param title the title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param logX whether the x axis is logarithmic (learning rates)
     * @param lines the lines
     * @return the file
     */
    public static Path line(
            Path file, String title, String xLabel, String yLabel, boolean logX, List<Line> lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            XYSeries s = new XYSeries(l.name, false, true);
            for (int j = 0; j < l.x.length; j++) {
                if (Double.isFinite(l.y[j]) && (!logX || l.x[j] > 0)) {
                    s.add(l.x[j], l.y[j]);
                }
            }
            data.addSeries(s);
            renderer.setSeriesShapesVisible(i, l.markers);
            renderer.setSeriesLinesVisible(i, l.joined);
        }
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, logX ? decades(xLabel) : new NumberAxis(xLabel), yAxis, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, lines.size() > 1);
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 640, 420));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
        return file;
    }

    /** A log axis with a tick at every whole decade, labelled 1E-7, 1E-6, ... as matplotlib's 10^-7. */
    private static LogAxis decades(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0E0",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        return axis;
    }

    /**
     * Writes several lines stacked one above the other on a shared x axis, each with its own y axis
     * (fastai's {@code plot_lr(show_moms=True)} draws learning rate and momentum side by side).
     *
     * @param file the PNG file
     * @param title the title
     * @param xLabel the shared x axis label
     * @param yLabels one y label per line
     * @param lines the lines, one per panel
     * @return the file
     */
    public static Path stacked(Path file, String title, String xLabel, List<String> yLabels, List<Line> lines) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis(xLabel));
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            XYSeries s = new XYSeries(l.name, false, true);
            for (int j = 0; j < l.x.length; j++) {
                if (Double.isFinite(l.y[j])) {
                    s.add(l.x[j], l.y[j]);
                }
            }
            NumberAxis yAxis = new NumberAxis(yLabels.get(i));
            yAxis.setAutoRangeIncludesZero(false);
            combined.add(new XYPlot(new XYSeriesCollection(s), null, yAxis, new XYLineAndShapeRenderer(true, l.markers)));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 640, 560));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
        return file;
    }

    /**
     * Writes a matrix of counts as a heat map with each count written in its cell, rows top to bottom
     * (fastai's {@code plot_confusion_matrix}: actual classes down, predicted across).
     *
     * @param file the PNG file
     * @param title the title
     * @param xLabel the label of the columns
     * @param yLabel the label of the rows
     * @param labels the class names, for both axes
     * @param counts {@code counts[row][column]}
     * @return the file
     */
    public static Path matrix(Path file, String title, String xLabel, String yLabel, List<String> labels,
                              int[][] counts) {
        int n = labels.size();
        org.jfree.data.xy.DefaultXYZDataset data = new org.jfree.data.xy.DefaultXYZDataset();
        double[][] series = new double[3][n * n];
        int max = 1;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                series[0][r * n + c] = c;
                series[1][r * n + c] = r;
                series[2][r * n + c] = counts[r][c];
                max = Math.max(max, counts[r][c]);
            }
        }
        data.addSeries("counts", series);
        String[] names = labels.toArray(new String[0]);
        org.jfree.chart.axis.SymbolAxis x = new org.jfree.chart.axis.SymbolAxis(xLabel, names);
        org.jfree.chart.axis.SymbolAxis y = new org.jfree.chart.axis.SymbolAxis(yLabel, names);
        y.setInverted(true);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        org.jfree.chart.renderer.xy.XYBlockRenderer renderer = new org.jfree.chart.renderer.xy.XYBlockRenderer();
        org.jfree.chart.renderer.LookupPaintScale scale = new org.jfree.chart.renderer.LookupPaintScale(0, max + 1,
                java.awt.Color.WHITE);
        for (int i = 0; i <= 20; i++) {
            float t = i / 20f;
            scale.add(max * t, new java.awt.Color(1f - 0.8f * t, 1f - 0.6f * t, 1f - 0.2f * t));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                org.jfree.chart.annotations.XYTextAnnotation a = new org.jfree.chart.annotations.XYTextAnnotation(
                        Integer.toString(counts[r][c]), c, r);
                a.setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14));
                a.setPaint(counts[r][c] > max / 2 ? java.awt.Color.WHITE : java.awt.Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        int side = Math.max(420, 120 + 60 * n);
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, side, side));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
        return file;
    }
}
