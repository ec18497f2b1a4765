package org.fastdjl.core.io.torch;

import ai.djl.ndarray.NDArray;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict as PyTorch's zip checkpoint. The archive matches what {@code torch.save} writes:
 * uncompressed entries whose data start at multiples of 64 bytes (padded with an extra field, as
 * PyTorch's own writer does, so that PyTorch can map storages in place), the pickle first, the version
 * last.
 */
final class TorchZipWriter {

    /** PyTorch's record alignment ({@code kFieldAlignment}). */
    private static final int ALIGNMENT = 64;

    /** The archive's top folder; {@code torch.load} takes whatever the first entry uses. */
    private static final String ARCHIVE = "archive/";

    /** The file format version PyTorch 1.6 to 2.x write. */
    private static final String VERSION = "3\n";

    /** A fixed time stamp, so the same weights give the same bytes. */
    private static final long TIME = 315_532_800_000L + 86_400_000L; // 1980-01-02

    private TorchZipWriter() {}

    static void write(Map<String, NDArray> stateDict, OutputStream target) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("writing .pth files is only supported on little-endian machines");
        }
        Map<NDArray, String> keys = new IdentityHashMap<>();
        List<NDArray> storages = new ArrayList<>();
        PickleWriter p = new PickleWriter();
        p.proto2();
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.mark();
        for (Map.Entry<String, NDArray> e : stateDict.entrySet()) {
            NDArray a = e.getValue();
            TorchDtype dtype;
            try {
                dtype = TorchDtype.of(a.getDataType());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(e.getKey() + ": " + ex.getMessage(), ex);
            }
            String key = keys.get(a);
            if (key == null) {
                key = Integer.toString(storages.size());
                keys.put(a, key);
                storages.add(a);
            }
            long[] shape = a.getShape().getShape();
            long[] stride = new long[shape.length];
            long s = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                stride[d] = s;
                s *= shape[d];
            }
            p.string(e.getKey());
            p.global("torch._utils", "_rebuild_tensor_v2");
            p.mark();
            // the storage, as a persistent id
            p.mark();
            p.string("storage");
            p.global("torch", dtype.storageClass);
            p.string(key);
            p.string("cpu");
            p.integer(a.size());
            p.tuple();
            p.binPersId();
            p.integer(0); // storage offset
            p.tuple(shape);
            p.tuple(stride);
            p.bool(false); // requires_grad
            p.global("collections", "OrderedDict"); // backward hooks: none
            p.emptyTuple();
            p.reduce();
            p.tuple();
            p.reduce();
        }
        p.setItems();
        p.stop();

        CountingOutput counted = new CountingOutput(target);
        ZipOutputStream zip = new ZipOutputStream(counted, StandardCharsets.UTF_8);
        entry(zip, counted, ARCHIVE + "data.pkl", p.toByteArray());
        entry(zip, counted, ARCHIVE + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < storages.size(); i++) {
            entry(zip, counted, ARCHIVE + "data/" + i, storages.get(i).toByteArray());
        }
        entry(zip, counted, ARCHIVE + "version", VERSION.getBytes(StandardCharsets.US_ASCII));
        zip.finish();
        zip.flush();
    }

    /** Adds an uncompressed entry whose data start at a multiple of {@link #ALIGNMENT}. */
    private static void entry(ZipOutputStream zip, CountingOutput counted, String name, byte[] data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long headerEnd = counted.count + 30 + nameBytes.length + 4; // local header, name, extra field header
        int pad = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F'; // header id 0x4246 ("FB"), PyTorch's padding field
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >> 8);
        java.util.Arrays.fill(extra, 4, extra.length, (byte) 'Z');
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        e.setTime(TIME);
        e.setExtra(extra);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Counts the bytes written, to know where each entry's data will start. */
    private static final class CountingOutput extends FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the caller owns the target stream
        }
    }

    /** The few pickle opcodes (protocol 2) a state dict needs. */
    private static final class PickleWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto2() {
            out.write(0x80);
            out.write(2);
        }

        void global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }

        void mark() {
            out.write('(');
        }

        void tuple() {
            out.write('t');
        }

        void emptyTuple() {
            out.write(')');
        }

        void reduce() {
            out.write('R');
        }

        void setItems() {
            out.write('u');
        }

        void binPersId() {
            out.write('Q');
        }

        void stop() {
            out.write('.');
        }

        void bool(boolean b) {
            out.write(b ? 0x88 : 0x89);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            int n = b.length;
            out.write(n);
            out.write(n >> 8);
            out.write(n >> 16);
            out.write(n >> 24);
            out.writeBytes(b);
        }

        void integer(long v) {
            if (v >= 0 && v < 256) {
                out.write('K');
                out.write((int) v);
            } else if (v >= 0 && v < 65536) {
                out.write('M');
                out.write((int) v);
                out.write((int) (v >> 8));
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write('J');
                for (int i = 0; i < 4; i++) {
                    out.write((int) (v >> (8 * i)));
                }
            } else {
                out.write(0x8a); // LONG1: 8 bytes, little-endian two's complement
                out.write(8);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (v >> (8 * i)));
                }
            }
        }

        void tuple(long[] values) {
            mark();
            for (long v : values) {
                integer(v);
            }
            tuple();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
