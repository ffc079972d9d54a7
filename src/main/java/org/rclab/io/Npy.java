package org.rclab.io;

import org.rclab.core.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.rclab.core.Checks;
import org.rclab.core.TimeSeries;
import org.rclab.io.NpyArray.Dtype;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Format (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">
 * numpy.lib.format</a>): the magic {@code \x93NUMPY}, a major and minor version byte, the header
 * length (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal such
 * as {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }}, padded with spaces and
 * ended by {@code '\n'} so that the data starts at a multiple of 64 bytes, then the raw elements.
 *
 * <p>Writing produces the same bytes as NumPy 2.x {@code np.save}: little-endian, C order, a
 * version 1.0 header (2.0 only if the header would not fit) with NumPy's 21-character growth space
 * after the dict, aligned to 64 bytes. Reading accepts {@code f8}, {@code f4}, {@code i8} and
 * {@code i4} in either byte order, C or Fortran order, and any number of dimensions; Fortran-order
 * data is returned in C order. Bytes after the data are ignored, as NumPy does.
 *
 * <p>Files are read and written through {@link FileChannel} in 1 MiB chunks; writes are atomic
 * ({@link AtomicFiles}). A time series is stored as a 2-D array rows = time x cols.
 */
public final class Npy {

    /** The six magic bytes {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Data starts at a multiple of this many bytes (NumPy's ARRAY_ALIGN). */
    static final int ALIGN = 64;
    /** NumPy's spare space after the dict, so the first axis can grow in place. */
    static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Longest header rclab accepts; NumPy's own headers are a few hundred bytes. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int CHUNK = 1 << 20;

    private Npy() {
    }

    /** A parsed header: element type and byte order, layout, shape, and where the data starts. */
    record Header(int major, int minor, Dtype dtype, ByteOrder order, boolean fortranOrder, int[] shape,
            long dataOffset) {

        long size() {
            return NpyArray.checkedSize(shape);
        }

        long dataBytes() {
            return size() * dtype.itemSize();
        }
    }

    // ------------------------------------------------------------------ reading

    /** Reads a {@code .npy} file; errors name the file and what is wrong with it. */
    public static NpyArray read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file.toString(), ch.size());
        }
    }

    /**
     * Reads a 2-D array as a time series rows x cols (a 1-D array as one column) sampled every
     * {@code dt} from time 0, with column names x0, x1, ...
     */
    public static TimeSeries readTimeSeries(Path file, double dt) throws IOException {
        Checks.positive("dt", dt);
        NpyArray a = read(file);
        int[] shape = a.shape();
        if (shape.length != 1 && shape.length != 2) {
            throw new IOException(file + ": a time series needs a 1-D or 2-D array, got shape "
                    + NpyArray.shapeString(shape));
        }
        int rows = shape[0];
        int cols = shape.length == 2 ? shape[1] : 1;
        if (cols == 0) {
            throw new IOException(file + ": a time series needs at least one column, got shape "
                    + NpyArray.shapeString(shape));
        }
        // The array is not shared, so its doubles can be handed over without a copy.
        double[] data = a.rawDoubles() != null ? a.rawDoubles() : a.data();
        return TimeSeries.wrap(data, rows, cols, 0.0, dt);
    }

    /**
     * Reads one array from {@code in}, naming {@code source} in errors. {@code available} is the
     * number of bytes the source holds, or -1 if unknown; it lets a truncated file fail before
     * its data array is allocated.
     */
    static NpyArray read(ReadableByteChannel in, String source, long available) throws IOException {
        Header h = readHeader(in, source);
        long size = h.size();
        long needed = h.dataBytes();
        if (available >= 0 && available - h.dataOffset() < needed) {
            throw truncated(source, h, Math.max(0, available - h.dataOffset()));
        }
        int n = (int) size;
        if (h.dtype().isInteger()) {
            long[] data = new long[n];
            readLongs(in, source, h, data);
            return NpyArray.wrapLongs(h.dtype(), h.shape(), h.fortranOrder() ? fortranToC(data, h.shape()) : data);
        }
        double[] data = new double[n];
        readDoubles(in, source, h, data);
        return NpyArray.wrapDoubles(h.dtype(), h.shape(), h.fortranOrder() ? fortranToC(data, h.shape()) : data);
    }

    /** Reads and checks the magic, version and header dict, leaving {@code in} at the data. */
    static Header readHeader(ReadableByteChannel in, String source) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(8);
        int got = readFully(in, pre);
        if (got < 8) {
            throw new IOException(source + ": not a NumPy .npy file: it has only " + got
                    + " bytes, fewer than the 10-byte preamble (magic \\x93NUMPY, version, header length)");
        }
        byte[] b = pre.array();
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                String hint = b[0] == 'P' && b[1] == 'K'
                        ? " (it looks like a zip archive: use Npz.read for .npz files)" : "";
                throw new IOException(source + ": not a NumPy .npy file: the magic bytes are " + hex(b, 6)
                        + ", expected 93 4E 55 4D 50 59 (\\x93NUMPY)" + hint);
            }
        }
        int major = b[6] & 0xFF;
        int minor = b[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new IOException(source + ": unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer len = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (readFully(in, len) < lengthBytes) {
            throw new IOException(source + ": .npy header is truncated: the file ends inside the header length");
        }
        len.flip();
        long headerLength = major == 1 ? (len.getShort() & 0xFFFFL) : (len.getInt() & 0xFFFFFFFFL);
        if (headerLength > MAX_HEADER_BYTES) {
            throw new IOException(source + ": .npy header length " + headerLength + " is larger than the "
                    + MAX_HEADER_BYTES + " bytes rclab accepts (corrupt file?)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
        int hgot = readFully(in, hb);
        if (hgot < headerLength) {
            throw new IOException(source + ": .npy header is truncated: expected " + headerLength
                    + " header bytes, got " + hgot);
        }
        String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new HeaderParser(text, source).parse();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new IOException(source + ": .npy header keys must be exactly descr, fortran_order, shape; got "
                    + dict.keySet() + " in " + text.strip());
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new IOException(source + ": unsupported dtype " + HeaderParser.repr(descr)
                    + ": structured dtypes are not supported (supported: f8, f4, i8, i4 in either byte order)");
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean f)) {
            throw new IOException(source + ": .npy header 'fortran_order' must be True or False, got "
                    + HeaderParser.repr(fortran));
        }
        int[] shape = parseShape(dict.get("shape"), source);
        ByteOrder order = byteOrder(d, source);
        Dtype dtype = dtype(d, source);
        return new Header(major, minor, dtype, order, f, shape, 8 + lengthBytes + headerLength);
    }

    private static int[] parseShape(Object value, String source) throws IOException {
        if (!(value instanceof HeaderParser.Tuple t)) {
            throw new IOException(source + ": .npy header 'shape' must be a tuple of integers, got "
                    + HeaderParser.repr(value));
        }
        long[] dims = new long[t.items().size()];
        for (int a = 0; a < dims.length; a++) {
            if (!(t.items().get(a) instanceof Long v) || v < 0 || v > NpyArray.MAX_ELEMENTS) {
                throw new IOException(source + ": .npy header 'shape' must be a tuple of integers in [0, "
                        + NpyArray.MAX_ELEMENTS + "], got " + HeaderParser.repr(value));
            }
            dims[a] = v;
        }
        long size = 1;
        int[] shape = new int[dims.length];
        for (int a = 0; a < dims.length; a++) {
            if (dims[a] == 0 || size == 0) {
                size = 0;
            } else {
                size = size > NpyArray.MAX_ELEMENTS / dims[a] ? Long.MAX_VALUE : size * dims[a];
            }
            shape[a] = (int) dims[a];
        }
        if (size > NpyArray.MAX_ELEMENTS) {
            throw new IOException(source + ": array of shape " + NpyArray.shapeString(dims) + " has more than "
                    + NpyArray.MAX_ELEMENTS + " elements, more than a Java array can hold");
        }
        return shape;
    }

    private static ByteOrder byteOrder(String descr, String source) throws IOException {
        if (descr.length() == 3) {
            switch (descr.charAt(0)) {
                case '<':
                    return ByteOrder.LITTLE_ENDIAN;
                case '>':
                    return ByteOrder.BIG_ENDIAN;
                case '=':
                    return ByteOrder.nativeOrder();
                default:
                    break;
            }
        }
        throw unsupported(descr, source);
    }

    private static Dtype dtype(String descr, String source) throws IOException {
        String code = descr.substring(1);
        for (Dtype t : Dtype.values()) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        throw unsupported(descr, source);
    }

    private static IOException unsupported(String descr, String source) {
        return new IOException(source + ": unsupported dtype '" + descr
                + "' (supported: f8, f4, i8, i4 in either byte order, e.g. '<f8', '>f8', '<f4', '<i8', '<i4')");
    }

    private static IOException truncated(String source, Header h, long got) {
        return new IOException(source + ": .npy data is truncated: shape " + NpyArray.shapeString(h.shape())
                + " of '" + (h.order() == ByteOrder.BIG_ENDIAN ? '>' : '<') + h.dtype().code() + "' needs "
                + h.dataBytes() + " bytes after the " + h.dataOffset() + "-byte header, got " + got);
    }

    private static void readDoubles(ReadableByteChannel in, String source, Header h, double[] out) throws IOException {
        int item = h.dtype().itemSize();
        ByteBuffer buf = buffer(h.dataBytes()).order(h.order());
        int done = 0;
        while (done < out.length) {
            int count = Math.min(out.length - done, buf.capacity() / item);
            fillChunk(in, source, h, buf, count * item, done);
            if (item == 8) {
                buf.asDoubleBuffer().get(out, done, count);
            } else {
                FloatBuffer fb = buf.asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    out[done + i] = fb.get(i);
                }
            }
            done += count;
        }
    }

    private static void readLongs(ReadableByteChannel in, String source, Header h, long[] out) throws IOException {
        int item = h.dtype().itemSize();
        ByteBuffer buf = buffer(h.dataBytes()).order(h.order());
        int done = 0;
        while (done < out.length) {
            int count = Math.min(out.length - done, buf.capacity() / item);
            fillChunk(in, source, h, buf, count * item, done);
            if (item == 8) {
                buf.asLongBuffer().get(out, done, count);
            } else {
                IntBuffer ib = buf.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    out[done + i] = ib.get(i);
                }
            }
            done += count;
        }
    }

    /** Reads exactly {@code bytes} into {@code buf} and flips it, or throws a truncation error. */
    private static void fillChunk(ReadableByteChannel in, String source, Header h, ByteBuffer buf, int bytes,
            int elementsDone) throws IOException {
        buf.clear().limit(bytes);
        int got = readFully(in, buf);
        if (got < bytes) {
            throw truncated(source, h, (long) elementsDone * h.dtype().itemSize() + got);
        }
        buf.flip();
    }

    /** Reads until {@code buf} is full or the channel ends; returns the number of bytes read. */
    static int readFully(ReadableByteChannel in, ByteBuffer buf) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static ByteBuffer buffer(long bytes) {
        int size = (int) Math.min(CHUNK, bytes);
        return size >= (1 << 16) ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    /** Visits (C-order index, Fortran-order index) pairs of an array of the given shape. */
    @FunctionalInterface
    private interface IndexPair {
        void accept(int c, int f);
    }

    private static void forEachFortranIndex(int[] shape, IndexPair visit) {
        int nd = shape.length;
        int n = (int) NpyArray.checkedSize(shape);
        int[] stride = new int[nd];
        for (int a = 0, s = 1; a < nd; a++) {
            stride[a] = s;
            s *= shape[a];
        }
        int[] idx = new int[nd];
        int f = 0;
        for (int c = 0; c < n; c++) {
            visit.accept(c, f);
            for (int a = nd - 1; a >= 0; a--) {
                idx[a]++;
                f += stride[a];
                if (idx[a] < shape[a]) {
                    break;
                }
                f -= stride[a] * shape[a];
                idx[a] = 0;
            }
        }
    }

    private static double[] fortranToC(double[] src, int[] shape) {
        if (shape.length < 2) {
            return src;
        }
        double[] dst = new double[src.length];
        forEachFortranIndex(shape, (c, f) -> dst[c] = src[f]);
        return dst;
    }

    private static long[] fortranToC(long[] src, int[] shape) {
        if (shape.length < 2) {
            return src;
        }
        long[] dst = new long[src.length];
        forEachFortranIndex(shape, (c, f) -> dst[c] = src[f]);
        return dst;
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code array} as a little-endian C-order {@code .npy} file, atomically. */
    public static void write(Path file, NpyArray array) throws IOException {
        Objects.requireNonNull(array, "array");
        AtomicFiles.writeChannel(file, ch -> write(ch, array));
    }

    /** Writes {@code data} (C order) with the given shape as {@code '<f8'}. */
    public static void write(Path file, int[] shape, double[] data) throws IOException {
        write(file, NpyArray.wrapDoubles(Dtype.FLOAT64, Objects.requireNonNull(shape, "shape"), data));
    }

    /** Writes the values of {@code series} as a {@code '<f8'} array of shape (rows, cols). */
    public static void write(Path file, TimeSeries series) throws IOException {
        Objects.requireNonNull(series, "series");
        int rows = series.rows();
        int cols = series.cols();
        AtomicFiles.writeChannel(file, ch -> {
            Sink sink = new Sink(ch, (long) rows * cols * 8 + ALIGN * 2);
            sink.putBytes(header(Dtype.FLOAT64, new int[] {rows, cols}));
            double[] row = new double[cols];
            for (int i = 0; i < rows; i++) {
                sink.putDoubles(series.rowInto(i, row), 0, cols);
            }
            sink.flush();
        });
    }

    /** Writes {@code data} (C order) with the given shape as {@code '<i4'}. */
    public static void writeInts(Path file, int[] shape, int[] data) throws IOException {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long size = NpyArray.checkedSize(shape);
        Checks.require(size == data.length, "data must have " + size + " entries for shape "
                + NpyArray.shapeString(shape) + ", got " + data.length);
        int[] dims = shape.clone();
        AtomicFiles.writeChannel(file, ch -> {
            Sink sink = new Sink(ch, (long) data.length * 4 + ALIGN * 2);
            sink.putBytes(header(Dtype.INT32, dims));
            sink.putInts(data);
            sink.flush();
        });
    }

    /** Writes {@code data} (C order) with the given shape as {@code '<i8'}. */
    public static void writeLongs(Path file, int[] shape, long[] data) throws IOException {
        write(file, NpyArray.wrapLongs(Dtype.INT64, Objects.requireNonNull(shape, "shape"), data));
    }

    /** Writes header and data of {@code array} to {@code out}, which is not closed. */
    static void write(WritableByteChannel out, NpyArray array) throws IOException {
        Dtype t = array.dtype();
        Sink sink = new Sink(out, (long) array.size() * t.itemSize() + ALIGN * 2);
        sink.putBytes(header(t, array.shape()));
        switch (t) {
            case FLOAT64 -> sink.putDoubles(array.rawDoubles(), 0, array.size());
            case FLOAT32 -> sink.putFloats(array.rawDoubles());
            case INT64 -> sink.putLongs(array.rawLongs());
            case INT32 -> sink.putLongsAsInts(array.rawLongs());
            default -> throw new IllegalStateException("unknown dtype " + t);
        }
        sink.flush();
    }

    /**
     * The magic, version, header length and padded header dict, byte for byte as NumPy 2.x
     * {@code np.save} writes them for a C-order array.
     */
    static byte[] header(Dtype dtype, int[] shape) {
        StringBuilder dict = new StringBuilder();
        dict.append("{'descr': '").append(dtype.descr()).append("', 'fortran_order': False, 'shape': ")
                .append(NpyArray.shapeString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        int hlen = dict.length() + 1;
        int major = 1;
        int prefix = MAGIC.length + 2 + 2;
        int pad = ALIGN - (prefix + hlen) % ALIGN;
        if (hlen + pad > 0xFFFF) {
            major = 2;
            prefix = MAGIC.length + 2 + 4;
            pad = ALIGN - (prefix + hlen) % ALIGN;
        }
        ByteBuffer b = ByteBuffer.allocate(prefix + hlen + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) (hlen + pad));
        } else {
            b.putInt(hlen + pad);
        }
        b.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /** A little-endian write buffer of at most 1 MiB in front of a channel. Not thread-safe. */
    private static final class Sink {
        private final WritableByteChannel ch;
        private final ByteBuffer buf;

        Sink(WritableByteChannel ch, long totalBytes) {
            this.ch = ch;
            int size = (int) Math.max(16, Math.min(CHUNK, totalBytes));
            this.buf = (size >= (1 << 16) ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }

        void putBytes(byte[] bytes) throws IOException {
            int off = 0;
            while (off < bytes.length) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int k = Math.min(bytes.length - off, buf.remaining());
                buf.put(bytes, off, k);
                off += k;
            }
        }

        void putDoubles(double[] src, int off, int len) throws IOException {
            while (len > 0) {
                if (buf.remaining() < 8) {
                    flush();
                }
                int k = Math.min(len, buf.remaining() / 8);
                buf.asDoubleBuffer().put(src, off, k);
                buf.position(buf.position() + k * 8);
                off += k;
                len -= k;
            }
        }

        void putFloats(double[] src) throws IOException {
            for (double v : src) {
                if (buf.remaining() < 4) {
                    flush();
                }
                buf.putFloat((float) v);
            }
        }

        void putLongs(long[] src) throws IOException {
            int off = 0;
            while (off < src.length) {
                if (buf.remaining() < 8) {
                    flush();
                }
                int k = Math.min(src.length - off, buf.remaining() / 8);
                buf.asLongBuffer().put(src, off, k);
                buf.position(buf.position() + k * 8);
                off += k;
            }
        }

        void putInts(int[] src) throws IOException {
            int off = 0;
            while (off < src.length) {
                if (buf.remaining() < 4) {
                    flush();
                }
                int k = Math.min(src.length - off, buf.remaining() / 4);
                buf.asIntBuffer().put(src, off, k);
                buf.position(buf.position() + k * 4);
                off += k;
            }
        }

        void putLongsAsInts(long[] src) throws IOException {
            for (long v : src) {
                if (buf.remaining() < 4) {
                    flush();
                }
                buf.putInt(Math.toIntExact(v));
            }
        }

        void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", b[i] & 0xFF));
        }
        return sb.toString();
    }

    /**
     * Parses the Python literal of a {@code .npy} header: dicts, tuples, lists, quoted strings,
     * integers, True, False and None.
     */
    static final class HeaderParser {
        /** A Python tuple. */
        record Tuple(List<Object> items) {
        }

        private static final int MAX_DEPTH = 32;
        /** Python's None. */
        private static final Object NONE = new Object() {
            @Override
            public String toString() {
                return "None";
            }
        };
        private final String s;
        private final String source;
        private int pos;

        HeaderParser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Map<String, Object> parse() throws IOException {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '{') {
                throw error("expected '{' at the start of the header dict");
            }
            Object v = value(0);
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the header dict");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> dict = (Map<String, Object>) v;
            return dict;
        }

        private Object value(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end of header");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                while (true) {
                    skipSpace();
                    if (peek('}')) {
                        pos++;
                        return map;
                    }
                    Object key = value(depth + 1);
                    if (!(key instanceof String k)) {
                        throw error("dict keys must be strings");
                    }
                    skipSpace();
                    expect(':');
                    if (map.put(k, value(depth + 1)) != null) {
                        throw error("duplicate key '" + k + "'");
                    }
                    if (!separator('}')) {
                        throw error("expected ',' or '}'");
                    }
                }
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                List<Object> items = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (peek(close)) {
                        pos++;
                        return c == '(' ? new Tuple(items) : items;
                    }
                    items.add(value(depth + 1));
                    if (!separator(close)) {
                        throw error("expected ',' or '" + close + "'");
                    }
                }
            }
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0 || s.indexOf('\\', pos + 1) >= 0 && s.indexOf('\\', pos + 1) < end) {
                    throw error("unterminated or escaped string");
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            if (c == '-' || c >= '0' && c <= '9') {
                int start = pos;
                pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                String digits = s.substring(start, pos);
                if (pos < s.length() && s.charAt(pos) == 'L') {
                    pos++; // Python 2 long suffix
                }
                try {
                    return Long.parseLong(digits);
                } catch (NumberFormatException e) {
                    throw error("bad integer '" + digits + "'");
                }
            }
            if (Character.isLetter(c)) {
                int start = pos;
                while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                    pos++;
                }
                String word = s.substring(start, pos);
                switch (word) {
                    case "True":
                        return Boolean.TRUE;
                    case "False":
                        return Boolean.FALSE;
                    case "None":
                        return NONE;
                    default:
                        pos = start;
                        throw error("unknown name '" + word + "'");
                }
            }
            throw error("unexpected character '" + c + "'");
        }

        /** After an item: consumes ',' (true), or sees {@code close} without consuming it (true). */
        private boolean separator(char close) {
            skipSpace();
            if (peek(',')) {
                pos++;
                return true;
            }
            return peek(close);
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) throws IOException {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IOException error(String what) {
            return new IOException(source + ": cannot parse the .npy header at character " + pos + ": " + what
                    + " in " + s.strip());
        }

        /** Python-like text of a parsed value, for messages. */
        static String repr(Object v) {
            if (v instanceof String str) {
                return "'" + str + "'";
            }
            if (v instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (v instanceof Tuple t) {
                StringBuilder sb = new StringBuilder("(");
                for (int i = 0; i < t.items().size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(repr(t.items().get(i)));
                }
                return sb.append(t.items().size() == 1 ? ",)" : ")").toString();
            }
            if (v instanceof List<?> l) {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(repr(l.get(i)));
                }
                return sb.append(']').toString();
            }
            return String.valueOf(v);
        }
    }
}
