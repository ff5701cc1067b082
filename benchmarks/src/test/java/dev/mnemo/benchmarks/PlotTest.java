package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.benchmarks.Curve.Latency;
import dev.mnemo.benchmarks.Curve.Point;
import dev.mnemo.benchmarks.Curve.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Draws a small curve and checks the files it writes, never the numbers drawn in them. */
class PlotTest {

    private static final Curve CURVE = new Curve("test run", List.of(
            new Series("memory", List.of(new Point(10, new Latency(2.8, 13.2, 2.7, 4.3, 0, 0)),
                    new Point(100, new Latency(3.2, 13.6, 3.4, 5.1, 0, 0)))),
            new Series("router wb", List.of(new Point(10, new Latency(251.7, 931.9, 153.2, 568.0, 280.4, 990.2)),
                    new Point(100, new Latency(211.8, 593.2, 120.0, 384.9, 240.3, 650.7))))),
            new Latency(70.6, 152.1, 66.9, 135.9, 81.2, 160.3));

    @TempDir
    Path dir;

    @Test
    void svgIsAWellFormedSvgDocumentWhoseTextNamesEverySeries() throws Exception {
        Path svg = dir.resolve("curve.svg");
        Plot.write(CURVE, List.of(svg));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        // JFreeSVG names the SVG 1.0 DTD: parse without fetching it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(svg.toFile());
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");

        NodeList texts = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            words.add(texts.item(i).getTextContent());
        }
        // The legend's; tick labels and the rotated axis labels are drawn as glyph outlines, not text.
        assertThat(words).contains("memory", "router wb", Curve.FLOOR, "p50 (solid)", "p99 (dashed)",
                "session length (messages, log scale)");
    }

    @Test
    void chartHasPanelsForAppendsContextReadsAndTurnsOnOneScaleWithTurnsOnlyWhereTaken() {
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) Plot.chart(CURVE).getPlot();

        List<XYPlot> panels = plot.getSubplots();
        assertThat(panels).extracting(panel -> panel.getRangeAxis().getLabel()).containsExactly(
                "append latency (log scale)", "context read latency (log scale)", "turn latency (log scale)");
        assertThat(panels).extracting(panel -> panel.getRangeAxis().getRange()).containsOnly(
                panels.get(0).getRangeAxis().getRange());
        XYSeriesCollection turns = (XYSeriesCollection) panels.get(2).getDataset();
        // memory takes no turns (0 in the curve): its line is empty, not drawn at a latency of 0
        assertThat(turns.getSeries("memory p50").getItemCount()).isZero();
        assertThat(turns.getSeries("router wb p50").getItemCount()).isEqualTo(2);
        assertThat(turns.getSeries(Curve.FLOOR + " p50").getMaxY()).isEqualTo(81.2);
    }

    @Test
    void sameCurveWritesTheSameSvg() throws Exception {
        Plot.write(CURVE, List.of(dir.resolve("a.svg"), dir.resolve("b.svg")));

        assertThat(Files.readString(dir.resolve("a.svg"))).isEqualTo(Files.readString(dir.resolve("b.svg")));
    }

    @Test
    void pngIsAnImageOfThePicturesSize() throws Exception {
        Path png = dir.resolve("nested/curve.png");
        Plot.write(CURVE, List.of(png));

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Plot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Plot.HEIGHT);
    }

    @Test
    void anotherExtensionIsRefusedBeforeAnythingIsWritten() {
        Path svg = dir.resolve("curve.svg");

        assertThatThrownBy(() -> Plot.write(CURVE, List.of(svg, dir.resolve("curve.pdf"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("curve.pdf");
        assertThat(svg).doesNotExist();
    }
}
