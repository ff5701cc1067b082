package dev.mnemo.benchmarks;

import dev.mnemo.benchmarks.Curve.Latency;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.TextAttribute;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.AttributedString;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a {@link Curve}: p50 (solid) and p99 (dashed) latency against session length, one colour
 * per configuration and grey for the raw Redis floor, in three panels: appends, context reads, and
 * {@code turn} (an append and the full chat policy's context in one call; only the configurations
 * that read through Redis take it), both axes in log scale and every panel on the same latency scale. JFreeChart draws
 * it; it is written as SVG (with JFreeSVG) or PNG, by the file's extension, {@value #WIDTH} by
 * {@value #HEIGHT} pixels.
 *
 * <p>Usage: {@code Plot curve.csv picture.svg|picture.png...}: draws again a curve that a run wrote
 * (see {@link Curve}), without measuring.
 */
public final class Plot {

    /** The picture's width, in pixels. */
    static final int WIDTH = 960;

    /** The picture's height, in pixels. */
    static final int HEIGHT = 1400;

    /** The configurations' colours, in the tables' order (Okabe and Ito's, which read under colour blindness). */
    private static final List<Color> COLOURS = List.of(new Color(0x009E73), new Color(0xD55E00), new Color(0xE69F00),
            new Color(0x0072B2), new Color(0xCC79A7), new Color(0x56B4E9));
    private static final Color FLOOR_COLOUR = new Color(0x555555);
    private static final Stroke P50 = new BasicStroke(2f);
    private static final Stroke P99 = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);
    private static final Shape MARK = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    private static final Line2D LEGEND_LINE = new Line2D.Double(-14, 0, 14, 0);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private Plot() {
    }

    /**
     * Draws a curve again from its CSV.
     *
     * @param args the CSV, then one or more pictures to write, each {@code .svg} or {@code .png}
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: Plot curve.csv picture.svg|picture.png...");
            System.exit(2);
        }
        Curve curve = Curve.read(Path.of(args[0]));
        List<Path> pictures = Arrays.stream(args).skip(1).map(Path::of).toList();
        write(curve, pictures);
        pictures.forEach(picture -> System.err.println("wrote " + picture));
    }

    /**
     * Writes the curve's picture into each file, as SVG or PNG by its extension, creating directories.
     *
     * @throws IllegalArgumentException before writing anything, when a file's name ends neither in
     *                                  {@code .svg} nor in {@code .png}
     */
    static void write(Curve curve, List<Path> pictures) throws IOException {
        for (Path picture : pictures) {
            format(picture);
        }
        JFreeChart chart = chart(curve);
        for (Path picture : pictures) {
            Path parent = picture.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (format(picture).equals("svg")) {
                SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
                svg.setDefsKeyPrefix("scale-curve-"); // the default is a time stamp: the same curve gives the same file
                // a hundredth of a pixel is finer than any screen shows; the default writes 15 digits
                svg.setGeomDoubleConverter(new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT))::format);
                chart.draw(svg, new Rectangle(WIDTH, HEIGHT));
                Files.writeString(picture, svg.getSVGDocument(), StandardCharsets.UTF_8);
            } else {
                ChartUtils.saveChartAsPNG(picture.toFile(), chart, WIDTH, HEIGHT);
            }
        }
    }

    private static String format(Path picture) {
        String name = picture.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (!extension.equals("svg") && !extension.equals("png")) {
            throw new IllegalArgumentException("Cannot write a picture as '" + picture + "': name it .svg or .png");
        }
        return extension;
    }

    /** @return the chart of the curve, as described above */
    static JFreeChart chart(Curve curve) {
        int smallest = curve.series().stream().flatMap(series -> series.points().stream())
                .mapToInt(Curve.Point::size).min().orElse(10);
        int largest = curve.series().stream().flatMap(series -> series.points().stream())
                .mapToInt(Curve.Point::size).max().orElse(smallest);
        DecimalFormat grouped = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        LogAxis sizes = axis("session length (messages, log scale)", grouped::format);
        sizes.setRange(smallest / 1.6, largest * 1.6);

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(sizes);
        plot.setGap(16);
        Range latencies = decades(curve);
        plot.add(panel(curve, "append", Latency::appendP50, Latency::appendP99, smallest, largest, latencies));
        plot.add(panel(curve, "context read", Latency::contextP50, Latency::contextP99, smallest, largest, latencies));
        plot.add(panel(curve, "turn", Latency::turnP50, Latency::turnP99, smallest, largest, latencies));
        plot.setFixedLegendItems(legend(curve));

        JFreeChart chart = new JFreeChart("Mnemo: p50 and p99 latency against session length",
                new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.addSubtitle(new TextTitle(curve.run() + "; medians over rounds. The floor: raw Lettuce on the same Redis,"
                + " EVALSHA (RPUSH+LTRIM+EXPIRE+INCR) per append, LRANGE -20 -1 per read, EVALSHA (RPUSH+LTRIM+LRANGE -40)"
                + " per turn.", LABEL_FONT));
        chart.getLegend().setItemFont(LABEL_FONT);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** @return one panel: every configuration's p50 and p99 of one operation, and the floor's across all sizes */
    private static XYPlot panel(Curve curve, String operation, ToDoubleFunction<Latency> p50, ToDoubleFunction<Latency> p99,
            int smallest, int largest, Range latencies) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curve.series().size(); i++) {
            Curve.Series series = curve.series().get(i);
            Color colour = COLOURS.get(i % COLOURS.size());
            XYSeries median = line(data, renderer, series.name() + " p50", colour, P50, true);
            XYSeries tail = line(data, renderer, series.name() + " p99", colour, P99, false);
            series.points().forEach(point -> {
                add(median, point.size(), p50.applyAsDouble(point.latency()));
                add(tail, point.size(), p99.applyAsDouble(point.latency()));
            });
        }
        XYSeries floorMedian = line(data, renderer, Curve.FLOOR + " p50", FLOOR_COLOUR, P50, false);
        XYSeries floorTail = line(data, renderer, Curve.FLOOR + " p99", FLOOR_COLOUR, P99, false);
        for (int size : new int[] {smallest, largest}) {
            add(floorMedian, size, p50.applyAsDouble(curve.floor()));
            add(floorTail, size, p99.applyAsDouble(curve.floor()));
        }

        LogAxis latency = axis(operation + " latency (log scale)", Plot::duration);
        latency.setRange(latencies);
        XYPlot panel = new XYPlot(data, null, latency, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setDomainGridlinePaint(new Color(0xBBBBBB));
        panel.setRangeGridlinePaint(new Color(0xBBBBBB));
        panel.setRangeMinorGridlinesVisible(true);
        panel.setRangeMinorGridlinePaint(new Color(0xEEEEEE));
        panel.setOutlinePaint(new Color(0x888888));
        return panel;
    }

    /** @return a new series of the panel, drawn in {@code colour} and {@code stroke}, its points marked if {@code marked} */
    private static XYSeries line(XYSeriesCollection data, XYLineAndShapeRenderer renderer, String key, Color colour,
            Stroke stroke, boolean marked) {
        XYSeries series = new XYSeries(key);
        data.addSeries(series);
        int index = data.getSeriesCount() - 1;
        renderer.setSeriesPaint(index, colour);
        renderer.setSeriesStroke(index, stroke);
        renderer.setSeriesShapesVisible(index, marked);
        renderer.setSeriesShape(index, MARK);
        return series;
    }

    /** Adds a point that a log axis can show: a cell without samples has 0 there, which is left out. */
    private static void add(XYSeries series, int size, double micros) {
        if (micros > 0 && Double.isFinite(micros)) {
            series.add(size, micros);
        }
    }

    /** @return a log axis with a labelled tick at every power of ten and gridlines at its multiples */
    private static LogAxis axis(String label, DoubleFunction<String> tickLabel) {
        LogAxis axis = new LogAxis(label) {
            @Override
            protected AttributedString createTickLabel(double value) {
                AttributedString text = new AttributedString(tickLabel.apply(value));
                text.addAttribute(TextAttribute.FONT, getTickLabelFont());
                return text;
            }
        };
        axis.setTickUnit(new NumberTickUnit(1, new DecimalFormat("0"), 9));
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(LABEL_FONT.deriveFont(12f));
        return axis;
    }

    /**
     * @return the whole decades that hold every latency of the curve and its floor, in microseconds,
     *         widened where a latency lies close to an end so that its line stays clear of the frame
     */
    private static Range decades(Curve curve) {
        DoubleSummaryStatistics latencies = Stream.concat(Stream.of(curve.floor()),
                        curve.series().stream().flatMap(series -> series.points().stream()).map(Curve.Point::latency))
                .flatMapToDouble(latency -> DoubleStream.of(latency.appendP50(), latency.appendP99(),
                        latency.contextP50(), latency.contextP99(), latency.turnP50(), latency.turnP99()))
                .filter(micros -> micros > 0 && Double.isFinite(micros))
                .summaryStatistics();
        if (latencies.getCount() == 0) {
            return new Range(1, 1e6); // nothing to show: 1 us to 1 s
        }
        double lowest = Math.pow(10, Math.floor(Math.log10(latencies.getMin())));
        double highest = Math.pow(10, Math.ceil(Math.log10(latencies.getMax())));
        return new Range(Math.min(lowest, latencies.getMin() / 1.3), Math.max(highest, latencies.getMax() * 1.3));
    }

    /** @return microseconds as a tick label: "1 µs", "10 ms", "1 s" */
    private static String duration(double micros) {
        DecimalFormat format = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        if (micros >= 1e6) {
            return format.format(micros / 1e6) + " s";
        }
        if (micros >= 1e3) {
            return format.format(micros / 1e3) + " ms";
        }
        return format.format(micros) + " \u00b5s";
    }

    /** @return one line per configuration in its colour, the floor's, then what solid and dashed mean */
    private static LegendItemCollection legend(Curve curve) {
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < curve.series().size(); i++) {
            legend.add(new LegendItem(curve.series().get(i).name(), null, null, null, LEGEND_LINE, P50,
                    COLOURS.get(i % COLOURS.size())));
        }
        legend.add(new LegendItem(Curve.FLOOR, null, null, null, LEGEND_LINE, P50, FLOOR_COLOUR));
        legend.add(new LegendItem("p50 (solid)", null, null, null, LEGEND_LINE, P50, Color.BLACK));
        legend.add(new LegendItem("p99 (dashed)", null, null, null, LEGEND_LINE, P99, Color.BLACK));
        return legend;
    }
}
