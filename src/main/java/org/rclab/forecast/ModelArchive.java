package org.rclab.forecast;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.rclab.core.AtomicFiles;
import org.rclab.core.ZScore;
import org.rclab.io.NpyArray;
import org.rclab.io.NpyArray.Dtype;
import org.rclab.io.Npz;
import org.rclab.linalg.CsrMatrix;
import org.rclab.readout.RidgeReadout;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

/**
 * Saves and loads a {@link TrainedModel} as a portable model directory that NumPy and SciPy users
 * can read without rclab. Loading reproduces the model bit for bit, so its forecasts are identical.
 *
 * <p>The directory (e.g. {@code out/lorenz/model/}) holds two files:
 * <ul>
 *   <li>{@code weights.npz}, an uncompressed NumPy archive with, in this order: {@code W_data}
 *       ('&lt;f8'), {@code W_indices}, {@code W_indptr} ('&lt;i4'): the recurrent matrix W (N x N) in
 *       SciPy's CSR convention; {@code W_in_data}, {@code W_in_indices}, {@code W_in_indptr}: the
 *       input matrix W_in (N x D) likewise; {@code bias} (N): the reservoir bias; {@code W_out}
 *       (D x N) and {@code readout_bias} (D): the readout; {@code mean}, {@code std} (D): the input
 *       z-score; {@code end_state} (N): the reservoir state after the last training input.</li>
 *   <li>{@code model.json}: {@code format} ("rclab-esn"), {@code version} (1), {@code rclabVersion},
 *       {@code equations} (a reminder in words), {@code reservoir} (the {@link ReservoirConfig}
 *       fields: size, averageDegree, topology, spectralRadius, leakRate, inputScaling,
 *       inputConnectivity, bias, seed), {@code inputDimension}, {@code transform} (a
 *       {@link StateTransform} name), {@code dt}, {@code readoutNote}, {@code shapes} (the logical
 *       shapes of W and W_in and the shapes of the dense entries, as lists) and {@code nnz} (the
 *       non-zeros of W and W_in). Doubles are written with {@link Double#toString(double)}, so they
 *       read back exactly; keys always come in the same order.</li>
 * </ul>
 *
 * <p>In NumPy and SciPy:
 * <pre>{@code
 *   z = np.load("model/weights.npz"); meta = json.load(open("model/model.json"))
 *   W = scipy.sparse.csr_matrix((z["W_data"], z["W_indices"], z["W_indptr"]), shape=meta["shapes"]["W"])
 * }</pre>
 *
 * <p>Saving is atomic: both files are written into a temporary sibling directory
 * {@code .<name>.<random>.tmp}, which is then renamed into place. An existing model directory is
 * replaced only after the new one is complete (renamed aside, the new one renamed in, the old one
 * deleted); a concurrent reader may briefly find no directory, never a partial one. On any failure
 * the temporary directory is deleted and the old directory is left as it was. To protect other
 * data, only an empty directory or one holding nothing but {@code model.json} and
 * {@code weights.npz} is replaced.
 *
 * <p>Package note: DESIGN.md has {@code forecast} import only reservoir, readout and dynamics, and
 * places model save/load in {@code io}; but {@code io} imports only {@code core}, so it cannot see
 * {@link TrainedModel}. This class therefore lives in {@code forecast} and imports {@code io} (the
 * NPZ reader and writer), a deliberate small deviation. It has no state and is thread-safe.
 */
public final class ModelArchive {

    /** The {@code format} value of model.json. */
    public static final String FORMAT = "rclab-esn";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /** Name of the metadata file in a model directory. */
    public static final String METADATA_FILE = "model.json";
    /** Name of the weights archive in a model directory. */
    public static final String WEIGHTS_FILE = "weights.npz";

    private static final Set<String> MODEL_FILES = Set.of(METADATA_FILE, WEIGHTS_FILE);
    private static final String EQUATIONS = "u = (v - mean) / std; x(t+1) = (1 - leakRate) x(t)"
            + " + leakRate tanh(W x(t) + W_in u(t) + bias); y = W_out T(x) + readout_bias; v = y std + mean";

    /** Runs on the complete temporary directory just before it is moved into place (tests). */
    @FunctionalInterface
    interface StagingHook {
        void beforeMove(Path staged) throws IOException;
    }

    private ModelArchive() {
    }

    /**
     * Saves {@code model} into the directory {@code dir} (parents created), atomically, replacing a
     * previous model directory there.
     *
     * @throws IOException if writing fails, or if {@code dir} is a file or a non-empty directory
     *                     that is not a model directory (then nothing is changed)
     */
    public static void save(TrainedModel model, Path dir) throws IOException {
        if (!(model.network() instanceof Reservoir)) {
            throw new IllegalArgumentException("model must have a single Reservoir to be saved; saving a "
                    + model.network().getClass().getSimpleName() + " is not supported yet");
        }
        save(model, dir, staged -> {
        });
    }

    /** {@link #save(TrainedModel, Path)} with a hook before the final move (tests). */
    static void save(TrainedModel model, Path dir, StagingHook hook) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dir, "dir");
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new IllegalArgumentException("dir must name a directory below a parent, got " + dir);
        }
        requireReplaceable(target);
        String json = metadata(model);
        Map<String, NpyArray> weights = weights(model);
        Files.createDirectories(parent);
        Path staged = sibling(target, "tmp");
        Files.createDirectory(staged);
        try {
            Npz.write(staged.resolve(WEIGHTS_FILE), weights);
            AtomicFiles.writeString(staged.resolve(METADATA_FILE), json);
            hook.beforeMove(staged);
            moveIntoPlace(staged, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(staged, e);
            throw e;
        }
    }

    /**
     * Loads the model saved in {@code dir}.
     *
     * @throws NoSuchFileException if {@code dir}, its model.json or its weights.npz is missing
     * @throws IOException         if a file is unreadable or inconsistent: a malformed JSON (with
     *                             line and column), a wrong format name or version, a
     *                             missing key or entry, a wrong dtype, or a shape mismatch (naming
     *                             the entry and both shapes)
     */
    public static TrainedModel load(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IOException("dir must be a model directory, got a file: " + dir);
            }
            throw new NoSuchFileException(dir.toString(), null, "no model directory there");
        }
        Path jsonFile = dir.resolve(METADATA_FILE);
        Path npzFile = dir.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(jsonFile)) {
            throw new NoSuchFileException(jsonFile.toString(), null,
                    "a model directory must hold " + METADATA_FILE + " and " + WEIGHTS_FILE);
        }
        Meta meta = new Meta(readJson(jsonFile), "", jsonFile);
        checkFormat(meta);

        ReservoirConfig config = reservoirConfig(meta.object("reservoir"));
        int n = config.size();
        int d = meta.integer("inputDimension");
        if (d <= 0) {
            throw meta.error("inputDimension", "must be positive, got " + d);
        }
        StateTransform transform = transform(meta);
        double dt = meta.number("dt");
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw meta.error("dt", "must be positive and finite, got " + dt);
        }
        String note = meta.string("readoutNote");

        Meta shapes = meta.object("shapes");
        expectShape(shapes, "W", n, n);
        expectShape(shapes, "W_in", n, d);
        expectShape(shapes, "bias", n);
        expectShape(shapes, "W_out", d, n);
        expectShape(shapes, "readout_bias", d);
        expectShape(shapes, "mean", d);
        expectShape(shapes, "std", d);
        expectShape(shapes, "end_state", n);
        Meta nnz = meta.object("nnz");
        int nnzW = nnz.integer("W");
        int nnzIn = nnz.integer("W_in");
        if (nnzW < 0 || (long) nnzW > (long) n * n) {
            throw nnz.error("W", "must be in [0, " + ((long) n * n) + "], got " + nnzW);
        }
        if (nnzIn < 0 || (long) nnzIn > (long) n * d) {
            throw nnz.error("W_in", "must be in [0, " + ((long) n * d) + "], got " + nnzIn);
        }

        if (!Files.isRegularFile(npzFile)) {
            throw new NoSuchFileException(npzFile.toString(), null,
                    "a model directory must hold " + METADATA_FILE + " and " + WEIGHTS_FILE);
        }
        Weights w = new Weights(Npz.read(npzFile), npzFile);
        CsrMatrix wMatrix = w.csr("W", n, n, nnzW);
        CsrMatrix winMatrix = w.csr("W_in", n, d, nnzIn);
        double[] bias = w.doubles("bias", n);
        double[] wOut = w.doubles("W_out", d, n);
        double[] readoutBias = w.doubles("readout_bias", d);
        double[] mean = w.doubles("mean", d);
        double[] std = w.doubles("std", d);
        double[] endState = w.doubles("end_state", n);
        try {
            Reservoir reservoir = Reservoir.of(config, wMatrix, winMatrix, bias);
            RidgeReadout readout = new RidgeReadout(wOut, readoutBias, n, note);
            ZScore zscore = new ZScore(mean, std);
            return new TrainedModel(reservoir, transform, readout, zscore, dt, endState);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + ": the saved model is inconsistent: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ writing

    /** The arrays of weights.npz, in the documented order. */
    private static Map<String, NpyArray> weights(TrainedModel model) {
        Reservoir r = model.reservoir();
        RidgeReadout readout = model.readout();
        Map<String, NpyArray> m = new LinkedHashMap<>();
        putCsr(m, "W", r.w());
        putCsr(m, "W_in", r.win());
        m.put("bias", NpyArray.vector(r.bias()));
        m.put("W_out", NpyArray.of(new int[] {readout.outputs(), readout.features()}, readout.weights()));
        m.put("readout_bias", NpyArray.vector(readout.bias()));
        m.put("mean", NpyArray.vector(model.zscore().mean()));
        m.put("std", NpyArray.vector(model.zscore().std()));
        m.put("end_state", NpyArray.vector(model.trainingEndState()));
        return m;
    }

    private static void putCsr(Map<String, NpyArray> m, String name, CsrMatrix a) {
        m.put(name + "_data", NpyArray.vector(a.values()));
        m.put(name + "_indices", NpyArray.ofInts(new int[] {a.nonZeros()}, a.columns()));
        m.put(name + "_indptr", NpyArray.ofInts(new int[] {a.rows() + 1}, a.rowStart()));
    }

    /** The text of model.json: pretty, keys in a fixed order, doubles exact. */
    private static String metadata(TrainedModel model) {
        ReservoirConfig c = model.reservoir().config();
        int n = c.size();
        int d = model.dimension();
        String version = ModelArchive.class.getPackage().getImplementationVersion();
        JsonWriter j = new JsonWriter();
        j.open();
        j.key("format").string(FORMAT);
        j.key("version").raw(Integer.toString(VERSION));
        j.key("rclabVersion").string(version == null ? "dev" : version);
        j.key("equations").string(EQUATIONS);
        j.key("reservoir").open();
        j.key("size").raw(Integer.toString(n));
        j.key("averageDegree").number(c.averageDegree());
        j.key("topology").string(c.topology().name());
        j.key("spectralRadius").number(c.spectralRadius());
        j.key("leakRate").number(c.leakRate());
        j.key("inputScaling").number(c.inputScaling());
        j.key("inputConnectivity").string(c.inputConnectivity().name());
        j.key("bias").number(c.bias());
        j.key("seed").raw(Long.toString(c.seed()));
        j.close();
        j.key("inputDimension").raw(Integer.toString(d));
        j.key("transform").string(model.transform().name());
        j.key("dt").number(model.dt());
        j.key("readoutNote").string(model.readout().note() == null ? "" : model.readout().note());
        j.key("shapes").open();
        j.key("W").shape(n, n);
        j.key("W_in").shape(n, d);
        j.key("bias").shape(n);
        j.key("W_out").shape(model.readout().outputs(), model.readout().features());
        j.key("readout_bias").shape(model.readout().outputs());
        j.key("mean").shape(d);
        j.key("std").shape(d);
        j.key("end_state").shape(n);
        j.close();
        j.key("nnz").open();
        j.key("W").raw(Integer.toString(model.reservoir().w().nonZeros()));
        j.key("W_in").raw(Integer.toString(model.reservoir().win().nonZeros()));
        j.close();
        j.close();
        return j.toString();
    }

    /** A pretty-printing JSON writer for objects of scalars and int lists. Not thread-safe. */
    private static final class JsonWriter {
        private final StringBuilder sb = new StringBuilder();
        private int depth;
        private boolean first = true;

        JsonWriter open() {
            sb.append('{');
            depth++;
            first = true;
            return this;
        }

        JsonWriter close() {
            depth--;
            sb.append('\n').append("  ".repeat(depth)).append('}');
            first = false;
            if (depth == 0) {
                sb.append('\n');
            }
            return this;
        }

        JsonWriter key(String k) {
            sb.append(first ? "\n" : ",\n").append("  ".repeat(depth));
            first = false;
            quote(k);
            sb.append(": ");
            return this;
        }

        JsonWriter raw(String literal) {
            sb.append(literal);
            return this;
        }

        JsonWriter number(double v) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("model.json can only hold finite numbers, got " + v);
            }
            sb.append(Double.toString(v));
            return this;
        }

        JsonWriter string(String s) {
            quote(s);
            return this;
        }

        JsonWriter shape(int... dims) {
            sb.append('[');
            for (int i = 0; i < dims.length; i++) {
                sb.append(i > 0 ? ", " : "").append(dims[i]);
            }
            sb.append(']');
            return this;
        }

        private void quote(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------ atomic directory replacement

    /** Refuses a target that is a file, or a non-empty directory with anything but model files. */
    private static void requireReplaceable(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IOException("dir must be a directory or absent, got an existing file: " + target);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!MODEL_FILES.contains(name) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("dir " + target + " exists and is not a model directory (it holds '" + name
                            + "'; a model directory holds only " + METADATA_FILE + " and " + WEIGHTS_FILE
                            + "): refusing to replace it");
                }
            }
        }
    }

    /** Renames {@code staged} to {@code target}, first moving an existing target aside. */
    private static void moveIntoPlace(Path staged, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            rename(staged, target);
            return;
        }
        requireReplaceable(target);
        Path old = sibling(target, "old");
        rename(target, old);
        try {
            rename(staged, target);
        } catch (IOException | RuntimeException | Error e) {
            try {
                rename(old, target);
            } catch (IOException | RuntimeException restore) {
                IOException both = new IOException("could not move the new model into " + target
                        + " nor move the old one back; the old model is kept in " + old, e);
                both.addSuppressed(restore);
                throw both;
            }
            throw e;
        }
        // The new model is in place; the old one is complete, so a failed delete leaves no half-written state.
        deleteTree(old, null);
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static Path sibling(Path target, String suffix) {
        String name = target.getFileName().toString();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return target.resolveSibling("." + name + "." + UUID.randomUUID() + "." + suffix);
    }

    /** Deletes a directory tree; failures are added to {@code cause} (or ignored if it is null). */
    private static void deleteTree(Path root, Throwable cause) {
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    private static Map<String, Object> readJson(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8 text", e);
        }
        Object root = new JsonParser(text, file.toString()).parseDocument();
        if (!(root instanceof Map<?, ?>)) {
            throw new IOException(file + ": must hold a JSON object, got " + describe(root));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        return map;
    }

    private static void checkFormat(Meta meta) throws IOException {
        if (!meta.map().containsKey("format")) {
            throw meta.error("format", "is missing: this is not an rclab model (format \"" + FORMAT + "\")");
        }
        String format = meta.string("format");
        if (!format.equals(FORMAT)) {
            throw meta.error("format", "must be \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = meta.integer("version");
        if (version != VERSION) {
            throw meta.error("version", "must be " + VERSION + " (the version this rclab reads), got " + version);
        }
    }

    private static ReservoirConfig reservoirConfig(Meta r) throws IOException {
        ReservoirConfig.Topology topology = r.constant("topology", ReservoirConfig.Topology.class);
        ReservoirConfig.InputConnectivity connectivity = r.constant("inputConnectivity",
                ReservoirConfig.InputConnectivity.class);
        try {
            return new ReservoirConfig(r.integer("size"), r.number("averageDegree"), topology,
                    r.number("spectralRadius"), r.number("leakRate"), r.number("inputScaling"), connectivity,
                    r.number("bias"), r.longInteger("seed"));
        } catch (IllegalArgumentException e) {
            throw new IOException(r.file() + ": reservoir: " + e.getMessage(), e);
        }
    }

    private static StateTransform transform(Meta meta) throws IOException {
        return meta.constant("transform", StateTransform.class);
    }

    private static void expectShape(Meta shapes, String key, int... expected) throws IOException {
        int[] got = shapes.shape(key);
        if (!Arrays.equals(got, expected)) {
            throw shapes.error(key, "must be " + Arrays.toString(expected) + " (from reservoir.size and "
                    + "inputDimension), got " + Arrays.toString(got));
        }
    }

    /** Python's repr of a shape tuple: {@code (3,)}, {@code (3, 100)}. */
    private static String tuple(int... shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof JsonNumber num) {
            return "the number " + num.text();
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?> l) {
            return "the list " + l;
        }
        return String.valueOf(v);
    }

    /** The arrays of weights.npz, checked by name, dtype and shape. */
    private record Weights(Map<String, NpyArray> arrays, Path file) {

        NpyArray entry(String name, boolean integer, int... shape) throws IOException {
            NpyArray a = arrays.get(name);
            if (a == null) {
                throw new IOException(file + " has no entry '" + name + "'; it has " + arrays.keySet());
            }
            if (integer ? !a.dtype().isInteger() : a.dtype() != Dtype.FLOAT64) {
                throw new IOException(file + " entry '" + name + "' must be "
                        + (integer ? "an integer array ('<i4' or '<i8')" : "'<f8' (float64)") + ", got '"
                        + a.dtype().descr() + "'");
            }
            if (!Arrays.equals(a.shape(), shape)) {
                throw new IOException(file + " entry '" + name + "' has shape " + tuple(a.shape())
                        + ", but model.json says " + tuple(shape));
            }
            return a;
        }

        double[] doubles(String name, int... shape) throws IOException {
            return entry(name, false, shape).data();
        }

        CsrMatrix csr(String name, int rows, int cols, int nnz) throws IOException {
            double[] data = doubles(name + "_data", nnz);
            int[] indices = ints(name + "_indices", nnz);
            int[] indptr = ints(name + "_indptr", rows + 1);
            try {
                return new CsrMatrix(rows, cols, indptr, indices, data);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": entries " + name + "_data, " + name + "_indices, " + name
                        + "_indptr are not a valid " + rows + " x " + cols + " CSR matrix: " + e.getMessage(), e);
            }
        }

        private int[] ints(String name, int length) throws IOException {
            NpyArray a = entry(name, true, length);
            try {
                return a.toIntArray();
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " entry '" + name + "': " + e.getMessage(), e);
            }
        }
    }

    /** A JSON object of model.json, with typed getters whose errors name the file and the key path. */
    private record Meta(Map<String, Object> map, String prefix, Path file) {

        Object get(String key) throws IOException {
            if (!map.containsKey(key)) {
                throw new IOException(file + " has no key '" + prefix + key + "'");
            }
            return map.get(key);
        }

        IOException error(String key, String what) {
            return new IOException(file + ": '" + prefix + key + "' " + what);
        }

        String string(String key) throws IOException {
            Object v = get(key);
            if (v instanceof String s) {
                return s;
            }
            throw error(key, "must be a string, got " + describe(v));
        }

        double number(String key) throws IOException {
            Object v = get(key);
            if (v instanceof JsonNumber num) {
                return Double.parseDouble(num.text());
            }
            throw error(key, "must be a number, got " + describe(v));
        }

        long longInteger(String key) throws IOException {
            Object v = get(key);
            if (v instanceof JsonNumber num) {
                try {
                    return Long.parseLong(num.text());
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
            throw error(key, "must be an integer in the long range, got " + describe(v));
        }

        int integer(String key) throws IOException {
            Object v = get(key);
            if (v instanceof JsonNumber num) {
                try {
                    return Integer.parseInt(num.text());
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
            throw error(key, "must be an integer in the int range, got " + describe(v));
        }

        <E extends Enum<E>> E constant(String key, Class<E> type) throws IOException {
            String s = string(key);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(s)) {
                    return e;
                }
            }
            throw error(key, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got \"" + s + "\"");
        }

        Meta object(String key) throws IOException {
            Object v = get(key);
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) m;
                return new Meta(sub, prefix + key + ".", file);
            }
            throw error(key, "must be an object, got " + describe(v));
        }

        int[] shape(String key) throws IOException {
            Object v = get(key);
            if (v instanceof List<?> list) {
                int[] dims = new int[list.size()];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = -1;
                    if (list.get(i) instanceof JsonNumber num) {
                        try {
                            dims[i] = Integer.parseInt(num.text());
                        } catch (NumberFormatException e) {
                            // stays -1: reported below
                        }
                    }
                    if (dims[i] < 0) {
                        throw error(key, "must be a list of non-negative integers, got " + describe(v));
                    }
                }
                return dims;
            }
            throw error(key, "must be a list of non-negative integers, got " + describe(v));
        }
    }

    /** A JSON number kept as its text, so that integers and doubles convert exactly. */
    private record JsonNumber(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A small JSON parser, enough for model.json: objects, lists, strings (with escapes), numbers,
     * true, false and null. Objects keep their key order; duplicate keys are an error. Not
     * thread-safe.
     */
    private static final class JsonParser {
        private static final int MAX_DEPTH = 16;
        private final String s;
        private final String source;
        private int pos;

        JsonParser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Object parseDocument() throws IOException {
            Object v = value(0);
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the JSON value");
            }
            return v;
        }

        private Object value(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            skipSpace();
            if (pos >= s.length()) {
                throw error("expected a value");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                skipSpace();
                if (peek('}')) {
                    pos++;
                    return map;
                }
                while (true) {
                    skipSpace();
                    if (!peek('"')) {
                        throw error("expected a quoted key");
                    }
                    String key = string();
                    skipSpace();
                    expect(':');
                    if (map.containsKey(key)) {
                        throw error("duplicate key \"" + key + "\"");
                    }
                    map.put(key, value(depth + 1));
                    skipSpace();
                    if (peek(',')) {
                        pos++;
                    } else {
                        expect('}');
                        return map;
                    }
                }
            }
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (peek(']')) {
                    pos++;
                    return list;
                }
                while (true) {
                    list.add(value(depth + 1));
                    skipSpace();
                    if (peek(',')) {
                        pos++;
                    } else {
                        expect(']');
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            throw error("unexpected character '" + c + "'");
        }

        private String string() throws IOException {
            int start = pos;
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    pos = start;
                    throw error("unterminated string (truncated file?)");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    pos--;
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> {
                        pos--;
                        throw error("unknown escape '\\" + e + "'");
                    }
                }
            }
        }

        private JsonNumber number() throws IOException {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            if (peek('0')) {
                pos++;
            } else if (digits() == 0) {
                throw error("bad number");
            }
            if (peek('.')) {
                pos++;
                if (digits() == 0) {
                    throw error("bad number: no digits after '.'");
                }
            }
            if (peek('e') || peek('E')) {
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw error("bad number: no digits in the exponent");
                }
            }
            return new JsonNumber(s.substring(start, pos));
        }

        private int digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            return pos - start;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) throws IOException {
            skipSpace();
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private IOException error(String what) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            String end = pos >= s.length() ? ", but the text ends there (truncated file?)" : "";
            return new IOException(source + ": malformed JSON at line " + line + ", column " + col + ": " + what + end);
        }
    }
}
