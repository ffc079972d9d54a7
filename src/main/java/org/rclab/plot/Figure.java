package org.rclab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.rclab.core.AtomicFiles;
import org.rclab.core.Checks;

/**
 * A figure of one or more panels laid out on a grid, drawn with JFreeChart and written headless
 * as PNG and SVG (JFreeSVG), in one consistent style: white background, light grid, labelled axes,
 * a legend per panel, truth in black and models in colour. Immutable builders, no global state.
 *
 * <pre>{@code
 * Figure.of(2, Figure.panel("true", "x", "z").line("truth", x, z, Figure.BLACK))
 *       .write(Path.of("out/attractor"));   // out/attractor.png and out/attractor.svg
 * }</pre>
 */
public final class Figure {

    /** Truth. */
    public static final Color BLACK = new Color(0x22, 0x22, 0x22);
    /** The model's prediction. */
    public static final Color RED = new Color(0xd6, 0x27, 0x28);
    /** A second model. */
    public static final Color BLUE = new Color(0x1f, 0x77, 0xb4);
    /** A third model. */
    public static final Color GREEN = new Color(0x2c, 0xa0, 0x2c);
    /** Markers and thresholds. */
    public static final Color GREY = new Color(0x88, 0x88, 0x88);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** How a series is drawn. */
    public enum Style { LINE, THIN, DASHED, POINTS, MARKERS }

    /** One data series of a panel. */
    public record Series(String name, double[] x, double[] y, Color color, Style style) {
        public Series {
            Checks.require(x.length == y.length, "series '" + name + "' needs x and y of equal length, got "
                    + x.length + " and " + y.length);
        }
    }

    /**
     * A field z[i][j] at x[i], y[j] drawn as coloured blocks on a diverging blue-white-red scale
     * from {@code lo} to {@code hi} (space-time plots of Kuramoto-Sivashinsky, as in Pathak et al.
     * 2018, Fig. 1).
     */
    public record Heatmap(double[] x, double[] y, double[][] z, double lo, double hi, String scaleLabel) {
        public Heatmap {
            Checks.require(z.length == x.length, "heatmap needs one row of z per x, got " + z.length + " rows for "
                    + x.length + " x values");
            Checks.require(hi > lo, "heatmap needs hi > lo, got [" + lo + ", " + hi + "]");
        }
    }

    /** A vertical (or horizontal) reference line with a label. */
    public record Marker(double value, String label, boolean vertical) {
    }

    /** One panel: a title, axis labels, series and markers. Immutable; the methods return copies. */
    public record Panel(String title, String xLabel, String yLabel, List<Series> series, List<Marker> markers,
                        boolean logY, boolean integerX, Heatmap heatmap) {

        public Panel {
            series = List.copyOf(series);
            markers = List.copyOf(markers);
        }

        public Panel line(String name, double[] x, double[] y, Color color) {
            return with(new Series(name, x, y, color, Style.LINE));
        }

        /** A hairline, for long trajectories such as attractors. */
        public Panel thin(String name, double[] x, double[] y, Color color) {
            return with(new Series(name, x, y, color, Style.THIN));
        }

        public Panel dashed(String name, double[] x, double[] y, Color color) {
            return with(new Series(name, x, y, color, Style.DASHED));
        }

        public Panel points(String name, double[] x, double[] y, Color color) {
            return with(new Series(name, x, y, color, Style.POINTS));
        }

        public Panel verticalLine(double x, String label) {
            List<Marker> m = new ArrayList<>(markers);
            m.add(new Marker(x, label, true));
            return new Panel(title, xLabel, yLabel, series, m, logY, integerX, heatmap);
        }

        public Panel horizontalLine(double y, String label) {
            List<Marker> m = new ArrayList<>(markers);
            m.add(new Marker(y, label, false));
            return new Panel(title, xLabel, yLabel, series, m, logY, integerX, heatmap);
        }

        public Panel withLogY() {
            return new Panel(title, xLabel, yLabel, series, markers, true, integerX, heatmap);
        }

        /** Integer ticks on the x axis (for indices). */
        public Panel withIntegerX() {
            return new Panel(title, xLabel, yLabel, series, markers, logY, true, heatmap);
        }

        /** This panel drawn as a heatmap of {@code z[i][j]} over x[i], y[j]. */
        public Panel heatmap(double[] x, double[] y, double[][] z, double lo, double hi, String scaleLabel) {
            return new Panel(title, xLabel, yLabel, series, markers, logY, integerX, new Heatmap(x, y, z, lo, hi,
                    scaleLabel));
        }

        /** A line with a large marker at every point (a distinct shape per series), for short sequences. */
        public Panel markers(String name, double[] x, double[] y, Color color) {
            return with(new Series(name, x, y, color, Style.MARKERS));
        }

        private Panel with(Series s) {
            List<Series> all = new ArrayList<>(series);
            all.add(s);
            return new Panel(title, xLabel, yLabel, all, markers, logY, integerX, heatmap);
        }
    }

    private final List<Panel> panels;
    private final int columns;
    private final int cellWidth;
    private final int cellHeight;

    private Figure(List<Panel> panels, int columns, int cellWidth, int cellHeight) {
        Checks.require(!panels.isEmpty(), "a figure needs at least one panel");
        this.panels = List.copyOf(panels);
        this.columns = Checks.positive("columns", columns);
        this.cellWidth = Checks.positive("cellWidth", cellWidth);
        this.cellHeight = Checks.positive("cellHeight", cellHeight);
    }

    /** An empty panel with a title and axis labels. */
    public static Panel panel(String title, String xLabel, String yLabel) {
        return new Panel(title, xLabel, yLabel, List.of(), List.of(), false, false, null);
    }

    /** A figure of the panels in {@code columns} columns, 520 x 380 pixels a cell. */
    public static Figure of(int columns, Panel... panels) {
        return new Figure(List.of(panels), columns, 520, 380);
    }

    /** A figure of the panels in {@code columns} columns. */
    public static Figure of(int columns, List<Panel> panels) {
        return new Figure(panels, columns, 520, 380);
    }

    /** The same figure with cells of the given size in pixels. */
    public Figure cellSize(int width, int height) {
        return new Figure(panels, columns, width, height);
    }

    /** Width of the whole figure in pixels. */
    public int width() {
        return cellWidth * Math.min(columns, panels.size());
    }

    /** Height of the whole figure in pixels. */
    public int height() {
        return cellHeight * ((panels.size() + columns - 1) / columns);
    }

    /**
     * Writes {@code base.png} and {@code base.svg} (each atomically) and returns the PNG's path.
     * {@code base} may end in ".png", which is dropped. Figures with heatmaps are written as PNG
     * only: as vectors every cell is a rectangle (tens of megabytes for one KS window).
     */
    public Path write(Path base) throws IOException {
        String name = base.getFileName().toString();
        if (name.endsWith(".png") || name.endsWith(".svg")) {
            name = name.substring(0, name.length() - 4);
        }
        Path png = base.resolveSibling(name + ".png");
        Path svg = base.resolveSibling(name + ".svg");
        BufferedImage image = toImage();
        AtomicFiles.writeStream(png, out -> ImageIO.write(image, "png", out));
        if (panels.stream().anyMatch(p -> p.heatmap() != null)) {
            java.nio.file.Files.deleteIfExists(svg);
            return png;
        }
        AtomicFiles.writeString(svg, toSvg());
        return png;
    }

    /** The PNG bytes (for notebooks that display images). */
    public byte[] toPng() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(toImage(), "png", bytes);
        return bytes.toByteArray();
    }

    /** The figure as an image (for notebooks: {@code display(figure.toImage())}). */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        draw(g);
        g.dispose();
        return image;
    }

    /** The SVG document as text. */
    public String toSvg() {
        SVGGraphics2D s = new SVGGraphics2D(width(), height());
        draw(s);
        return s.getSVGDocument();
    }

    private void draw(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        for (int p = 0; p < panels.size(); p++) {
            int col = p % columns;
            int row = p / columns;
            chart(panels.get(p)).draw(g, new Rectangle(col * cellWidth, row * cellHeight, cellWidth, cellHeight));
        }
    }

    private static JFreeChart heatmapChart(Panel panel) {
        Heatmap h = panel.heatmap();
        int nx = h.x().length;
        int ny = h.y().length;
        double[][] xyz = new double[3][nx * ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int p = i * ny + j;
                xyz[0][p] = h.x()[i];
                xyz[1][p] = h.y()[j];
                xyz[2][p] = h.z()[i][j];
            }
        }
        org.jfree.data.xy.DefaultXYZDataset data = new org.jfree.data.xy.DefaultXYZDataset();
        data.addSeries("z", xyz);
        org.jfree.chart.renderer.xy.XYBlockRenderer renderer = new org.jfree.chart.renderer.xy.XYBlockRenderer();
        renderer.setBlockWidth(nx > 1 ? Math.abs(h.x()[1] - h.x()[0]) : 1);
        renderer.setBlockHeight(ny > 1 ? Math.abs(h.y()[1] - h.y()[0]) : 1);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        org.jfree.chart.renderer.PaintScale scale = new DivergingScale(h.lo(), h.hi());
        renderer.setPaintScale(scale);
        NumberAxis x = new NumberAxis(panel.xLabel());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(panel.yLabel());
        y.setAutoRangeIncludesZero(false);
        for (NumberAxis axis : new NumberAxis[] {x, y}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
            axis.setLowerMargin(0);
            axis.setUpperMargin(0);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (Marker m : panel.markers()) {
            ValueMarker vm = new ValueMarker(m.value(), BLACK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 3f}, 0f));
            addMarker(plot, m, vm);
        }
        JFreeChart chart = new JFreeChart(null, TITLE, plot, false);
        if (panel.title() != null && !panel.title().isEmpty()) {
            chart.setTitle(new TextTitle(panel.title(), TITLE));
        }
        NumberAxis scaleAxis = new NumberAxis(h.scaleLabel());
        scaleAxis.setTickLabelFont(TICK);
        scaleAxis.setLabelFont(TICK);
        scaleAxis.setRange(h.lo(), h.hi());
        org.jfree.chart.title.PaintScaleLegend legend = new org.jfree.chart.title.PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(org.jfree.chart.ui.RectangleEdge.RIGHT);
        legend.setStripWidth(12);
        legend.setMargin(4, 4, 4, 4);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Blue (low) - white (middle) - red (high), clamped at the ends. */
    private record DivergingScale(double lo, double hi) implements org.jfree.chart.renderer.PaintScale {
        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, (value - lo) / (hi - lo)));
            Color a;
            Color b;
            double f;
            if (t < 0.5) {
                a = new Color(0x1a, 0x3d, 0x8f);
                b = Color.WHITE;
                f = t / 0.5;
            } else {
                a = Color.WHITE;
                b = new Color(0xb2, 0x18, 0x2b);
                f = (t - 0.5) / 0.5;
            }
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }

    /** The panel's chart (package-private for tests). */
    static JFreeChart chart(Panel panel) {
        if (panel.heatmap() != null) {
            return heatmapChart(panel);
        }
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        Shape dot = new Ellipse2D.Double(-1.5, -1.5, 3, 3);
        for (int k = 0; k < panel.series().size(); k++) {
            Series s = panel.series().get(k);
            data.addSeries(uniqueKey(panel, k), new double[][] {s.x(), s.y()});
            renderer.setSeriesPaint(k, s.color());
            switch (s.style()) {
                case LINE -> {
                    renderer.setSeriesLinesVisible(k, true);
                    renderer.setSeriesShapesVisible(k, false);
                    renderer.setSeriesStroke(k, new BasicStroke(1.4f));
                }
                case THIN -> {
                    renderer.setSeriesLinesVisible(k, true);
                    renderer.setSeriesShapesVisible(k, false);
                    renderer.setSeriesStroke(k, new BasicStroke(0.35f));
                }
                case DASHED -> {
                    renderer.setSeriesLinesVisible(k, true);
                    renderer.setSeriesShapesVisible(k, false);
                    renderer.setSeriesStroke(k, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                            new float[] {6f, 4f}, 0f));
                }
                case MARKERS -> {
                    renderer.setSeriesLinesVisible(k, true);
                    renderer.setSeriesShapesVisible(k, true);
                    renderer.setSeriesStroke(k, new BasicStroke(1.2f));
                    Shape[] shapes = {new Ellipse2D.Double(-5, -5, 10, 10), new Rectangle(-4, -4, 8, 8),
                        new java.awt.Polygon(new int[] {0, 5, -5}, new int[] {-5, 4, 4}, 3)};
                    renderer.setSeriesShape(k, shapes[k % shapes.length]);
                    renderer.setSeriesShapesFilled(k, k % 2 == 0);
                }
                case POINTS -> {
                    renderer.setSeriesLinesVisible(k, false);
                    renderer.setSeriesShapesVisible(k, true);
                    renderer.setSeriesShape(k, dot);
                }
                default -> throw new AssertionError(s.style());
            }
        }
        NumberAxis x = new NumberAxis(panel.xLabel());
        x.setAutoRangeIncludesZero(false);
        if (panel.integerX()) {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        org.jfree.chart.axis.ValueAxis y;
        if (panel.logY()) {
            y = new org.jfree.chart.axis.LogAxis(panel.yLabel());
        } else {
            NumberAxis linear = new NumberAxis(panel.yLabel());
            linear.setAutoRangeIncludesZero(false);
            y = linear;
        }
        for (var axis : new org.jfree.chart.axis.ValueAxis[] {x, y}) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setOutlinePaint(GREY);
        for (Marker m : panel.markers()) {
            ValueMarker vm = new ValueMarker(m.value(), GREY, new BasicStroke(1.3f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 3f}, 0f));
            vm.setLabelPaint(BLACK);
            addMarker(plot, m, vm);
        }
        JFreeChart chart = new JFreeChart(null, TITLE, plot, panel.series().size() > 1);
        if (panel.title() != null && !panel.title().isEmpty()) {
            chart.setTitle(new TextTitle(panel.title(), TITLE));
        }
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(TICK);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        chart.setAntiAlias(true);
        return chart;
    }

    /** Series keys must be unique within a dataset; repeated names get invisible suffixes. */
    private static String uniqueKey(Panel panel, int k) {
        String name = panel.series().get(k).name();
        int dup = 0;
        for (int j = 0; j < k; j++) {
            if (panel.series().get(j).name().equals(name)) {
                dup++;
            }
        }
        return dup == 0 ? name : name + "\u200b".repeat(dup);
    }

    /** Labels {@code vm} as {@code m} and adds it to the x axis (a vertical line) or the y axis. */
    private static void addMarker(XYPlot plot, Marker m, ValueMarker vm) {
        vm.setLabel(m.label());
        vm.setLabelFont(TICK);
        if (m.vertical()) {
            vm.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            vm.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(vm);
        } else {
            vm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            vm.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(vm);
        }
    }
}
