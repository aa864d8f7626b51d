package io.optiinfra.e2e.support.perf;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Charts for the report, rendered to PNG bytes with JFreeChart (headless). */
public final class Charts {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 380;

    private Charts() {}

    /** Latency percentiles (ms) against the throughput actually achieved (req/s), one point per load step. */
    public static byte[] throughputLatency(String title, List<LatencyFigures> steps, double stepSeconds) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50");
        XYSeries p95 = new XYSeries("p95");
        XYSeries p99 = new XYSeries("p99");
        for (LatencyFigures step : steps) {
            double throughput = (step.requests() - step.errors()) / stepSeconds;
            p50.add(throughput, step.p50());
            p95.add(throughput, step.p95());
            p99.add(throughput, step.p99());
        }
        data.addSeries(p50);
        data.addSeries(p95);
        data.addSeries(p99);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "throughput (requests/s)", "latency (ms)", data,
                PlotOrientation.VERTICAL, true, false, false);
        return png(chart);
    }

    /** The latency distribution of one step: request counts per logarithmic latency bucket. */
    public static byte[] latencyHistogram(String title, Histogram micros) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (HistogramIterationValue bucket : micros.logarithmicBucketValues(250, 2.0)) {
            if (bucket.getCountAddedInThisIterationStep() > 0 || bucket.getValueIteratedTo() <= micros.getMaxValue()) {
                data.addValue(bucket.getCountAddedInThisIterationStep(), "requests",
                        "≤ " + format(bucket.getValueIteratedTo() / 1000.0) + " ms");
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "latency bucket", "requests", data,
                PlotOrientation.VERTICAL, false, false, false);
        return png(chart);
    }

    /** A value over named phases, in order (e.g. monthly cost before, at the canary, at 50 %, at 100 %). */
    public static byte[] phases(String title, String valueLabel, Map<String, Double> byPhase) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        byPhase.forEach((phase, value) -> data.addValue(value, valueLabel, phase));
        JFreeChart chart = ChartFactory.createLineChart(title, "phase", valueLabel, data, PlotOrientation.VERTICAL,
                false, false, false);
        return png(chart);
    }

    private static String format(double ms) {
        return ms >= 10 ? String.valueOf(Math.round(ms)) : String.valueOf(Math.round(ms * 10) / 10.0);
    }

    private static byte[] png(JFreeChart chart) {
        System.setProperty("java.awt.headless", "true");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart " + chart.getTitle().getText(), e);
        }
    }
}
