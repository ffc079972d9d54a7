package org.rclab.io;

import org.rclab.core.AtomicFiles;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;

/**
 * Reads and writes a {@link TimeSeries} as comma-separated text, one row per time.
 *
 * <p>Written files have a header line {@code t,x,y,z} (a time column {@code t}, then the column
 * names) and one line per row with the time {@code t0 + i*dt} and the values, each printed with
 * {@link Double#toString(double)}, which parses back to the same double, so values round-trip
 * exactly. NaN and infinities are written as {@code nan}, {@code inf}, {@code -inf}, as NumPy
 * does. Lines end with {@code \n}; the file is UTF-8 and written atomically.
 *
 * <p>Reading skips blank lines and comment lines starting with {@code #}. The first other line is
 * the header, unless all its fields are numbers, in which case there is no header and the columns
 * are named x0, x1, ... A first column named {@code t} is the time: it gives t0 and (with
 * {@link #read(Path)}) dt, and must be uniformly spaced. Numbers are Java or Python literals
 * ({@code 1e-3}, {@code NaN}, {@code nan}, {@code inf}, {@code -Infinity}).
 */
public final class Csv {

    private Csv() {
    }

    /** Writes {@code series} with a header {@code t,<names>}, atomically. */
    public static void write(Path file, TimeSeries series) throws IOException {
        Objects.requireNonNull(series, "series");
        List<String> names = series.names();
        for (int j = 0; j < names.size(); j++) {
            checkName(j, names.get(j));
        }
        AtomicFiles.writeStream(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("t");
            for (String name : names) {
                w.write(',');
                w.write(name);
            }
            w.write('\n');
            int cols = series.cols();
            double[] row = new double[cols];
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < series.rows(); i++) {
                series.rowInto(i, row);
                line.setLength(0);
                line.append(format(series.time(i)));
                for (int j = 0; j < cols; j++) {
                    line.append(',').append(format(row[j]));
                }
                line.append('\n');
                w.append(line);
            }
            w.flush();
        });
    }

    /**
     * Reads a file with a time column {@code t}: t0 is its first value and dt its spacing (the
     * shortest decimal step that reproduces every time exactly, if there is one).
     */
    public static TimeSeries read(Path file) throws IOException {
        return read(file, Double.NaN, true);
    }

    /**
     * Reads a file sampled every {@code dt}; t0 is the first value of the {@code t} column if
     * there is one (whose spacing must then agree with dt), else 0.
     */
    public static TimeSeries read(Path file, double dt) throws IOException {
        return read(file, Checks.positive("dt", dt), false);
    }

    private static TimeSeries read(Path file, double dt, boolean inferDt) throws IOException {
        Objects.requireNonNull(file, "file");
        Table table = parse(file);
        int rows = table.rows;
        if (!table.hasTime) {
            if (inferDt) {
                throw new IOException(file + " has no 't' column, so dt is unknown: use Csv.read(file, dt)");
            }
            return TimeSeries.wrap(table.values(), rows, table.names.size(), 0.0, dt, table.names);
        }
        double[] t = Arrays.copyOf(table.times, rows);
        double t0 = rows > 0 ? t[0] : 0.0;
        if (inferDt) {
            if (rows < 2) {
                throw new IOException(file + " has " + rows + " row" + (rows == 1 ? "" : "s")
                        + ", too few to infer dt from column t: use Csv.read(file, dt)");
            }
            dt = inferStep(file, table, t);
        } else {
            checkSpacing(file, table, t, dt);
        }
        return TimeSeries.wrap(table.values(), rows, table.names.size(), t0, dt, table.names);
    }

    // ------------------------------------------------------------------ parsing

    /** Parsed content: names of the value columns, times (if any) and values, row-major. */
    private static final class Table {
        List<String> names;
        boolean hasTime;
        int rows;
        double[] times = new double[16];
        double[] data = new double[16];
        int[] lineOfRow = new int[16];

        double[] values() {
            return Arrays.copyOf(data, rows * names.size());
        }
    }

    private static Table parse(Path file) throws IOException {
        Table table = new Table();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            int fields = -1;
            String[] header = null;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte order mark
                }
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (header == null) {
                    header = parts;
                    fields = parts.length;
                    if (allNumbers(parts)) {
                        table.names = TimeSeries.defaultNames(fields);
                        table.hasTime = false;
                    } else {
                        readHeader(file, lineNo, parts, table);
                        continue;
                    }
                }
                if (parts.length != fields) {
                    throw new IOException(file + " line " + lineNo + ": expected " + fields + " values"
                            + " (as in the first line), got " + parts.length);
                }
                addRow(file, lineNo, parts, table);
            }
        }
        if (table.names == null) {
            throw new IOException(file + " has no header and no data (only blank or # comment lines)");
        }
        return table;
    }

    private static void readHeader(Path file, int lineNo, String[] parts, Table table) throws IOException {
        List<String> names = new ArrayList<>(parts.length);
        for (int j = 0; j < parts.length; j++) {
            String name = unquote(parts[j].strip());
            if (name.isEmpty()) {
                throw new IOException(file + " line " + lineNo + ": column " + (j + 1) + " of the header has no name");
            }
            names.add(name);
        }
        table.hasTime = names.get(0).equals("t");
        if (table.hasTime) {
            names.remove(0);
        }
        if (names.isEmpty()) {
            throw new IOException(file + " line " + lineNo + ": the header has a time column t but no value columns");
        }
        table.names = names;
    }

    private static void addRow(Path file, int lineNo, String[] parts, Table table) throws IOException {
        int cols = table.names.size();
        int first = table.hasTime ? 1 : 0;
        int r = table.rows;
        if (r == table.times.length) {
            int grown = (int) Math.min((long) r * 2, NpyArray.MAX_ELEMENTS);
            if (grown <= r || (long) grown * cols > NpyArray.MAX_ELEMENTS) {
                throw new IOException(file + " line " + lineNo + ": too many values for one Java array");
            }
            table.times = Arrays.copyOf(table.times, grown);
            table.lineOfRow = Arrays.copyOf(table.lineOfRow, grown);
        }
        if ((long) (r + 1) * cols > table.data.length) {
            long grown = Math.max((long) table.data.length * 2, (long) (r + 1) * cols);
            table.data = Arrays.copyOf(table.data, (int) Math.min(grown, NpyArray.MAX_ELEMENTS));
        }
        if (table.hasTime) {
            table.times[r] = number(file, lineNo, 0, "t", parts[0]);
        }
        for (int j = 0; j < cols; j++) {
            table.data[r * cols + j] = number(file, lineNo, first + j, table.names.get(j), parts[first + j]);
        }
        table.lineOfRow[r] = lineNo;
        table.rows++;
    }

    private static double number(Path file, int lineNo, int field, String name, String text) throws IOException {
        Double v = parseNumber(text);
        if (v == null) {
            throw new IOException(file + " line " + lineNo + ", column " + (field + 1) + " (" + name
                    + "): cannot parse '" + text.strip() + "' as a number");
        }
        return v;
    }

    /** The number in {@code text} (Java or Python spelling), or null. */
    static Double parseNumber(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        switch (unsigned) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                break;
        }
        char last = lower.charAt(lower.length() - 1);
        if (!(Character.isDigit(last) || last == '.')) {
            return null; // rejects Java's "1d", "1f" suffixes and hex-float oddities
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean allNumbers(String[] parts) {
        for (String p : parts) {
            if (parseNumber(p) == null) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }

    // ------------------------------------------------------------------ time column

    /** dt that best explains the times: exact reproduction first, shortest decimal first. */
    private static double inferStep(Path file, Table table, double[] t) throws IOException {
        int n = t.length;
        double t0 = t[0];
        double span = (t[n - 1] - t0) / (n - 1);
        double first = t[1] - t0;
        if (!(span > 0) || !Double.isFinite(span)) {
            throw new IOException(file + ": column t must increase, got t = " + t0 + " at line "
                    + table.lineOfRow[0] + " and t = " + t[n - 1] + " at line " + table.lineOfRow[n - 1]);
        }
        // The writer's dt reproduces every time exactly; look for it among short decimals near the
        // mean step, then among the doubles within a few ulps of it.
        double[] decimals = {round(span, 15), round(first, 15), round(span, 16), round(first, 16), first};
        for (double c : decimals) {
            if (c > 0 && reproduces(t, c)) {
                return c;
            }
        }
        double up = span;
        double down = span;
        for (int k = 0; k <= 64; k++) {
            if (reproduces(t, up)) {
                return up;
            }
            if (down > 0 && reproduces(t, down)) {
                return down;
            }
            up = Math.nextUp(up);
            down = Math.nextDown(down);
        }
        // No exact step (times rounded by another tool): the shortest step that fits them closely.
        double shortest = round(span, 15);
        if (fits(t, shortest)) {
            return shortest;
        }
        checkSpacing(file, table, t, span);
        return span;
    }

    private static boolean reproduces(double[] t, double dt) {
        double t0 = t[0];
        for (int i = 0; i < t.length; i++) {
            if (t0 + i * dt != t[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(double[] t, double dt) {
        for (int i = 0; i < t.length; i++) {
            if (!closeTo(t[i], t[0] + i * dt, dt)) {
                return false;
            }
        }
        return true;
    }

    private static boolean closeTo(double t, double expected, double dt) {
        return Math.abs(t - expected) <= 1e-6 * dt + 1e-12 * Math.abs(expected);
    }

    private static void checkSpacing(Path file, Table table, double[] t, double dt) throws IOException {
        for (int i = 0; i < t.length; i++) {
            double expected = t[0] + i * dt;
            if (!closeTo(t[i], expected, dt)) {
                throw new IOException(file + " line " + table.lineOfRow[i] + ": column t is not uniformly spaced"
                        + " with dt = " + dt + ": expected t = " + expected + " (t0 + " + i + " * dt), got " + t[i]);
            }
        }
    }

    private static double round(double x, int digits) {
        return new BigDecimal(x).round(new MathContext(digits)).doubleValue();
    }

    // ------------------------------------------------------------------ writing helpers

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    private static void checkName(int j, String name) {
        String bad = name.isEmpty() ? "is empty"
                : name.indexOf(',') >= 0 ? "contains ','"
                : name.indexOf('"') >= 0 ? "contains '\"'"
                : name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 ? "contains a line break"
                : !name.equals(name.strip()) ? "has leading or trailing spaces"
                : null;
        if (bad != null) {
            throw new IllegalArgumentException("names[" + j + "] must be a plain CSV column name (no ',', '\"',"
                    + " line breaks or surrounding spaces), got '" + name + "', which " + bad);
        }
    }
}
