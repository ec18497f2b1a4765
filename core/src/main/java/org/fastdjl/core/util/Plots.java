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

        /**
         * Creates a line.
         *
         * @param name the legend entry
         * @param x the x values
         * @param y the y values
         * @param markers whether to mark each point (for sparse lines such as per-epoch losses)
         */
        public Line(String name, double[] x, double[] y, boolean markers) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("line '" + name + "': x and y differ in length");
            }
            this.name = name;
            this.x = x;
            this.y = y;
            this.markers = markers;
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
        }
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(
                data, logX ? new LogAxis(xLabel) : new NumberAxis(xLabel), yAxis, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, lines.size() > 1);
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 640, 420));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
        return file;
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
            combined.add(new XYPlot(new XYSeriesCollection(s), null, yAxis, new XYLineAndShapeRenderer(true, false)));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        try {
            AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 640, 560));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + file, e);
        }
        return file;
    }
}
