package org.fastdjl.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved weights are laid out as {@code safetensors.torch.save_file(..., metadata={"format": "pt"})}
 * lays them out, BatchNorm's {@code num_batches_tracked} included; with {@code /usr/bin/python3} and
 * torch, PyTorch loads them strictly, predicts the same, and writes the same bytes.
 */
class SafeTensorsFormatTest {

    private static final float[] X = {0.5f, -1.0f, 2.0f, 1.5f, 0.25f, -0.75f, -2.0f, 1.0f, 0.0f};

    /** A fitted Linear(3, 8) - ReLU - BatchNorm1d(8) - Linear(8, 1), saved; returns its predictions on X. */
    private static float[] fitAndSave(Path file, int epochs) throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(4);
        DataBunch data = TestData.regression(256, 32, 4); // 8 batches per epoch
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).optPath(file.getParent())
                .build()) {
            learn.fit(epochs, 1e-2);
            Files.move(learn.save("m"), file);
            Predictions p = learn.predictOn(m -> new NDList(m.create(X, new Shape(3, 3))));
            return p.values();
        }
    }

    @Test
    void headerIsPaddedWithPtMetadataSortedTensorsAndTheBatchNormCounter() throws IOException {
        Path file = TestData.tempDir().resolve("w.safetensors");
        fitAndSave(file, 2);
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length " + n + " is a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"2.num_batches_tracked\":{\"dtype\":\"I64\","
                + "\"shape\":[],\"data_offsets\":[0,8]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[8],\"data_offsets\":[8,40]},"
                + "\"0.weight\":"), header);
        String json = header.stripTrailing();
        assertTrue(json.endsWith("}") && header.substring(json.length()).chars().allMatch(c -> c == ' ')
                && header.length() - json.length() < 8, "padded with fewer than 8 spaces: '" + header + "'");
        JsonObject h = JsonParser.parseString(header).getAsJsonObject();
        List<String> keys = new ArrayList<>(h.keySet());
        assertEquals(List.of("__metadata__", "2.num_batches_tracked", "0.bias", "0.weight", "2.bias", "2.running_mean",
                "2.running_var", "2.weight", "3.bias", "3.weight"), keys, "I64 first, then F32 by name");
        assertEquals(8 + n + h.getAsJsonObject("3.weight").getAsJsonArray("data_offsets").get(1).getAsLong(),
                bytes.length, "the data ends the file");
        assertEquals(16, SafeTensors.read(file).get("2.num_batches_tracked").longs()[0], "2 epochs of 8 batches");
        // the bytes are the serialization of what was read back: one layout only
        assertArrayEquals(bytes, SafeTensors.serialize(SafeTensors.read(file), SafeTensors.PT_METADATA));
    }

    @Test
    void pytorchLoadsThemStrictlyPredictsTheSameAndWritesTheSameBytes() throws Exception {
        boolean torch;
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            torch = p.waitFor() == 0;
        } catch (IOException e) {
            torch = false;
        }
        Assumptions.assumeTrue(torch, "/usr/bin/python3 cannot import torch (Debian's python3-torch): skipping the "
                + "PyTorch check of the safetensors files");
        Path dir = TestData.tempDir();
        Path file = dir.resolve("w.safetensors");
        float[] java = fitAndSave(file, 1);
        Path script = dir.resolve("check.py");
        try (InputStream in = SafeTensorsFormatTest.class.getResourceAsStream("/safetensors_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path fromTorch = dir.resolve("torch.safetensors");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), file.toString(), fromTorch.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.split("\n");
        JsonObject r = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        float[] torchOut = new float[3];
        for (int i = 0; i < 3; i++) {
            torchOut[i] = r.getAsJsonArray("outputs").get(i).getAsFloat();
        }
        assertArrayEquals(java, torchOut, 1e-5f, "PyTorch predicts what fastdjl predicts");
        assertEquals(8, r.get("num_batches_tracked").getAsLong());
        assertTrue(r.get("same_bytes").getAsBoolean(), "PyTorch's state_dict written by save_file's rules is the same file");

        // and back: the file PyTorch wrote loads into fastdjl
        DataBunch data = TestData.regression(64, 32, 4);
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).optPath(dir).build()) {
            Files.createDirectories(dir.resolve("models"));
            Files.copy(fromTorch, dir.resolve("models/back.safetensors"));
            learn.load("back");
            assertArrayEquals(java, learn.predictOn(x -> new NDList(x.create(X, new Shape(3, 3)))).values(), 1e-6f);
        }
    }
}
