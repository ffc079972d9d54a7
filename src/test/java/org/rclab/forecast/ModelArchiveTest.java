package org.rclab.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rclab.core.TimeSeries;
import org.rclab.dynamics.Lorenz63;
import org.rclab.dynamics.Rk4;
import org.rclab.dynamics.Trajectory;
import org.rclab.io.NpyArray;
import org.rclab.io.NpyArray.Dtype;
import org.rclab.io.Npz;
import org.rclab.linalg.CsrMatrix;
import org.rclab.reservoir.Reservoir;
import org.rclab.reservoir.ReservoirConfig;
import org.rclab.reservoir.StateTransform;

class ModelArchiveTest {

    private static final List<String> ENTRIES = List.of("W_data", "W_indices", "W_indptr", "W_in_data",
            "W_in_indices", "W_in_indptr", "bias", "W_out", "readout_bias", "mean", "std", "end_state");
    private static final Map<StateTransform, TrainedModel> MODELS = new EnumMap<>(StateTransform.class);
    private static TimeSeries data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void lorenz() {
        data = Trajectory.sample(new Rk4(Lorenz63.classic(), 0.01), new double[] {1, 1, 1}, 10.0, 0.02, 3000);
    }

    /** A small seeded model (N = 100) trained on 2000 Lorenz steps, one per transform. */
    private static TrainedModel model(StateTransform t) {
        return MODELS.computeIfAbsent(t, k -> Trainer.train(
                Reservoir.create(ReservoirConfig.builder().size(100).seed(7).build(), 3), data,
                new TrainingConfig(100, 2000, 1e-6, k, true, true)));
    }

    @ParameterizedTest
    @EnumSource(value = StateTransform.class, names = {"IDENTITY", "PATHAK_SQUARE", "NLAT2"})
    void loadReproducesTheModelBitForBit(StateTransform t) throws IOException {
        TrainedModel model = model(t);
        Path dir = tmp.resolve("out/lorenz/model");
        ModelArchive.save(model, dir);
        TrainedModel back = ModelArchive.load(dir);

        assertEquals(model.reservoir().config(), back.reservoir().config());
        assertEquals(t, back.transform());
        assertEquals(Double.doubleToRawLongBits(model.dt()), Double.doubleToRawLongBits(back.dt()));
        assertSameCsr(model.reservoir().w(), back.reservoir().w());
        assertSameCsr(model.reservoir().win(), back.reservoir().win());
        assertArrayEquals(model.reservoir().bias(), back.reservoir().bias(), 0);
        assertArrayEquals(model.readout().weights(), back.readout().weights(), 0);
        assertArrayEquals(model.readout().bias(), back.readout().bias(), 0);
        assertEquals(model.readout().note(), back.readout().note());
        assertArrayEquals(model.zscore().mean(), back.zscore().mean(), 0);
        assertArrayEquals(model.zscore().std(), back.zscore().std(), 0);
        assertArrayEquals(model.trainingEndState(), back.trainingEndState(), 0);

        double[] expected = model.forecast(model.trainingEndState(), 500, 0).toArray();
        double[] actual = back.forecast(back.trainingEndState(), 500, 0).toArray();
        assertArrayEquals(expected, actual, 0);
        assertArrayEquals(model.teacherForced(data, 2200, 2400).toArray(),
                back.teacherForced(data, 2200, 2400).toArray(), 0);

        // Saving the loaded model gives the same bytes: the format is deterministic and lossless.
        Path again = tmp.resolve("again");
        ModelArchive.save(back, again);
        for (String f : List.of(ModelArchive.METADATA_FILE, ModelArchive.WEIGHTS_FILE)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }

    @Test
    void weightsAreAnNpzWithTheDocumentedEntriesAndShapes() throws IOException {
        TrainedModel model = model(StateTransform.PATHAK_SQUARE);
        Path dir = tmp.resolve("model");
        ModelArchive.save(model, dir);
        assertEquals(List.of("model.json", "weights.npz"), names(dir));

        Map<String, NpyArray> z = Npz.read(dir.resolve("weights.npz"));
        assertEquals(ENTRIES, List.copyOf(z.keySet()));
        CsrMatrix w = model.reservoir().w();
        int nnz = w.nonZeros();
        int nnzIn = model.reservoir().win().nonZeros();
        assertEquals(300, nnzIn); // dense input: 100 x 3
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("W_data", new int[] {nnz});
        shapes.put("W_indices", new int[] {nnz});
        shapes.put("W_indptr", new int[] {101});
        shapes.put("W_in_data", new int[] {nnzIn});
        shapes.put("W_in_indices", new int[] {nnzIn});
        shapes.put("W_in_indptr", new int[] {101});
        shapes.put("bias", new int[] {100});
        shapes.put("W_out", new int[] {3, 100});
        shapes.put("readout_bias", new int[] {3});
        shapes.put("mean", new int[] {3});
        shapes.put("std", new int[] {3});
        shapes.put("end_state", new int[] {100});
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            NpyArray a = z.get(e.getKey());
            assertArrayEquals(e.getValue(), a.shape(), e.getKey());
            Dtype expected = e.getKey().endsWith("_indices") || e.getKey().endsWith("_indptr") ? Dtype.INT32
                    : Dtype.FLOAT64;
            assertEquals(expected, a.dtype(), e.getKey());
        }

        // Rebuild W densely from the CSR arrays as scipy.sparse.csr_matrix((d, i, p)) would.
        double[] d = z.get("W_data").data();
        int[] idx = z.get("W_indices").toIntArray();
        int[] ptr = z.get("W_indptr").toIntArray();
        double[][] dense = new double[100][100];
        for (int i = 0; i < 100; i++) {
            for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                dense[i][idx[p]] = d[p];
            }
        }
        double[][] expectedW = w.toDense();
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(expectedW[i], dense[i], 0, "row " + i);
        }
        assertEquals(model.readout().weight(2, 57), z.get("W_out").get(2, 57));

        String json = Files.readString(dir.resolve("model.json"));
        assertTrue(json.startsWith("{\n  \"format\": \"rclab-esn\",\n  \"version\": 1,\n"), json);
        for (String s : List.of("\"size\": 100,", "\"seed\": 7\n", "\"topology\": \"ERDOS_RENYI\"",
                "\"inputDimension\": 3,", "\"transform\": \"PATHAK_SQUARE\"", "\"dt\": " + data.dt() + ",",
                "\"W\": [100, 100]", "\"W_in\": [100, 3]", "\"W_out\": [3, 100]", "\"W\": " + nnz + ",")) {
            assertTrue(json.contains(s), s);
        }
        List<String> order = List.of("\"format\"", "\"version\"", "\"reservoir\"", "\"size\"", "\"averageDegree\"",
                "\"topology\"", "\"spectralRadius\"", "\"leakRate\"", "\"inputScaling\"", "\"inputConnectivity\"",
                "\"bias\"", "\"seed\"", "\"inputDimension\"", "\"transform\"", "\"dt\"", "\"readoutNote\"",
                "\"shapes\"", "\"nnz\"");
        for (int k = 1; k < order.size(); k++) {
            assertTrue(json.indexOf(order.get(k - 1)) < json.indexOf(order.get(k)), order.get(k));
        }
    }

    @Test
    void missingOrCorruptMetadataGivesClearErrors() throws IOException {
        Path dir = tmp.resolve("model");
        ModelArchive.save(model(StateTransform.IDENTITY), dir);
        Path json = dir.resolve("model.json");
        String good = Files.readString(json);

        Files.writeString(json, good.substring(0, good.length() / 2));
        assertMessage(dir, "model.json", "malformed JSON", "truncated");
        Files.writeString(json, "not json");
        assertMessage(dir, "model.json", "malformed JSON", "line 1, column 1");
        Files.writeString(json, good.replace("\"rclab-esn\"", "\"keras\""));
        assertMessage(dir, "'format' must be \"rclab-esn\", got \"keras\"");
        Files.writeString(json, good.replace("\"version\": 1,", "\"version\": 2,"));
        assertMessage(dir, "'version' must be 1", "got 2");
        Files.writeString(json, good.replaceFirst("\n *\"leakRate\": [^\n]*", ""));
        assertMessage(dir, "has no key 'reservoir.leakRate'");
        Files.writeString(json, good.replace("\"leakRate\": 1.0", "\"leakRate\": 1.5"));
        assertMessage(dir, "reservoir", "leakRate must be in (0.0, 1.0], got 1.5");
        Files.writeString(json, good.replace("\"IDENTITY\"", "\"SQUARE\""));
        assertMessage(dir, "'transform' must be one of", "got \"SQUARE\"");
        Files.writeString(json, good.replace("\"W\": [100, 100]", "\"W\": [100, 99]"));
        assertMessage(dir, "'shapes.W' must be [100, 100]", "got [100, 99]");

        Files.delete(json);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelArchive.load(dir));
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
        e = assertThrows(NoSuchFileException.class, () -> ModelArchive.load(tmp.resolve("nowhere")));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void missingOrMismatchedWeightsGiveClearErrors() throws IOException {
        Path dir = tmp.resolve("model");
        ModelArchive.save(model(StateTransform.IDENTITY), dir);
        Path npz = dir.resolve("weights.npz");
        Map<String, NpyArray> good = Npz.read(npz);

        Map<String, NpyArray> m = new LinkedHashMap<>(good);
        m.remove("end_state");
        Npz.write(npz, m);
        assertMessage(dir, "weights.npz has no entry 'end_state'");

        m = new LinkedHashMap<>(good);
        m.put("W_out", NpyArray.of(new int[] {3, 99}, new double[3 * 99]));
        Npz.write(npz, m);
        assertMessage(dir, "entry 'W_out' has shape (3, 99), but model.json says (3, 100)");

        m = new LinkedHashMap<>(good);
        m.put("W_indices", NpyArray.of(good.get("W_indices").shape(), good.get("W_indices").data()));
        Npz.write(npz, m);
        assertMessage(dir, "entry 'W_indices' must be an integer array", "got '<f8'");

        Files.delete(npz);
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ModelArchive.load(dir));
        assertTrue(e.getMessage().contains("weights.npz"), e.getMessage());
    }

    @Test
    void savingOverAModelDirectoryReplacesIt() throws IOException {
        Path dir = tmp.resolve("model");
        TrainedModel first = model(StateTransform.IDENTITY);
        TrainedModel second = model(StateTransform.PATHAK_SQUARE);
        ModelArchive.save(first, dir);
        ModelArchive.save(second, dir);
        TrainedModel back = ModelArchive.load(dir);
        assertEquals(StateTransform.PATHAK_SQUARE, back.transform());
        assertArrayEquals(second.readout().weights(), back.readout().weights(), 0);
        assertEquals(List.of("model"), names(tmp)); // no temporary or old directories left
    }

    @Test
    void aFailedSaveLeavesTheOldDirectoryIntact() throws IOException {
        Path dir = tmp.resolve("model");
        ModelArchive.save(model(StateTransform.IDENTITY), dir);
        byte[] json = Files.readAllBytes(dir.resolve("model.json"));
        byte[] weights = Files.readAllBytes(dir.resolve("weights.npz"));

        IOException e = assertThrows(IOException.class, () -> ModelArchive.save(model(StateTransform.PATHAK_SQUARE),
                dir, staged -> {
                    assertEquals(List.of("model.json", "weights.npz"), names(staged));
                    throw new IOException("disk full (simulated)");
                }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(json, Files.readAllBytes(dir.resolve("model.json")));
        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("weights.npz")));
        assertEquals(StateTransform.IDENTITY, ModelArchive.load(dir).transform());
        assertEquals(List.of("model"), names(tmp));

        // A failed first save leaves nothing at all.
        Path fresh = tmp.resolve("fresh");
        assertThrows(IOException.class, () -> ModelArchive.save(model(StateTransform.IDENTITY), fresh, staged -> {
            throw new IOException("simulated");
        }));
        assertFalse(Files.exists(fresh));
        assertEquals(List.of("model"), names(tmp));
    }

    @Test
    void refusesToReplaceSomethingThatIsNotAModelDirectory() throws IOException {
        Path other = tmp.resolve("results");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "keep me");
        IOException e = assertThrows(IOException.class,
                () -> ModelArchive.save(model(StateTransform.IDENTITY), other));
        assertTrue(e.getMessage().contains("'notes.txt'") && e.getMessage().contains("refusing"), e.getMessage());
        assertEquals("keep me", Files.readString(other.resolve("notes.txt")));

        Path file = tmp.resolve("model");
        Files.writeString(file, "a file");
        e = assertThrows(IOException.class, () -> ModelArchive.save(model(StateTransform.IDENTITY), file));
        assertTrue(e.getMessage().contains("existing file"), e.getMessage());
        assertEquals("a file", Files.readString(file));
        assertEquals(List.of("model", "results"), names(tmp));
    }

    private static void assertMessage(Path dir, String... parts) {
        IOException e = assertThrows(IOException.class, () -> ModelArchive.load(dir));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
    }

    private static void assertSameCsr(CsrMatrix expected, CsrMatrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.cols(), actual.cols());
        assertArrayEquals(expected.rowStart(), actual.rowStart());
        assertArrayEquals(expected.columns(), actual.columns());
        assertArrayEquals(expected.values(), actual.values(), 0);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
