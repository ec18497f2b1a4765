package org.fastdjl.core.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.initializer.Initializer;

import org.fastdjl.core.nn.Tensors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's trainable parameters packed into one contiguous buffer, each parameter's array a view of
 * its slice, so an optimizer can update a whole layer group with one fused engine call instead of one
 * per parameter tensor (a tabular model has about twenty tensors and 500 batches an epoch; each call
 * costs ~25 µs of fixed overhead whatever the tensor's size). Autograd is unchanged: each view is a leaf
 * that requires a gradient and gets its own {@code .grad}, exactly as the separate arrays did.
 *
 * <p>Parameters are packed in the order given (the optimizer's groups, one after the other), so a
 * group whose parameters all train is one contiguous run; {@link #slice(List)} returns it. Only float32
 * parameters that require a gradient, on the device and in the NDManager of the first one, are packed;
 * the others keep their own arrays (the optimizer updates them one by one, as before).
 *
 * <p>Write packed parameters in place ({@link Tensors#copyInto}, {@code NDArray.set(NDIndex, ...)}), as
 * fastdjl's own weight loading does. {@code NDArray.set(Buffer)} re-points an array at the buffer's
 * memory, and DJL's {@code Parameter.load} replaces the array: either detaches that parameter from the
 * buffer. A replaced array is noticed ({@link #slice} then returns {@code null} and the optimizer falls
 * back to one update per parameter); a re-pointed one is not.
 */
public final class FlatParameters {

    private final NDArray buffer;
    private final Map<Parameter, long[]> slots = new IdentityHashMap<>();
    private final Map<Parameter, NDArray> views = new IdentityHashMap<>();
    private final Map<List<Parameter>, NDArray> runs = new HashMap<>();

    private FlatParameters(NDArray buffer) {
        this.buffer = buffer;
    }

    /**
     * Packs the parameters of the groups, in order, into one buffer, and makes each one's array a view
     * of its slice (the old arrays are closed). Call it before anything caches the parameters' arrays
     * (a {@code ParameterStore}'s first forward pass).
     *
     * @param groups the optimizer's groups of parameters
     * @return the packing, or {@code null} when fewer than two parameters can be packed
     */
    public static FlatParameters pack(List<List<Parameter>> groups) {
        List<Parameter> packed = new ArrayList<>();
        NDManager manager = null;
        Device device = null;
        long total = 0;
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        for (List<Parameter> g : groups) {
            for (Parameter p : g) {
                NDArray a = p.getArray();
                if (a == null || seen.put(p, Boolean.TRUE) != null || !p.requiresGradient()
                        || a.getDataType() != DataType.FLOAT32 || !(a instanceof PtNDArray) || a.size() == 0) {
                    continue;
                }
                if (manager == null) {
                    manager = a.getManager();
                    device = a.getDevice();
                } else if (a.getManager() != manager || !a.getDevice().equals(device)) {
                    continue;
                }
                packed.add(p);
                total += a.size();
            }
        }
        if (packed.size() < 2) {
            return null;
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            NDArray buffer = manager.zeros(new Shape(total), DataType.FLOAT32, device);
            NDScope.unregister(buffer);
            FlatParameters flat = new FlatParameters(buffer);
            long offset = 0;
            for (Parameter p : packed) {
                NDArray old = p.getArray();
                Shape shape = old.getShape();
                long n = shape.size();
                try (NDArray slice = JniUtils.slice((PtNDArray) buffer, 0, offset, offset + n, 1)) {
                    NDArray view = slice.reshape(shape);
                    NDScope.unregister(view);
                    Tensors.copyInto(view, old);
                    Initializer init = p.getInitializer();
                    p.close(); // frees the old array; the parameter takes the view below
                    p.setInitializer((m, s, t) -> view);
                    p.initialize(manager, DataType.FLOAT32); // the view, named, and requiring a gradient
                    p.setInitializer(init);
                    flat.slots.put(p, new long[] {offset, n});
                    flat.views.put(p, view);
                }
                offset += n;
            }
            return flat;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * The slice of the buffer that holds exactly these parameters, one after the other in this order,
     * each still backed by its view.
     *
     * @param params the parameters of a group
     * @return the slice (owned by this packing: do not close it), or {@code null} if they are not one
     *     packed run
     */
    public NDArray slice(List<Parameter> params) {
        if (params.isEmpty()) {
            return null;
        }
        long start = -1;
        long next = -1;
        for (Parameter p : params) {
            long[] slot = slots.get(p);
            if (slot == null || p.getArray() != views.get(p) || (start >= 0 && slot[0] != next)) {
                return null;
            }
            if (start < 0) {
                start = slot[0];
            }
            next = slot[0] + slot[1];
        }
        final long from = start;
        final long to = next;
        return runs.computeIfAbsent(List.copyOf(params), k -> {
            NDArray run = JniUtils.slice((PtNDArray) buffer, 0, from, to, 1);
            NDScope.unregister(run);
            return run;
        });
    }

    /** @return the number of packed parameters */
    public int size() {
        return slots.size();
    }
}
