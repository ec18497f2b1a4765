package org.fastdjl.core.io;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.StateDict;
import org.fastdjl.core.nn.Tensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Saves and loads a model's weights as a safetensors file whose tensor names are the PyTorch {@code
 * state_dict} keys of the same model ({@link StateDict}), BatchNorm's {@code num_batches_tracked}
 * included, written as {@code safetensors.torch.save_file(..., metadata={"format": "pt"})} writes it
 * ({@link SafeTensors}): {@code safetensors.torch.load_file} in Python gives a dict that {@code
 * model.load_state_dict(strict=True)} accepts, and the other way round. Writes are atomic ({@link
 * AtomicFiles}).
 */
public final class Weights {

    private static NDArray array(NDManager manager, Path file, String name, SafeTensors.Tensor t) throws IOException {
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
                throw new IOException(file + ": tensor '" + name + "' is " + t.dtype() + "; fastdjl reads F32, F64 and I64"
                        + " weights (convert it with tensor.float() before saving)");
        }
    }

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
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : StateDict.of(model).entrySet()) {
            NDArray a = e.getValue().getArray();
            if (a == null) {
                throw new IllegalStateException(
                        "parameter " + e.getKey() + " is not initialized: run the model once first");
            }
            tensors.put(e.getKey(), tensor(e.getKey(), a));
        }
        for (Map.Entry<String, Block> e : StateDict.blocks(model).entrySet()) {
            if (e.getValue() instanceof BatchNorm1d bn) {
                tensors.put(e.getKey() + NUM_BATCHES_TRACKED,
                        SafeTensors.Tensor.ofLongs(new long[0], new long[] {bn.numBatchesTracked()}));
            } else if (e.getValue() instanceof ai.djl.nn.norm.BatchNorm) {
                // DJL's own BatchNorm keeps no count; PyTorch's buffer must still be there for a strict load
                tensors.put(e.getKey() + NUM_BATCHES_TRACKED, SafeTensors.Tensor.ofLongs(new long[0], new long[] {0}));
            }
        }
        SafeTensors.write(file, tensors, SafeTensors.PT_METADATA);
    }

    private static SafeTensors.Tensor tensor(String name, NDArray a) {
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
        Map<String, Parameter> params = StateDict.of(model);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no weights file here");
        }
        Map<String, SafeTensors.Tensor> fromFile = SafeTensors.read(file);
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> byName = new HashMap<>();
            for (Map.Entry<String, SafeTensors.Tensor> e : fromFile.entrySet()) {
                if (!e.getKey().endsWith(NUM_BATCHES_TRACKED)) {
                    byName.put(e.getKey(), array(cpu, file, e.getKey(), e.getValue()));
                }
            }
            List<String> problems = new ArrayList<>();
            Map<Parameter, NDArray> matched = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray a = byName.get(e.getKey());
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
            Set<String> unexpected = new TreeSet<>(byName.keySet());
            unexpected.removeAll(params.keySet());
            unexpected.removeIf(k -> k.endsWith(NUM_BATCHES_TRACKED));
            Map<String, Block> blocks = StateDict.blocks(model);
            for (String k : unexpected) {
                problems.add("unexpected key " + k);
            }
            if (!problems.isEmpty()) {
                throw new IOException("cannot load " + file + " into this model: " + String.join("; ", problems));
            }
            boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
            ai.djl.pytorch.jni.JniUtils.setGradMode(false); // in-place writes into leaves that require grad
            try {
                for (Map.Entry<Parameter, NDArray> e : matched.entrySet()) {
                    Tensors.copyInto(e.getKey().getArray(), e.getValue());
                }
                for (Map.Entry<String, Block> e : blocks.entrySet()) {
                    SafeTensors.Tensor count = fromFile.get(e.getKey() + NUM_BATCHES_TRACKED);
                    if (e.getValue() instanceof BatchNorm1d bn && count != null && count.dtype() == SafeTensors.Dtype.I64
                            && count.data().length == 8) {
                        bn.setNumBatchesTracked(count.longs()[0]);
                    }
                }
            } finally {
                ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
            }
        }
    }
}
