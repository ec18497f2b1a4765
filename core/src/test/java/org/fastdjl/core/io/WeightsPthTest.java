package org.fastdjl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.JsonUtils;

import com.google.gson.JsonObject;

import org.fastdjl.core.TestData;
import org.fastdjl.core.io.torch.TorchCheckpoint;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.nn.StateDict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link Weights#savePth} writes what PyTorch's {@code torch.load} reads (checked in a Python subprocess
 * when Debian's PyTorch is there), our reader gives it back identically, and {@link Weights#loadPth} /
 * {@link Weights#loadStateDict} match names strictly with the same messages as the safetensors path.
 */
class WeightsPthTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** A trained MLP (so BatchNorm's running statistics are not the defaults). */
    private static Learner trainedMlp(Path dir) {
        Learner learn = Learner.builder(TestData.regression(256, 32, 3), TestData.mlp(8, 1))
                .optSilent(true).optPath(dir).build();
        learn.fitOneCycle(1, 1e-2);
        return learn;
    }

    @Test
    void savePthReadsBackBitIdenticallyAndLoadsIntoAFreshModel() throws IOException {
        Path dir = TestData.tempDir();
        Path file = dir.resolve("mlp.pth");
        float[] before;
        try (Learner learn = trainedMlp(dir)) {
            Weights.savePth(learn.model(), file);
            before = learn.getPreds(org.fastdjl.core.data.DatasetType.VALID).values();
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> read = TorchCheckpoint.read(file, m);
                Map<String, Parameter> params = StateDict.of(learn.model());
                List<String> keys = new java.util.ArrayList<>(params.keySet());
                keys.add(keys.indexOf("2.running_var") + 1, "2.num_batches_tracked"); // PyTorch's order
                assertEquals(keys, List.copyOf(read.keySet()));
                assertEquals(ai.djl.ndarray.types.DataType.INT64, read.get("2.num_batches_tracked").getDataType());
                assertEquals(((org.fastdjl.core.nn.BatchNorm1d) learn.model().getChildren().get(2).getValue())
                        .numBatchesTracked(), read.get("2.num_batches_tracked").getLong(), "BatchNorm's counter");
                for (Map.Entry<String, Parameter> e : params.entrySet()) {
                    NDArray want = e.getValue().getArray();
                    NDArray got = read.get(e.getKey());
                    assertEquals(want.getShape(), got.getShape(), e.getKey());
                    assertEquals(want.getDataType(), got.getDataType(), e.getKey());
                    assertArrayEquals(want.toByteArray(), got.toByteArray(), e.getKey());
                }
            }
        }
        try (Learner fresh = Learner.builder(TestData.regression(256, 32, 3), TestData.mlp(8, 1))
                .optSilent(true).optPath(dir).build()) {
            assertFalse(java.util.Arrays.equals(before, fresh.getPreds(org.fastdjl.core.data.DatasetType.VALID).values()));
            Weights.loadPth(fresh.model(), file);
            assertArrayEquals(before, fresh.getPreds(org.fastdjl.core.data.DatasetType.VALID).values());
        }
    }

    @Test
    void savePthWritesPyTorchsZipLayoutWithAlignedUncompressedRecords() throws IOException {
        Path dir = TestData.tempDir();
        Path file = dir.resolve("mlp.pth");
        try (Learner learn = trainedMlp(dir)) {
            Weights.savePth(learn.model(), file);
        }
        byte[] zip = Files.readAllBytes(file);
        List<String> names = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (b.getInt(pos) == 0x04034b50) { // local file headers, in order
            int method = b.getShort(pos + 8);
            int size = b.getInt(pos + 18);
            int nameLen = b.getShort(pos + 26);
            int extraLen = b.getShort(pos + 28);
            String name = new String(zip, pos + 30, nameLen, StandardCharsets.UTF_8);
            int data = pos + 30 + nameLen + extraLen;
            names.add(name);
            assertEquals(0, method, name + " must be stored, not deflated");
            assertEquals(0, data % 64, name + " data must start at a multiple of 64, as PyTorch's writer aligns");
            pos = data + size;
        }
        assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/data/1",
                "archive/data/2", "archive/data/3", "archive/data/4", "archive/data/5", "archive/data/6",
                "archive/data/7", "archive/data/8", "archive/version"), names);
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
            assertEquals("3\n", new String(z.getInputStream(z.getEntry("archive/version")).readAllBytes(),
                    StandardCharsets.US_ASCII));
            assertEquals("little", new String(z.getInputStream(z.getEntry("archive/byteorder")).readAllBytes(),
                    StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theSameArrayUnderTwoNamesIsOneStorage() throws IOException {
        Path file = TestData.tempDir().resolve("tied.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.arange(12f).reshape(3, 4);
            Map<String, NDArray> sd = new LinkedHashMap<>();
            sd.put("encoder.weight", w);
            sd.put("decoder.weight", w);
            sd.put("decoder.bias", m.create(new float[] {1, 2, 3}));
            AtomicFiles.write(file, out -> TorchCheckpoint.write(sd, out));
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
                assertTrue(z.getEntry("archive/data/1") != null && z.getEntry("archive/data/2") == null,
                        "two storages: the tied weight once, and the bias");
            }
            Map<String, NDArray> back = TorchCheckpoint.read(file, m);
            assertEquals(List.of("encoder.weight", "decoder.weight", "decoder.bias"), List.copyOf(back.keySet()));
            assertArrayEquals(w.toFloatArray(), back.get("decoder.weight").toFloatArray());
            assertArrayEquals(w.toFloatArray(), back.get("encoder.weight").toFloatArray());
        }
    }

    @Test
    void loadingAMismatchedCheckpointNamesEveryKeyAsTheSafetensorsPathDoes() throws IOException {
        Path dir = TestData.tempDir();
        Path file = dir.resolve("mlp8.pth");
        try (Learner learn = trainedMlp(dir)) {
            Weights.savePth(learn.model(), file);
        }
        try (Learner other = Learner.builder(TestData.regression(64, 32, 7), TestData.mlp(5, 1))
                .optSilent(true).optPath(dir).build()) {
            IOException e = assertThrows(IOException.class, () -> Weights.loadPth(other.model(), file));
            assertTrue(e.getMessage().startsWith("cannot load " + file + " into this model: "), e.getMessage());
            assertTrue(e.getMessage().contains("key 0.weight has shape (8, 3) in the file, the model expects (5, 3)"),
                    e.getMessage());
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> sd = TorchCheckpoint.read(file, m);
                sd.remove("3.bias");
                sd.put("extra.weight", m.zeros(new ai.djl.ndarray.types.Shape(1)));
                IOException e2 = assertThrows(IOException.class, () -> Weights.loadStateDict(other.model(), sd, "here"));
                assertTrue(e2.getMessage().contains("missing key 3.bias"), e2.getMessage());
                assertTrue(e2.getMessage().contains("unexpected key extra.weight"), e2.getMessage());
            }
        }
    }

    @Test
    void torchLoadsSavePthIntoTheSameArchitectureStrictlyAndPredictsAlike() throws Exception {
        assumeTorch();
        Path dir = TestData.tempDir();
        Path file = dir.resolve("mlp.pth");
        Path inputs = dir.resolve("x.pth");
        try (Learner learn = trainedMlp(dir); NDManager m = NDManager.newBaseManager()) {
            Weights.savePth(learn.model(), file);
            NDArray x = m.create(new float[] {0.5f, -1f, 2f, 1.5f, 0.25f, -0.75f, -2f, 0f, 1f, 0.1f, 0.2f, 0.3f}, new ai.djl.ndarray.types.Shape(4, 3));
            AtomicFiles.write(inputs, out -> TorchCheckpoint.write(Map.of("x", x), out));
            Block model = learn.model();
            float[] ours = model.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();

            JsonObject torch = runTorch(file.toString(), "--mlp", inputs.toString());
            assertEquals("OrderedDict", torch.get("type").getAsString());
            JsonObject tensors = torch.getAsJsonObject("tensors");
            Map<String, Parameter> params = StateDict.of(model);
            java.util.Set<String> keys = new java.util.LinkedHashSet<>(params.keySet());
            keys.add("2.num_batches_tracked"); // BatchNorm's buffer: PyTorch's strict load needs it
            assertEquals(keys, tensors.keySet());
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                JsonObject t = tensors.getAsJsonObject(e.getKey());
                assertEquals("float32", t.get("dtype").getAsString(), e.getKey());
                assertEquals(HexFormat.of().formatHex(e.getValue().getArray().toByteArray()), t.get("hex").getAsString(),
                        e.getKey() + ": torch.load gives other values");
            }
            var pred = torch.getAsJsonArray("pred");
            assertEquals(ours.length, pred.size());
            for (int i = 0; i < ours.length; i++) {
                assertEquals(ours[i], pred.get(i).getAsFloat(), 1e-5f, "prediction " + i);
            }
        }
    }

    @Test
    void torchLoadsEveryWritableTypeScalarsEmptyTensorsAndTiedWeights() throws Exception {
        assumeTorch();
        Path file = TestData.tempDir().resolve("types.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> sd = new LinkedHashMap<>();
            NDArray tied = m.create(new float[] {1.5f, -2.25f, 3e-8f, Float.MAX_VALUE, Float.NaN, -0f}, new ai.djl.ndarray.types.Shape(2, 3));
            sd.put("f32", tied);
            sd.put("f32_tied", tied);
            sd.put("f64", m.create(new double[] {Math.PI, -1e300}));
            sd.put("f16", m.create(new float[] {0.5f, -65504f, 1e-3f}).toType(DataType.FLOAT16, false));
            sd.put("i64", m.create(new long[] {Long.MIN_VALUE, -1, 1L << 40, Long.MAX_VALUE}));
            sd.put("i32", m.create(new int[] {Integer.MIN_VALUE, 0, 70000}));
            sd.put("i8", m.create(new byte[] {-128, 5, 127}));
            sd.put("u8", m.create(new byte[] {0, 7, (byte) 255}).toType(DataType.UINT8, false));
            sd.put("bool", m.create(new boolean[] {true, false, true}));
            sd.put("scalar", m.create(7.5f));
            sd.put("empty", m.zeros(new ai.djl.ndarray.types.Shape(0, 4)));
            sd.put("big", m.arange(70000).toType(DataType.INT64, false).reshape(7, 10000));
            AtomicFiles.write(file, out -> TorchCheckpoint.write(sd, out));

            JsonObject torch = runTorch(file.toString());
            JsonObject tensors = torch.getAsJsonObject("tensors");
            assertEquals(List.copyOf(sd.keySet()), List.copyOf(tensors.keySet()), "torch keeps the order");
            Map<String, String> torchType = Map.of("f32", "float32", "f32_tied", "float32", "f64", "float64",
                    "f16", "float16", "i64", "int64", "i32", "int32", "i8", "int8", "u8", "uint8", "bool", "bool",
                    "scalar", "float32");
            for (Map.Entry<String, NDArray> e : sd.entrySet()) {
                JsonObject t = tensors.getAsJsonObject(e.getKey());
                if (torchType.containsKey(e.getKey())) {
                    assertEquals(torchType.get(e.getKey()), t.get("dtype").getAsString(), e.getKey());
                }
                List<Long> shape = new ArrayList<>();
                t.getAsJsonArray("shape").forEach(s -> shape.add(s.getAsLong()));
                assertEquals(e.getValue().getShape(), new ai.djl.ndarray.types.Shape(shape), e.getKey());
                assertEquals(HexFormat.of().formatHex(e.getValue().toByteArray()), t.get("hex").getAsString(), e.getKey());
            }
            assertEquals(tensors.getAsJsonObject("f32").get("data_ptr").getAsLong(),
                    tensors.getAsJsonObject("f32_tied").get("data_ptr").getAsLong(), "tied weights share a storage in torch");
        }
    }

    /** Whether {@code /usr/bin/python3} imports torch, found out once (the import takes seconds). */
    private static Boolean torchThere;

    private static synchronized void assumeTorch() throws Exception {
        if (torchThere == null) {
            torchThere = pythonHasTorch();
            if (!torchThere) {
                System.out.println("WeightsPthTest: skipped the torch.load checks: /usr/bin/python3 with torch not "
                        + "found (apt-get install python3-torch)");
            }
        }
        Assumptions.assumeTrue(torchThere, "/usr/bin/python3 with torch not found (apt-get install python3-torch)");
    }

    private static boolean pythonHasTorch() throws Exception {
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        return ok;
    }

    private static JsonObject runTorch(String... args) throws Exception {
        Path script = Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "torch", "torch_load_check.py");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "torch.load failed on our file: " + out);
        return JsonUtils.GSON.fromJson(out.trim(), JsonObject.class);
    }
}
