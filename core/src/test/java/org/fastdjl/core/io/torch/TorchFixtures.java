package org.fastdjl.core.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.JsonUtils;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checkpoints that {@code src-test-data/torch/make_torch_fixtures.py} wrote with PyTorch 1.13, and the
 * expected values it wrote beside them as safetensors. The expected files are parsed here byte for byte
 * (not through DJL, whose PyTorch engine has no bfloat16 or int16 arrays to hold them).
 */
final class TorchFixtures {

    private TorchFixtures() {}

    /** One expected tensor: its safetensors type, shape and raw little-endian bytes. */
    static final class Expected {
        final String dtype;
        final long[] shape;
        final byte[] bytes;

        Expected(String dtype, long[] shape, byte[] bytes) {
            this.dtype = dtype;
            this.shape = shape;
            this.bytes = bytes;
        }
    }

    /** @return the fixture folder */
    static Path dir() {
        return Path.of(System.getProperty("fastdjl.root", ".."), "src-test-data", "torch");
    }

    /** @return a fixture file */
    static Path file(String name) {
        return dir().resolve(name);
    }

    /**
     * The expected tensors of a safetensors file, in the file's order.
     *
     * @param name the file in the fixture folder
     * @return the tensors by name
     */
    static Map<String, Expected> expected(String name) throws IOException {
        byte[] all = Files.readAllBytes(file(name));
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = (int) bb.getLong();
        String header = new String(all, 8, headerLen, StandardCharsets.UTF_8);
        JsonObject json = JsonUtils.GSON.fromJson(header, JsonObject.class);
        int base = 8 + headerLen;
        Map<String, Expected> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject t = e.getValue().getAsJsonObject();
            long[] shape = new long[t.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.getAsJsonArray("shape").get(i).getAsLong();
            }
            int from = t.getAsJsonArray("data_offsets").get(0).getAsInt();
            int to = t.getAsJsonArray("data_offsets").get(1).getAsInt();
            out.put(e.getKey(), new Expected(t.get("dtype").getAsString(), shape,
                    Arrays.copyOfRange(all, base + from, base + to)));
        }
        return out;
    }

    /**
     * Asserts that an array holds exactly the expected tensor: same shape, the corresponding DJL type and
     * the same bits (bfloat16 read as float32 and int16 as int32 must widen without changing a bit of
     * the value).
     */
    static void assertBitIdentical(Expected expected, NDArray actual, String key) {
        assertEquals(new Shape(expected.shape), actual.getShape(), key + " shape");
        byte[] got = actual.toByteArray();
        switch (expected.dtype) {
            case "BF16": {
                assertEquals(DataType.FLOAT32, actual.getDataType(), key + " type");
                ByteBuffer want = ByteBuffer.wrap(expected.bytes).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer have = ByteBuffer.wrap(got).order(ByteOrder.nativeOrder());
                assertEquals(want.remaining() * 2, have.remaining(), key + " size");
                for (int i = 0; want.hasRemaining(); i++) {
                    assertEquals((want.getShort() & 0xffff) << 16, have.getInt(), key + " element " + i);
                }
                return;
            }
            case "I16": {
                assertEquals(DataType.INT32, actual.getDataType(), key + " type");
                ByteBuffer want = ByteBuffer.wrap(expected.bytes).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer have = ByteBuffer.wrap(got).order(ByteOrder.nativeOrder());
                assertEquals(want.remaining() * 2, have.remaining(), key + " size");
                for (int i = 0; want.hasRemaining(); i++) {
                    assertEquals(want.getShort(), have.getInt(), key + " element " + i);
                }
                return;
            }
            default:
                assertEquals(DataType.fromSafetensors(expected.dtype), actual.getDataType(), key + " type");
                assertArrayEquals(expected.bytes, got, key + " values");
        }
    }
}
