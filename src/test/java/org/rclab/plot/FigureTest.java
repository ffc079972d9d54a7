package org.rclab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

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
}
