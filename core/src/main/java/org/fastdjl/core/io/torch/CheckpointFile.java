package org.fastdjl.core.io.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import net.razorvine.pickle.PickleException;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An open {@code torch.save} file: its unpickled object (tensors as {@link TensorRef}s) and the means to
 * read the storages behind them. Two formats: the zip archive of PyTorch 1.6 and later ({@link Zip}) and
 * the legacy stream of pickles followed by raw storages ({@link Legacy}).
 */
abstract class CheckpointFile implements Closeable {

    /** Bytes that start a zip archive (a local file header). */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** The first pickle of a legacy file: {@code torch.serialization.MAGIC_NUMBER}. */
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    /** The second: {@code torch.serialization.PROTOCOL_VERSION}. */
    private static final long LEGACY_PROTOCOL = 1001;

    final Path file;
    /** The storages named by the pickle's persistent ids, by key, in the order first seen. */
    final Map<String, StorageRef> storages = new LinkedHashMap<>();
    /** The unpickled object. */
    Object root;
    /** The byte order the storages were written in. */
    ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;

    CheckpointFile(Path file) {
        this.file = file;
    }

    /**
     * Opens a checkpoint and unpickles its object; storages are read later by {@link #materialize}.
     *
     * @param file the {@code .pth} file
     * @return the open checkpoint
     * @throws IOException if the file is missing, of another kind, refused, truncated or corrupt
     */
    static CheckpointFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no PyTorch checkpoint here");
        }
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        CheckpointFile ck;
        if (n >= 4 && startsWith(head, ZIP_MAGIC)) {
            ck = new Zip(file);
        } else if (n >= 1 && (head[0] & 0xff) == 0x80) {
            ck = new Legacy(file);
        } else if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            throw new IOException(file + ": a gzip-compressed file (a .tgz archive?), not a checkpoint: unpack it first");
        } else if (n >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            throw new IOException(file + ": a tar archive: PyTorch < 0.4's checkpoint format is not supported "
                    + "(load and re-save it with a newer PyTorch)");
        } else {
            throw new IOException(file + ": not a PyTorch checkpoint: " + (n == 0 ? "the file is empty"
                    : "it starts neither with a zip header (torch.save since 1.6) nor with a pickle (the legacy format)"));
        }
        try {
            ck.readObject();
            return ck;
        } catch (IOException | RuntimeException e) {
            ck.close();
            throw e;
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Unpickles the object (and, for the legacy format, the headers around it). */
    abstract void readObject() throws IOException;

    /**
     * Reads the storages that some tensors use and creates the tensors on a manager.
     *
     * @param tensors the tensors (each at most once)
     * @param manager where to create them
     * @return the arrays, by tensor
     * @throws IOException if a storage is missing or truncated (the arrays made so far are closed)
     */
    final Map<TensorRef, NDArray> materialize(Collection<TensorRef> tensors, NDManager manager) throws IOException {
        Map<StorageRef, List<TensorRef>> byStorage = new IdentityHashMap<>();
        for (TensorRef t : tensors) {
            byStorage.computeIfAbsent(t.storage, s -> new ArrayList<>()).add(t);
        }
        Map<TensorRef, NDArray> out = new IdentityHashMap<>();
        try {
            readStorages(byStorage, (storage, bytes) -> {
                for (TensorRef t : byStorage.get(storage)) {
                    out.put(t, create(t, bytes, manager));
                }
            });
        } catch (IOException | RuntimeException e) {
            out.values().forEach(NDArray::close);
            throw e;
        }
        return out;
    }

    /** Receives a storage's bytes. */
    @FunctionalInterface
    interface StorageConsumer {
        void accept(StorageRef storage, byte[] bytes) throws IOException;
    }

    /**
     * Reads each of the given storages' bytes once.
     *
     * @param needed the storages to read (the keys of the map)
     * @param consumer gets each one's bytes
     */
    abstract void readStorages(Map<StorageRef, List<TensorRef>> needed, StorageConsumer consumer) throws IOException;

    /** Resolves the pickle's persistent ids {@code ('storage', torch.FloatStorage, key, location, numel[, view])}. */
    final Object persistentId(Object pid, boolean legacy) {
        if (!(pid instanceof Object[])) {
            throw new PickleException("a persistent id that is a " + TorchUnpickler.describe(pid) + ", not a tuple");
        }
        Object[] p = (Object[]) pid;
        if (p.length > 0 && "module".equals(p[0])) {
            throw new PickleException("the file holds a pickled module with its source code (torch.save(model)), "
                    + "not a state dict: save model.state_dict() instead");
        }
        int expected = legacy ? 6 : 5;
        if (p.length != expected || !"storage".equals(p[0])) {
            throw new PickleException("a persistent id of " + p.length + " items that is not ('storage', type, key, "
                    + "location, numel" + (legacy ? ", view)" : ")"));
        }
        if (!(p[1] instanceof TorchUnpickler.StorageType)) {
            throw new PickleException("a persistent id whose storage type is a " + TorchUnpickler.describe(p[1]));
        }
        if (!(p[2] instanceof String) || !(p[3] instanceof String)) {
            throw new PickleException("a persistent id whose key or location is not a str");
        }
        if (legacy && p[5] != null) {
            throw new PickleException("storage views (PyTorch < 0.4) are not supported");
        }
        TorchDtype dtype = ((TorchUnpickler.StorageType) p[1]).dtype;
        String key = (String) p[2];
        long numel = TorchUnpickler.toLong(p[4], "storage size");
        if (numel < 0 || numel > Long.MAX_VALUE / 8) {
            throw new PickleException("storage " + key + " of " + numel + " elements");
        }
        StorageRef known = storages.get(key);
        if (known == null) {
            known = new StorageRef(key, dtype, numel, (String) p[3]);
            storages.put(key, known);
        } else if (known.dtype != dtype || known.numel != numel) {
            throw new PickleException("storage " + key + " is named twice with different types or sizes");
        }
        return known;
    }

    /** Copies a tensor's elements out of its storage's bytes (row-major, in this machine's byte order) into an array. */
    private NDArray create(TensorRef t, byte[] storage, NDManager manager) throws IOException {
        int es = t.storage.dtype.elementSize();
        long bytes = t.numel() * es;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": " + t + " has " + bytes + " bytes, more than one buffer holds");
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        if (t.isContiguous()) {
            buf.put(storage, Math.toIntExact(t.offset * es), (int) bytes);
        } else {
            gather(t, storage, es, buf);
        }
        if (es > 1 && byteOrder != ByteOrder.nativeOrder()) {
            swap(buf, es);
        }
        buf.rewind();
        if (t.storage.dtype.widened()) {
            buf = widen(buf, t.storage.dtype);
        }
        return manager.create(buf, new Shape(t.shape), t.storage.dtype.dataType);
    }

    /** Walks a strided view in row-major order (strides in elements, possibly 0). */
    private static void gather(TensorRef t, byte[] storage, int es, ByteBuffer out) {
        int dims = t.shape.length;
        long n = t.numel();
        long[] idx = new long[dims];
        long src = t.offset;
        for (long k = 0; k < n; k++) {
            out.put(storage, (int) (src * es), es);
            for (int d = dims - 1; d >= 0; d--) {
                idx[d]++;
                src += t.stride[d];
                if (idx[d] < t.shape[d]) {
                    break;
                }
                src -= t.stride[d] * t.shape[d];
                idx[d] = 0;
            }
        }
    }

    /**
     * The 2-byte types DJL's PyTorch engine lacks, made 4-byte without changing a value: int16 to int32
     * (sign-extended), bfloat16 to float32 (its 16 bits are the float's upper half).
     */
    private static ByteBuffer widen(ByteBuffer in, TorchDtype dtype) {
        ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 2).order(ByteOrder.nativeOrder());
        boolean bf16 = dtype == TorchDtype.BFLOAT16;
        while (in.remaining() >= 2) {
            short v = in.getShort();
            out.putInt(bf16 ? (v & 0xffff) << 16 : v);
        }
        out.rewind();
        return out;
    }

    private static void swap(ByteBuffer buf, int es) {
        int limit = buf.position();
        for (int i = 0; i < limit; i += es) {
            for (int a = i, b = i + es - 1; a < b; a++, b--) {
                byte x = buf.get(a);
                buf.put(a, buf.get(b));
                buf.put(b, x);
            }
        }
    }

    /** The zip format: {@code <archive>/data.pkl}, {@code <archive>/data/<key>}, {@code <archive>/byteorder}. */
    static final class Zip extends CheckpointFile {
        private final ZipFile zip;
        private String prefix;

        Zip(Path file) throws IOException {
            super(file);
            try {
                zip = new ZipFile(file.toFile());
            } catch (ZipException e) {
                throw new IOException(file + ": a damaged or truncated zip archive (" + e.getMessage() + ")", e);
            }
        }

        @Override
        void readObject() throws IOException {
            ZipEntry pkl = null;
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                names.add(e.getName());
                int slash = e.getName().indexOf('/');
                if (pkl == null && slash > 0 && e.getName().substring(slash).equals("/data.pkl")) {
                    pkl = e;
                }
            }
            if (pkl == null) {
                throw new IOException(file + ": a zip archive without <archive>/data.pkl, so not a torch.save "
                        + "checkpoint (entries: " + String.join(", ", names.subList(0, Math.min(5, names.size())))
                        + (names.size() > 5 ? ", ..." : "") + ")");
            }
            prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String o = new String(read(order, 16), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (o.equals("big")) {
                    byteOrder = ByteOrder.BIG_ENDIAN;
                } else if (!o.equals("little")) {
                    throw new IOException(file + ": " + order.getName() + " says '" + o + "', expected little or big");
                }
            }
            String source = file + " (" + pkl.getName() + ")";
            try (CountingInput in = new CountingInput(new BufferedInputStream(zip.getInputStream(pkl)), pkl.getSize())) {
                root = TorchUnpickler.load(source, in, TorchUnpickler.STATE_DICT_GLOBALS, pid -> persistentId(pid, false));
            } catch (ZipException e) {
                throw new IOException(source + ": damaged entry (" + e.getMessage() + ")", e);
            }
        }

        @Override
        void readStorages(Map<StorageRef, List<TensorRef>> needed, StorageConsumer consumer) throws IOException {
            for (StorageRef s : needed.keySet()) {
                String name = prefix + "data/" + s.key;
                ZipEntry e = zip.getEntry(name);
                if (e == null) {
                    throw new IOException(file + ": storage " + s.key + " (entry " + name + ") is missing");
                }
                if (e.getSize() >= 0 && e.getSize() < s.byteSize()) {
                    throw new IOException(file + ": entry " + name + " holds " + e.getSize() + " bytes, its "
                            + s.numel + " " + s.dtype.storageClass + " elements need " + s.byteSize());
                }
                consumer.accept(s, read(e, s.byteSize()));
            }
        }

        private byte[] read(ZipEntry e, long max) throws IOException {
            if (max > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": entry " + e.getName() + " is too large (" + max + " bytes)");
            }
            try (InputStream in = zip.getInputStream(e)) {
                byte[] b = new byte[(int) Math.min(max, e.getSize() >= 0 ? e.getSize() : max)];
                int n = in.readNBytes(b, 0, b.length);
                if (e.getName().endsWith("byteorder")) {
                    return Arrays.copyOf(b, n);
                }
                if (n < max) {
                    throw new IOException(file + ": entry " + e.getName() + " ends after " + n + " of "
                            + max + " bytes: truncated");
                }
                return b;
            } catch (ZipException ze) {
                throw new IOException(file + ": damaged entry " + e.getName() + " (" + ze.getMessage() + ")", ze);
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /**
     * The legacy format ({@code _use_new_zipfile_serialization=False}, and every file before PyTorch 1.6):
     * pickles of the magic number, the protocol version and the system info, the pickle of the object with
     * persistent ids, the pickle of the storage keys, then each storage in that order as an 8-byte element
     * count and the raw elements.
     */
    static final class Legacy extends CheckpointFile {
        private final CountingInput in;
        private List<String> keys;

        Legacy(Path file) throws IOException {
            super(file);
            in = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16), Files.size(file));
        }

        @Override
        void readObject() throws IOException {
            String source = file.toString();
            Object magic = TorchUnpickler.load(source, in, TorchUnpickler.NO_GLOBALS, null);
            if (!(magic instanceof BigInteger) || !magic.equals(LEGACY_MAGIC)) {
                throw new IOException(file + ": a pickle, but not a torch.save checkpoint (no PyTorch magic number "
                        + "first; a plain pickle such as fastai's itos list is read with PickledStrings)");
            }
            Object protocol = TorchUnpickler.load(source, in, TorchUnpickler.NO_GLOBALS, null);
            if (!(protocol instanceof Number) || ((Number) protocol).longValue() != LEGACY_PROTOCOL) {
                throw new IOException(file + ": legacy checkpoint protocol " + protocol + ", expected " + LEGACY_PROTOCOL);
            }
            Object sysInfo = TorchUnpickler.load(source, in, TorchUnpickler.NO_GLOBALS, null);
            if (!(sysInfo instanceof Map)) {
                throw new IOException(file + ": the system info pickle is a " + TorchUnpickler.describe(sysInfo));
            }
            if (Boolean.FALSE.equals(((Map<?, ?>) sysInfo).get("little_endian"))) {
                byteOrder = ByteOrder.BIG_ENDIAN;
            }
            root = TorchUnpickler.load(source, in, TorchUnpickler.STATE_DICT_GLOBALS, pid -> persistentId(pid, true));
            Object k = TorchUnpickler.load(source, in, TorchUnpickler.NO_GLOBALS, null);
            if (!(k instanceof List) || !((List<?>) k).stream().allMatch(x -> x instanceof String)) {
                throw new IOException(file + ": the storage keys pickle is a " + TorchUnpickler.describe(k)
                        + ", not a list of str");
            }
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) k;
            keys = Collections.unmodifiableList(list);
        }

        @Override
        void readStorages(Map<StorageRef, List<TensorRef>> needed, StorageConsumer consumer) throws IOException {
            int left = needed.size();
            for (String key : keys) {
                if (left == 0) {
                    return;
                }
                StorageRef s = storages.get(key);
                if (s == null) {
                    throw new IOException(file + ": storage key " + key + " is listed but no tensor uses it");
                }
                long at = in.position();
                byte[] header = in.readNBytes(8);
                if (header.length < 8) {
                    throw new IOException(file + ": truncated: storage " + key + "'s size is missing at byte " + at);
                }
                long numel = ByteBuffer.wrap(header).order(byteOrder).getLong();
                if (numel != s.numel) {
                    throw new IOException(file + ": storage " + key + " at byte " + at + " says " + numel
                            + " elements, the pickle said " + s.numel);
                }
                long size = s.byteSize();
                if (size > in.remaining()) {
                    throw new IOException(file + ": truncated: storage " + key + " needs " + size + " bytes at byte "
                            + in.position() + ", only " + in.remaining() + " left");
                }
                if (needed.containsKey(s)) {
                    if (size > Integer.MAX_VALUE - 8) {
                        throw new IOException(file + ": storage " + key + " is too large (" + size + " bytes)");
                    }
                    byte[] b = new byte[(int) size];
                    if (in.readNBytes(b, 0, b.length) < size) {
                        throw new IOException(file + ": truncated: storage " + key + " ends early");
                    }
                    consumer.accept(s, b);
                    left--;
                } else {
                    in.skipNBytes(size);
                }
            }
            if (left > 0) {
                throw new IOException(file + ": " + left + " storage(s) named by tensors are not in the storage list");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
