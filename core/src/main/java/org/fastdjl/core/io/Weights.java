package org.fastdjl.core.io;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import org.fastdjl.core.nn.StateDict;
import org.fastdjl.core.nn.Tensors;

import java.io.IOException;
import java.io.InputStream;
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
 * state_dict} keys of the same model ({@link StateDict}), so {@code safetensors.torch.load_file} in
 * Python gives a dict that {@code model.load_state_dict} accepts, and the other way round. Writes are
 * atomic ({@link AtomicFiles}).
 */
public final class Weights {

    /** PyTorch's BatchNorm counter: written by PyTorch, not used here, accepted and ignored on load. */
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
        Map<String, Parameter> params = new LinkedHashMap<>(StateDict.of(model));
        params.putAll(StateDict.aliases(model)); // written too, so PyTorch's strict load accepts the file
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            NDList list = new NDList(params.size());
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray a = e.getValue().getArray();
                if (a == null) {
                    throw new IllegalStateException(
                            "parameter " + e.getKey() + " is not initialized: run the model once first");
                }
                NDArray copy = a.toDevice(Device.cpu(), true);
                copy.attach(cpu);
                copy.setName(e.getKey());
                list.add(copy);
            }
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.SAFETENSORS));
        }
    }

    /**
     * Loads weights into a model, strictly as PyTorch's {@code load_state_dict}: every parameter must
     * be in the file with the same shape, and the file may hold nothing else (but PyTorch's {@code
     * num_batches_tracked} and the model's {@link org.fastdjl.core.nn.StateDictAliases}, accepted and
     * ignored).
     *
     * @param model the model, already initialized
     * @param file the safetensors file
     * @throws IOException if the file cannot be read, or does not match the model (the message names
     *     the missing, unexpected or mis-shaped keys); the model is unchanged then
     */
    public static void load(Block model, Path file) throws IOException {
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            load(model, read(file, cpu), file.toString());
        }
    }

    /**
     * Reads every tensor of a safetensors file, as PyTorch's {@code safetensors.torch.load_file}: a
     * plain state dict.
     *
     * @param file the safetensors file
     * @param manager owns the arrays read
     * @return the tensors by name, in file order
     * @throws IOException if the file is missing or not a safetensors file
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no weights file here");
        }
        try (InputStream in = Files.newInputStream(file)) {
            NDList list;
            try {
                list = NDList.decode(manager, in);
            } catch (RuntimeException e) {
                throw new IOException(file + " is not a safetensors file: " + e.getMessage(), e);
            }
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName(), a);
            }
            return byName;
        }
    }

    /**
     * Loads a state dict (tensors by PyTorch key, from any reader) into a model, strictly, as {@link
     * #load(Block, Path)}.
     *
     * @param model the model, already initialized
     * @param state the tensors by key (any device)
     * @param source where they came from, for the messages
     * @throws IOException if they do not match the model (the message names the missing, unexpected or
     *     mis-shaped keys); the model is unchanged then
     */
    public static void load(Block model, Map<String, NDArray> state, String source) throws IOException {
        Map<String, Parameter> params = StateDict.of(model);
        Map<String, NDArray> byName = new HashMap<>(state);
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
        unexpected.removeAll(StateDict.aliases(model).keySet());
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
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }
}
