package org.fastdjl.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format, written byte for byte as the reference implementation ({@code
 * safetensors.torch.save_file(tensors, file, metadata={"format": "pt"})}) writes it, so zero-copy
 * loaders map it and PyTorch's {@code load_state_dict(strict=True)} takes the dict it gives:
 *
 * <ul>
 *   <li>8 bytes: the header's length {@code N}, unsigned little-endian;</li>
 *   <li>{@code N} bytes: compact JSON, {@code {"__metadata__":{"format":"pt"},"<name>":{"dtype":"F32",
 *       "shape":[..],"data_offsets":[begin,end]},...}}, padded with spaces to a multiple of 8 bytes so
 *       every tensor starts aligned;</li>
 *   <li>the tensors' bytes, little-endian, one after the other, in the header's order: by data type,
 *       widest-ranked first ({@code I64} before {@code F32}, as the reference sorts its {@code Dtype}
 *       enum in reverse), then by name.</li>
 * </ul>
 */
public final class SafeTensors {

    /** The metadata fastai/PyTorch files carry. */
    public static final Map<String, String> PT_METADATA = Map.of("format", "pt");

    /** Data types, in the order of the reference implementation's {@code Dtype} enum. */
    public enum Dtype {
        /** Booleans, one byte each. */
        BOOL(1),
        /** Unsigned bytes. */
        U8(1),
        /** Signed bytes. */
        I8(1),
        /** 16-bit integers. */
        I16(2),
        /** Half precision (read only as raw bytes). */
        F16(2),
        /** bfloat16 (read only as raw bytes). */
        BF16(2),
        /** 32-bit integers. */
        I32(4),
        /** Single precision. */
        F32(4),
        /** Double precision. */
        F64(8),
        /** 64-bit integers. */
        I64(8);

        private final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }

        /** @return bytes per element */
        public int bytes() {
            return bytes;
        }
    }

    /**
     * One tensor: its type, shape and little-endian bytes.
     *
     * @param dtype the data type
     * @param shape the shape ({@code []} for a scalar)
     * @param data the bytes, little-endian, {@code dtype.bytes() * prod(shape)} of them
     */
    public record Tensor(Dtype dtype, long[] shape, byte[] data) {
        /**
         * Checks the size.
         *
         * @param dtype the data type
         * @param shape the shape
         * @param data the bytes
         */
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n * dtype.bytes() != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                        + n * dtype.bytes() + " bytes, got " + data.length);
            }
        }

        /**
         * A float32 tensor.
         *
         * @param shape the shape
         * @param values the values, row-major
         * @return the tensor
         */
        public static Tensor ofFloats(long[] shape, float[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Tensor(Dtype.F32, shape.clone(), b.array());
        }

        /**
         * An int64 tensor.
         *
         * @param shape the shape
         * @param values the values, row-major
         * @return the tensor
         */
        public static Tensor ofLongs(long[] shape, long[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(values);
            return new Tensor(Dtype.I64, shape.clone(), b.array());
        }

        /** @return the values of an F32 tensor */
        public float[] floats() {
            require(Dtype.F32);
            float[] out = new float[data.length / 4];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }

        /** @return the values of an I64 tensor */
        public long[] longs() {
            require(Dtype.I64);
            long[] out = new long[data.length / 8];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }

        private void require(Dtype d) {
            if (dtype != d) {
                throw new IllegalStateException("the tensor is " + dtype + ", not " + d);
            }
        }
    }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private SafeTensors() {}

    /**
     * The file's bytes for some tensors, as the reference implementation serializes them.
     *
     * @param tensors name to tensor (any order)
     * @param metadata the {@code __metadata__} strings, or an empty map for none
     * @return the bytes
     */
    public static byte[] serialize(Map<String, Tensor> tensors, Map<String, String> metadata) {
        List<Map.Entry<String, Tensor>> order = new ArrayList<>(tensors.entrySet());
        order.sort(Comparator.<Map.Entry<String, Tensor>>comparingInt(e -> -e.getValue().dtype().ordinal())
                .thenComparing(Map.Entry::getKey));
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> meta.addProperty(e.getKey(), e.getValue()));
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : order) {
            Tensor t = e.getValue();
            JsonObject info = new JsonObject();
            info.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + t.data().length);
            info.add("data_offsets", offsets);
            header.add(e.getKey(), info);
            offset += t.data().length;
        }
        byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Map.Entry<String, Tensor> e : order) {
            out.put(e.getValue().data());
        }
        return out.array();
    }

    /**
     * Writes tensors to a file, atomically.
     *
     * @param file the file
     * @param tensors name to tensor
     * @param metadata the {@code __metadata__} strings ({@link #PT_METADATA} for PyTorch's)
     * @throws IOException if it cannot be written (an existing file is then untouched)
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = serialize(tensors, metadata);
        AtomicFiles.write(file, (OutputStream out) -> out.write(bytes));
    }

    /**
     * Reads every tensor of a file.
     *
     * @param file a safetensors file
     * @return name to tensor, in file order
     * @throws IOException naming the file when it cannot be read or is not a safetensors file
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads every tensor from a stream of safetensors bytes.
     *
     * @param raw the bytes; read to the end of the last tensor, not closed
     * @param source what the bytes are, for messages (a file, or an entry of one)
     * @return name to tensor, in file order
     * @throws IOException naming the source when the bytes are not safetensors
     */
    public static Map<String, Tensor> read(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] len = new byte[8];
        try {
            in.readFully(len);
        } catch (EOFException e) {
            throw new IOException(source + ": not a safetensors file (shorter than its 8-byte header length)", e);
        }
        long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 1 || n > 100_000_000) {
            throw new IOException(source + ": not a safetensors file (header length " + n + ")");
        }
        byte[] json = new byte[(int) n];
        JsonObject header;
        try {
            in.readFully(json);
            header = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (EOFException | JsonParseException | IllegalStateException e) {
            throw new IOException(source + ": not a safetensors file (its header is not a JSON object)", e);
        }
        record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            try {
                JsonObject info = e.getValue().getAsJsonObject();
                Dtype dtype = Dtype.valueOf(info.get("dtype").getAsString());
                JsonArray s = info.getAsJsonArray("shape");
                long[] shape = new long[s.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = s.get(i).getAsLong();
                }
                JsonArray o = info.getAsJsonArray("data_offsets");
                entries.add(new Entry(e.getKey(), dtype, shape, o.get(0).getAsLong(), o.get(1).getAsLong()));
            } catch (RuntimeException ex) {
                throw new IOException(source + ": tensor '" + e.getKey() + "' has a bad header entry: " + e.getValue(),
                        ex);
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        Map<String, Tensor> out = new LinkedHashMap<>();
        long pos = 0;
        for (Entry e : entries) {
            if (e.begin() != pos || e.end() < e.begin()) {
                throw new IOException(source + ": tensor '" + e.name() + "' has data offsets [" + e.begin() + ", "
                        + e.end() + "]; expected it to start at " + pos);
            }
            byte[] data = new byte[Math.toIntExact(e.end() - e.begin())];
            try {
                in.readFully(data);
            } catch (EOFException ex) {
                throw new IOException(source + ": truncated in tensor '" + e.name() + "'", ex);
            }
            try {
                out.put(e.name(), new Tensor(e.dtype(), e.shape(), data));
            } catch (IllegalArgumentException ex) {
                throw new IOException(source + ": tensor '" + e.name() + "': " + ex.getMessage(), ex);
            }
            pos = e.end();
        }
        return out;
    }
}
