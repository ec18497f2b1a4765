package org.fastdjl.core.io.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes PyTorch {@code torch.save} checkpoints that hold a state dict, without Python and
 * without running anything from the file.
 *
 * <p>Both of PyTorch's formats are read: the zip archive written since PyTorch 1.6 ({@code
 * <archive>/data.pkl} with the tensors' storages in {@code <archive>/data/<key>}) and the legacy stream
 * ({@code _use_new_zipfile_serialization=False}, and every file written before 1.6, such as fastai's
 * WikiText-103 weights). Tensors may be float32, float64, float16, int64, int32, int8, uint8 or bool,
 * and bfloat16 or int16, which DJL's PyTorch engine does not have and which are read exactly as float32
 * and int32; views with storage offsets and any strides, several sharing one storage. The pickle is
 * read through an allow-list of globals (OrderedDict, {@code torch._utils._rebuild_tensor_v2}, {@code
 * _rebuild_parameter}, the {@code torch.*Storage} types): a file naming anything else ({@code os.system},
 * {@code builtins.eval}, a model class, ...) is refused with a {@link ForbiddenGlobalException}.
 *
 * <pre>{@code
 * try (NDManager m = NDManager.newBaseManager()) {
 *     Map<String, NDArray> sd = TorchCheckpoint.read(Path.of("lstm_fwd.pth"), m);
 *     NDArray emb = sd.get("0.encoder.weight");
 * }
 * }</pre>
 *
 * To load such a map into a model, use {@link org.fastdjl.core.io.Weights#loadStateDict}; to write a
 * model as a {@code .pth}, {@link org.fastdjl.core.io.Weights#savePth}.
 */
public final class TorchCheckpoint {

    private TorchCheckpoint() {}

    /**
     * Reads the state dict of a checkpoint: the file's dict of tensors by name, or the one under {@code
     * 'model'} (fastai's {@code learn.save(with_opt=True)} writes {@code {'model': ..., 'opt': ...}}) or
     * {@code 'state_dict'}. Only that dict's storages are read.
     *
     * @param file the {@code .pth} file
     * @param manager where the arrays are created (and on its device)
     * @return the tensors by name, in the file's order, each array named by its key and with the file's
     *     type and shape; each key gets its own array, also when tensors share a storage
     * @throws ForbiddenGlobalException if the pickle names a global that is not allowed
     * @throws IOException if the file is missing, truncated, corrupt or holds no state dict (the message
     *     names the file and what was wrong)
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (CheckpointFile ck = CheckpointFile.open(file)) {
            Map<String, TensorRef> refs = stateDict(ck.root, file);
            Map<TensorRef, NDArray> arrays = ck.materialize(distinct(refs.values()), manager);
            Map<String, NDArray> out = new LinkedHashMap<>();
            Set<NDArray> used = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
                NDArray a = arrays.get(e.getValue());
                if (!used.add(a)) {
                    a = a.duplicate(); // the same tensor object under two names: two arrays
                }
                a.setName(e.getKey());
                out.put(e.getKey(), a);
            }
            return out;
        }
    }

    /**
     * Reads the whole object of a checkpoint, e.g. to look at an optimizer state beside the model: Python
     * dicts become {@link Map}s (in order), lists and tuples {@link List}s, str {@link String}, int {@link
     * Integer}/{@link Long}/{@link java.math.BigInteger}, float {@link Double}, bool {@link Boolean}, None
     * null, and every tensor an {@link NDArray} on the manager.
     *
     * @param file the {@code .pth} file
     * @param manager where the arrays are created
     * @return the object
     * @throws ForbiddenGlobalException if the pickle names a global that is not allowed
     * @throws IOException if the file is missing, truncated or corrupt
     */
    public static Object readObject(Path file, NDManager manager) throws IOException {
        try (CheckpointFile ck = CheckpointFile.open(file)) {
            Map<Object, TensorRef> seen = new IdentityHashMap<>();
            collectTensors(ck.root, seen, Collections.newSetFromMap(new IdentityHashMap<>()));
            Map<TensorRef, NDArray> arrays = ck.materialize(seen.values(), manager);
            return convert(ck.root, arrays, new IdentityHashMap<>());
        }
    }

    /**
     * Writes a state dict in PyTorch's zip format, as {@code torch.save(state_dict, f)} does: {@code
     * archive/data.pkl} (a protocol-2 pickle of an OrderedDict whose tensors are rebuilt by {@code
     * torch._utils._rebuild_tensor_v2} from persistent ids {@code ('storage', torch.FloatStorage, key,
     * 'cpu', numel)}), {@code archive/byteorder}, one uncompressed {@code archive/data/<key>} per storage
     * aligned to 64 bytes, and {@code archive/version}. {@code torch.load} reads it (1.6 and later) and
     * {@code model.load_state_dict(..., strict=True)} of the same architecture accepts it. The same array
     * under two names is written once, as one storage, as PyTorch does for tied weights.
     *
     * @param stateDict the tensors by name, in order (any device; copied to the host)
     * @param out the stream (not closed)
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if an array's type has no PyTorch storage type
     */
    public static void write(Map<String, NDArray> stateDict, OutputStream out) throws IOException {
        TorchZipWriter.write(stateDict, out);
    }

    /** The state dict in a checkpoint's object: the object itself, or its {@code model}/{@code state_dict} entry. */
    private static Map<String, TensorRef> stateDict(Object root, Path file) throws IOException {
        Map<String, TensorRef> sd = asStateDict(root);
        if (sd != null) {
            return sd;
        }
        if (root instanceof Map) {
            for (String key : new String[] {"model", "state_dict"}) {
                sd = asStateDict(((Map<?, ?>) root).get(key));
                if (sd != null) {
                    return sd;
                }
            }
            List<String> keys = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
                if (keys.size() == 8) {
                    keys.add("...");
                    break;
                }
                keys.add(e.getKey() + ": " + TorchUnpickler.describe(e.getValue()));
            }
            throw new IOException(file + ": holds a dict {" + String.join(", ", keys) + "}, not a state dict "
                    + "(tensors by name) nor one under 'model' or 'state_dict'");
        }
        throw new IOException(file + ": holds a " + TorchUnpickler.describe(root) + ", not a state dict (tensors by name)");
    }

    private static Map<String, TensorRef> asStateDict(Object o) {
        if (!(o instanceof Map)) {
            return null;
        }
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TensorRef)) {
                return null;
            }
            out.put((String) e.getKey(), (TensorRef) e.getValue());
        }
        return out;
    }

    private static List<TensorRef> distinct(Iterable<TensorRef> refs) {
        Set<TensorRef> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<TensorRef> out = new ArrayList<>();
        for (TensorRef t : refs) {
            if (seen.add(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static void collectTensors(Object o, Map<Object, TensorRef> tensors, Set<Object> visited) {
        if (o instanceof TensorRef) {
            tensors.put(o, (TensorRef) o);
        } else if (o instanceof Map || o instanceof List || o instanceof Object[]) {
            if (!visited.add(o)) {
                return;
            }
            Iterable<?> items = o instanceof Map ? ((Map<?, ?>) o).values()
                    : o instanceof List ? (List<?>) o : Arrays.asList((Object[]) o);
            for (Object item : items) {
                collectTensors(item, tensors, visited);
            }
        }
    }

    private static Object convert(Object o, Map<TensorRef, NDArray> arrays, Map<Object, Object> done) {
        if (o instanceof TensorRef) {
            NDArray a = arrays.get(o);
            if (done.containsKey(o)) {
                return a.duplicate();
            }
            done.put(o, a);
            return a;
        }
        if (!(o instanceof Map || o instanceof List || o instanceof Object[])) {
            return o;
        }
        if (done.containsKey(o)) {
            return done.get(o);
        }
        if (o instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            done.put(o, m);
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                m.put(e.getKey(), convert(e.getValue(), arrays, done));
            }
            return m;
        }
        List<?> items = o instanceof List ? (List<?>) o : Arrays.asList((Object[]) o);
        List<Object> l = new ArrayList<>(items.size());
        done.put(o, l);
        for (Object item : items) {
            l.add(convert(item, arrays, done));
        }
        return l;
    }
}
