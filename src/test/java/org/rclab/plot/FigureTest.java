package org.rclab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureTest {

    @TempDir
    Path dir;

    @Test
    void writesPngAndSvgOfTheRightSize() throws Exception {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, 0, 1, 0};
        Path png = Figure.of(2,
                        Figure.panel("a", "time", "x").line("truth", x, y, Figure.BLACK).dashed("ESN", x, x, Figure.RED)
                                .verticalLine(1.5, "VPT"),
                        Figure.panel("b", "x", "z").points("p", y, x, Figure.BLUE).withLogY())
                .cellSize(300, 200).write(dir.resolve("fig"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(600, image.getWidth());
        assertEquals(200, image.getHeight());
        String svg = Files.readString(dir.resolve("fig.svg"));
        assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, 20));
        assertTrue(svg.contains("truth"));
        // something was drawn: not a blank image
        int dark = 0;
        for (int i = 0; i < 600; i += 3) {
            for (int j = 0; j < 200; j += 3) {
                if ((image.getRGB(i, j) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 50, "dark pixels " + dark);
    }

    @Test
    void heatmapPanel() throws Exception {
        double[] t = new double[50];
        double[] s = new double[20];
        double[][] z = new double[50][20];
        for (int i = 0; i < 50; i++) {
            t[i] = i;
            for (int j = 0; j < 20; j++) {
                s[j] = j;
                z[i][j] = Math.sin(i * 0.2 + j * 0.5);
            }
        }
        Path png = Figure.of(1, Figure.panel("KS", "t", "x").heatmap(t, s, z, -1, 1, "u")).write(dir.resolve("heat.png"));
        assertTrue(Files.size(png) > 1000);
        assertThrows(IllegalArgumentException.class, () -> Figure.panel("KS", "t", "x").heatmap(t, s, z, 1, 1, "u"));
    }

    @Test
    void markersKeepTheirOrientationOnLineAndHeatmapPanels() {
        double[] t = {0, 1, 2, 3};
        double[] s = {0, 1, 2};
        double[][] z = new double[4][3];
        Figure.Panel line = Figure.panel("line", "t", "x").line("x", t, t, Figure.BLACK);
        Figure.Panel heat = Figure.panel("KS", "t", "x").heatmap(t, s, z, -1, 1, "u");
        for (Figure.Panel p : List.of(line, heat)) {
            XYPlot plot = Figure.chart(p.horizontalLine(1.5, "y = 1.5").verticalLine(2.5, "t = 2.5")).getXYPlot();
            // a horizontal line at y is a range-axis marker, a vertical line at x a domain-axis one
            assertEquals(List.of(1.5), values(plot.getRangeMarkers(Layer.FOREGROUND)), p.title());
            assertEquals(List.of(2.5), values(plot.getDomainMarkers(Layer.FOREGROUND)), p.title());
        }
    }

    private static List<Double> values(Collection<?> markers) {
        List<Double> v = new ArrayList<>();
        if (markers != null) {
            for (Object m : markers) {
                v.add(((ValueMarker) m).getValue());
            }
        }
        return v;
    }
}
