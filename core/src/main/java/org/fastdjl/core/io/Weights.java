package org.fastdjl.core.io;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import org.fastdjl.core.io.torch.TorchCheckpoint;
import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.StateDict;
import org.fastdjl.core.nn.Tensors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Saves and loads a model's weights as a safetensors file whose tensor names are the PyTorch {@code
 * state_dict} keys of the same model ({@link StateDict}), BatchNorm's {@code num_batches_tracked}
 * included, laid out as {@code safetensors.torch.save_file(..., metadata={"format": "pt"})} lays it out
 * ({@link SafeTensors}), so {@code safetensors.torch.load_file} in Python gives a dict that {@code
 * model.load_state_dict(strict=True)} accepts, and the other way round. The same
 * models also save and load as PyTorch {@code .pth} checkpoints ({@link #savePth}, {@link #loadPth}), and
 * any state dict by name loads through one strict matcher ({@link #loadStateDict}). Writes are atomic
 * ({@link AtomicFiles}).
 */
public final class Weights {

    /** PyTorch's BatchNorm counter: written for every BatchNorm, read back into {@link BatchNorm1d}. */
    private static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

    private Weights() {}

    /**
     * Saves every parameter and buffer of a model.
     *
     * @param model the model
     * @param file the safetensors file
     * @throws IOException if the file cannot be written (an existing file is then untouched)
     */
    public static void save(Block model, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(model, out));
    }

    /**
     * Writes every parameter and buffer of a model as safetensors to a stream (what {@link #save}
     * writes into its file), for containers such as a learner's export.
     *
     * @param model the model
     * @param out the stream; not closed
     * @throws IOException if the stream fails
     */
    public static void write(Block model, OutputStream out) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : StateDict.of(model).entrySet()) {
            tensors.put(e.getKey(), tensor(initialized(e.getKey(), e.getValue())));
        }
        for (Map.Entry<String, Long> e : batchCounts(model).entrySet()) {
            tensors.put(e.getKey(), SafeTensors.Tensor.ofLongs(new long[0], new long[] {e.getValue()}));
        }
        out.write(SafeTensors.serialize(tensors, SafeTensors.PT_METADATA));
    }

    private static NDArray initialized(String key, Parameter p) {
        NDArray a = p.getArray();
        if (a == null) {
            throw new IllegalStateException("parameter " + key + " is not initialized: run the model once first");
        }
        return a;
    }

    /**
     * PyTorch's {@code num_batches_tracked} buffer of every BatchNorm of a model, by state-dict key: the
     * count of a {@link BatchNorm1d}, 0 for DJL's own BatchNorm (which keeps none), so a strict {@code
     * load_state_dict} in PyTorch finds every key.
     */
    private static Map<String, Long> batchCounts(Block model) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Block> e : StateDict.blocks(model).entrySet()) {
            if (e.getValue() instanceof BatchNorm1d bn) {
                out.put(e.getKey() + NUM_BATCHES_TRACKED, bn.numBatchesTracked());
            } else if (e.getValue() instanceof ai.djl.nn.norm.BatchNorm) {
                out.put(e.getKey() + NUM_BATCHES_TRACKED, 0L);
            }
        }
        return out;
    }

    private static SafeTensors.Tensor tensor(NDArray a) {
        long[] shape = a.getShape().getShape();
        switch (a.getDataType()) {
            case FLOAT32:
                return SafeTensors.Tensor.ofFloats(shape, a.toFloatArray());
            case INT64:
                return SafeTensors.Tensor.ofLongs(shape, a.toLongArray());
            default:
                try (NDArray f = a.toType(DataType.FLOAT32, true)) {
                    return SafeTensors.Tensor.ofFloats(shape, f.toFloatArray());
                }
        }
    }

    private static NDArray array(NDManager manager, String source, String name, SafeTensors.Tensor t)
            throws IOException {
        Shape shape = new Shape(t.shape());
        switch (t.dtype()) {
            case F32:
                return manager.create(t.floats(), shape);
            case I64:
                return manager.create(t.longs(), shape);
            case F64: {
                double[] d = new double[t.data().length / 8];
                java.nio.ByteBuffer.wrap(t.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
                return manager.create(d, shape).toType(DataType.FLOAT32, false);
            }
            default:
                throw new IOException(source + ": tensor '" + name + "' is " + t.dtype() + "; fastdjl reads F32, F64"
                        + " and I64 weights (convert it with tensor.float() before saving)");
        }
    }

    /**
     * Loads weights into a model, strictly as PyTorch's {@code load_state_dict}: every parameter must
     * be in the file with the same shape, and the file may hold nothing else (but PyTorch's {@code
     * num_batches_tracked}).
     *
     * @param model the model, already initialized
     * @param file the safetensors file
     * @throws IOException if the file cannot be read, or does not match the model (the message names
     *     the missing, unexpected or mis-shaped keys); the model is unchanged then
     */
    public static void load(Block model, Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no weights file here");
        }
        try (InputStream in = Files.newInputStream(file)) {
            read(model, in, file.toString());
        }
    }

    /**
     * Loads safetensors weights from a stream into a model, strictly as {@link #loadStateDict}.
     *
     * @param model the model, already initialized
     * @param in the safetensors bytes; not closed
     * @param source what the bytes are, for messages (a file, or an entry of one)
     * @throws IOException if the bytes are not safetensors or do not match the model (the message names
     *     the source and the missing, unexpected or mis-shaped keys); the model is unchanged then
     */
    public static void read(Block model, InputStream in, String source) throws IOException {
        Map<String, SafeTensors.Tensor> tensors = SafeTensors.read(in, source);
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
                byName.put(e.getKey(), array(cpu, source, e.getKey(), e.getValue()));
            }
            loadStateDict(model, byName, source);
        }
    }

    /**
     * Saves every parameter and buffer of a model as a PyTorch checkpoint in the zip format, which {@code
     * torch.load} reads and {@code model.load_state_dict(..., strict=True)} of the same architecture in
     * PyTorch (or fastai) accepts; written atomically. See {@link TorchCheckpoint#write}.
     *
     * @param model the model, initialized
     * @param file the {@code .pth} file
     * @throws IOException if the file cannot be written (an existing file is then untouched)
     */
    public static void savePth(Block model, Path file) throws IOException {
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            Map<String, Long> counts = batchCounts(model);
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : StateDict.of(model).entrySet()) {
                arrays.put(e.getKey(), initialized(e.getKey(), e.getValue()));
                if (e.getKey().endsWith("running_var")) { // PyTorch's order: the counter after running_var
                    String key = e.getKey().substring(0, e.getKey().length() - "running_var".length())
                            + NUM_BATCHES_TRACKED;
                    if (counts.containsKey(key)) {
                        arrays.put(key, cpu.create(counts.remove(key))); // an int64 scalar, as PyTorch's buffer
                    }
                }
            }
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                arrays.put(e.getKey(), cpu.create(e.getValue()));
            }
            AtomicFiles.write(file, out -> TorchCheckpoint.write(arrays, out));
        }
    }

    /**
     * Loads a PyTorch checkpoint (a {@code torch.save} state dict in either of PyTorch's formats, or one
     * under {@code 'model'} as fastai's {@code learn.save} writes it) into a model, strictly as {@link
     * #loadStateDict}. The file's tensors are read through an allow-list and never run code.
     *
     * @param model the model, already initialized
     * @param file the {@code .pth} file
     * @throws IOException if the file cannot be read, is refused, or does not match the model
     */
    public static void loadPth(Block model, Path file) throws IOException {
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            loadStateDict(model, TorchCheckpoint.read(file, cpu), file.toString());
        }
    }

    /**
     * Copies a state dict (arrays by PyTorch {@code state_dict} key, from a safetensors file, a {@code
     * .pth} checkpoint or anywhere else) into a model's parameters, strictly as PyTorch's {@code
     * load_state_dict(strict=True)}: every parameter must be there with the same shape, and nothing else
     * may be (but PyTorch's {@code num_batches_tracked}). Values are converted to each parameter's type
     * and device. Nothing is copied unless everything matches.
     *
     * @param model the model, already initialized
     * @param stateDict the arrays by key (not modified or closed)
     * @param source where the arrays come from, for the message
     * @throws IOException if they do not match the model (the message names every missing, unexpected or
     *     mis-shaped key); the model is unchanged then
     */
    public static void loadStateDict(Block model, Map<String, NDArray> stateDict, String source) throws IOException {
        Map<String, Parameter> params = StateDict.of(model);
        List<String> problems = new ArrayList<>();
        Map<Parameter, NDArray> matched = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray a = stateDict.get(e.getKey());
            NDArray target = e.getValue().getArray();
            if (a == null) {
                problems.add("missing key " + e.getKey());
            } else if (target == null) {
                problems.add("model parameter " + e.getKey() + " is not initialized");
            } else if (!a.getShape().equals(target.getShape())) {
                problems.add("key " + e.getKey() + " has shape " + a.getShape() + " in the file, the model expects "
                        + target.getShape());
            } else {
                matched.put(e.getValue(), a);
            }
        }
        Set<String> unexpected = new TreeSet<>(stateDict.keySet());
        unexpected.removeAll(params.keySet());
        unexpected.removeIf(k -> k.endsWith(NUM_BATCHES_TRACKED));
        for (String k : unexpected) {
            problems.add("unexpected key " + k);
        }
        if (!problems.isEmpty()) {
            throw new IOException("cannot load " + source + " into this model: " + String.join("; ", problems));
        }
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false); // in-place writes into leaves that require grad
        try {
            for (Map.Entry<Parameter, NDArray> e : matched.entrySet()) {
                Tensors.copyInto(e.getKey().getArray(), e.getValue());
            }
            for (Map.Entry<String, Block> e : StateDict.blocks(model).entrySet()) {
                NDArray count = stateDict.get(e.getKey() + NUM_BATCHES_TRACKED);
                if (e.getValue() instanceof BatchNorm1d bn && count != null && count.size() == 1) {
                    bn.setNumBatchesTracked(count.toType(ai.djl.ndarray.types.DataType.INT64, false).getLong());
                }
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }
}
