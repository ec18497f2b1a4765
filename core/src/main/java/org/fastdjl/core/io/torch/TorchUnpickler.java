package org.fastdjl.core.io.torch;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * razorvine's {@link Unpickler}, restricted: every global a pickle names ({@code GLOBAL}, {@code
 * STACK_GLOBAL}, {@code INST}) is looked up in this reader's own allow-list and anything else is refused
 * before it can be called ({@link ForbiddenGlobalException}); the library's global registry, its generic
 * class-dict objects and its reflective {@code BUILD} are never reached. Dicts keep their order (Python's
 * dicts are ordered; the library's would not be), and every length read from the file is checked against
 * the bytes left before anything is allocated.
 *
 * <p>Python values come out as: dict as {@link LinkedHashMap}, list as {@link ArrayList}, tuple as {@code
 * Object[]}, str as {@link String}, bytes as {@code byte[]}, int as {@link Integer}/{@link Long}/{@link
 * BigInteger}, float as {@link Double}, bool as {@link Boolean}, None as null, a tensor as a {@link
 * TensorRef}.
 */
final class TorchUnpickler extends Unpickler {

    /** Resolves a persistent id (a torch storage) to an object. */
    @FunctionalInterface
    interface PersistentIds {
        /**
         * @param pid the persistent id as unpickled
         * @return the object it stands for
         * @throws PickleException if the id is not one this reader knows
         */
        Object load(Object pid);
    }

    /** A {@code collections.OrderedDict}; a state dict's {@code _metadata} attribute is accepted and dropped. */
    static final class PyOrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /** A {@code torch.<Type>Storage} class as it appears inside a persistent id. */
    static final class StorageType implements IObjectConstructor {
        final TorchDtype dtype;

        StorageType(TorchDtype dtype) {
            this.dtype = dtype;
        }

        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + dtype.storageClass + " is only valid inside a persistent id");
        }
    }

    /** The globals a PyTorch state dict (or optimizer state) pickle may name, and nothing else. */
    static final Map<String, IObjectConstructor> STATE_DICT_GLOBALS;

    /** No globals at all: plain Python data (lists, dicts, strings, numbers). */
    static final Map<String, IObjectConstructor> NO_GLOBALS = Collections.emptyMap();

    static {
        Map<String, IObjectConstructor> g = new TreeMap<>();
        g.put("collections.OrderedDict", TorchUnpickler::orderedDict);
        g.put("torch._utils._rebuild_tensor_v2", args -> rebuildTensor(args, 6, 7));
        g.put("torch._utils._rebuild_tensor", args -> rebuildTensor(args, 4, 4));
        g.put("torch._utils._rebuild_parameter", args -> parameter(args, 3));
        g.put("torch._utils._rebuild_parameter_with_state", args -> parameter(args, 4));
        for (TorchDtype t : TorchDtype.values()) {
            g.put("torch." + t.storageClass, new StorageType(t));
        }
        STATE_DICT_GLOBALS = Collections.unmodifiableMap(g);
    }

    private final String source;
    private final Map<String, IObjectConstructor> globals;
    private final PersistentIds persistentIds;
    private final CountingInput in;

    private TorchUnpickler(String source, CountingInput in, Map<String, IObjectConstructor> globals,
            PersistentIds persistentIds) {
        this.source = source;
        this.in = in;
        this.globals = globals;
        this.persistentIds = persistentIds;
    }

    /**
     * Unpickles one pickle (up to its {@code STOP}) from a stream, which is left just after it.
     *
     * @param source the file or entry, for messages
     * @param in the stream
     * @param globals the allowed globals
     * @param persistentIds resolves persistent ids, or null when the pickle may hold none
     * @return the object
     * @throws ForbiddenGlobalException if the pickle names a global that is not allowed
     * @throws IOException if the pickle is truncated or malformed (the message names the source and the byte)
     */
    static Object load(String source, CountingInput in, Map<String, IObjectConstructor> globals,
            PersistentIds persistentIds) throws IOException {
        TorchUnpickler u = new TorchUnpickler(source, in, globals, persistentIds);
        long start = in.position();
        try {
            return u.load(in);
        } catch (ForbiddenGlobalException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (in.remaining() <= 0 || what.contains("premature end") || what.contains("expected more bytes")) {
                throw new IOException(source + ": truncated: the pickle that starts at byte " + start
                        + " ends at byte " + in.position() + " before its STOP opcode", e);
            }
            throw new IOException(source + ": not a valid pickle (at byte " + in.position() + "): " + what, e);
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL: {
                String module = PickleUtils.readline(in);
                String name = PickleUtils.readline(in);
                stack.add(global(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw new PickleException("STACK_GLOBAL needs two strings");
                }
                stack.add(global((String) module, (String) name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST: {
                String module = PickleUtils.readline(in);
                String name = PickleUtils.readline(in);
                IObjectConstructor c = global(module, name);
                List<Object> args = stack.pop_all_since_marker();
                stack.add(c.construct(args.toArray()));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD:
                build();
                return NO_RETURN_VALUE;
            case Opcodes.EMPTY_DICT:
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            case Opcodes.DICT: {
                Map<Object, Object> map = new LinkedHashMap<>();
                putPairs(map, stack.pop_all_since_marker());
                stack.add(map);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEM: {
                Object value = stack.pop();
                Object k = stack.pop();
                putPairs(dictOnStack(), Arrays.asList(k, value));
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS: {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(dictOnStack(), items);
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINSTRING:
                stack.add(PickleUtils.rawStringFromBytes(bytes(length(4))));
                return NO_RETURN_VALUE;
            case Opcodes.BINBYTES:
                stack.add(bytes(length(4)));
                return NO_RETURN_VALUE;
            case Opcodes.BINUNICODE:
                stack.add(new String(bytes(length(4)), StandardCharsets.UTF_8));
                return NO_RETURN_VALUE;
            case Opcodes.BINUNICODE8:
                stack.add(new String(bytes(length(8)), StandardCharsets.UTF_8));
                return NO_RETURN_VALUE;
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                stack.add(bytes(length(8)));
                return NO_RETURN_VALUE;
            case Opcodes.LONG4:
                stack.add(PickleUtils.decode_long(bytes(length(4))));
                return NO_RETURN_VALUE;
            default:
                return super.dispatch(key);
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (persistentIds == null) {
            throw new PickleException("unexpected persistent id " + describe(pid) + " (this pickle should hold plain data)");
        }
        return persistentIds.load(pid);
    }

    private IObjectConstructor global(String module, String name) throws ForbiddenGlobalException {
        IObjectConstructor c = globals.get(module + "." + name);
        if (c == null) {
            String allowed = globals.isEmpty() ? "plain data: no globals at all"
                    : "collections.OrderedDict, torch._utils._rebuild_tensor(_v2), torch._utils._rebuild_parameter, "
                            + "torch.*Storage";
            throw new ForbiddenGlobalException(source, module + "." + name, allowed);
        }
        return c;
    }

    /** {@code BUILD}: only an OrderedDict's attributes (a state dict's {@code _metadata}), which are dropped. */
    private void build() {
        Object state = stack.pop();
        Object target = stack.peek();
        if (!(target instanceof PyOrderedDict) || !(state == null || state instanceof Map)) {
            throw new PickleException("BUILD (setting an object's state) of a " + describe(target)
                    + " is not part of a state dict");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dictOnStack() {
        Object top = stack.peek();
        if (!(top instanceof Map)) {
            throw new PickleException("SETITEMS on a " + describe(top) + ", not a dict");
        }
        return (Map<Object, Object>) top;
    }

    private static void putPairs(Map<Object, Object> map, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw new PickleException("odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object k = items.get(i);
            map.put(k instanceof Object[] ? Arrays.asList((Object[]) k) : k, items.get(i + 1));
        }
    }

    /** Reads a little-endian length of 4 or 8 bytes and checks that the stream holds that many bytes. */
    private long length(int width) throws IOException {
        byte[] b = PickleUtils.readbytes(in, width);
        long n = width == 4 ? PickleUtils.bytes_to_integer(b) : PickleUtils.bytes_to_long(b, 0);
        if (n < 0 || n > in.remaining()) {
            throw new IOException("a length of " + n + " bytes at byte " + (in.position() - width)
                    + " is more than the " + in.remaining() + " bytes left: truncated or corrupt");
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new PickleException("an item of " + n + " bytes is too large for one Java array");
        }
        return n;
    }

    private byte[] bytes(long n) throws IOException {
        return PickleUtils.readbytes(in, (int) n);
    }

    // --- the allowed globals --------------------------------------------------------------------------

    private static Object orderedDict(Object[] args) {
        PyOrderedDict d = new PyOrderedDict();
        if (args.length == 0) {
            return d;
        }
        if (args.length == 1 && args[0] instanceof List) {
            for (Object pair : (List<?>) args[0]) {
                Object[] kv = pair instanceof Object[] ? (Object[]) pair
                        : pair instanceof List ? ((List<?>) pair).toArray() : null;
                if (kv == null || kv.length != 2) {
                    throw new PickleException("OrderedDict(items) with an item that is not a pair");
                }
                d.put(kv[0], kv[1]);
            }
            return d;
        }
        throw new PickleException("collections.OrderedDict called with " + args.length + " arguments");
    }

    /**
     * {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[,
     * metadata])} or the old {@code _rebuild_tensor(storage, storage_offset, size, stride)}.
     */
    private static Object rebuildTensor(Object[] args, int minArgs, int maxArgs) {
        if (args.length < minArgs || args.length > maxArgs) {
            throw new PickleException("_rebuild_tensor with " + args.length + " arguments");
        }
        if (!(args[0] instanceof StorageRef)) {
            throw new PickleException("_rebuild_tensor of a " + describe(args[0]) + ", not a storage");
        }
        StorageRef storage = (StorageRef) args[0];
        long offset = toLong(args[1], "storage offset");
        long[] shape = longs(args[2], "size");
        long[] stride = longs(args[3], "stride");
        if (shape.length != stride.length) {
            throw new PickleException("a tensor with " + shape.length + " sizes and " + stride.length + " strides");
        }
        if (offset < 0) {
            throw new PickleException("a negative storage offset " + offset);
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new PickleException("a tensor of size " + Arrays.toString(shape) + " and stride "
                        + Arrays.toString(stride) + ": negative");
            }
        }
        TensorRef t = new TensorRef(storage, offset, shape, stride);
        long last;
        try {
            long n = 1;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            last = t.lastIndex();
        } catch (ArithmeticException e) {
            throw new PickleException("a tensor of size " + Arrays.toString(shape) + " is too large");
        }
        if (last >= storage.numel) {
            throw new PickleException("a tensor of size " + Arrays.toString(shape) + ", stride "
                    + Arrays.toString(stride) + " at offset " + offset + " reads element " + last + " of storage "
                    + storage.key + ", which holds " + storage.numel);
        }
        return t;
    }

    /** {@code _rebuild_parameter(data, requires_grad, backward_hooks[, state])}: the parameter's tensor. */
    private static Object parameter(Object[] args, int count) {
        if (args.length != count || !(args[0] instanceof TensorRef)) {
            throw new PickleException("_rebuild_parameter with " + args.length + " arguments, expected " + count
                    + " starting with a tensor");
        }
        return args[0];
    }

    static long toLong(Object o, String what) {
        if (o instanceof Integer || o instanceof Long) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger && ((BigInteger) o).bitLength() < 64) {
            return ((BigInteger) o).longValue();
        }
        throw new PickleException("the " + what + " is a " + describe(o) + ", not an integer");
    }

    private static long[] longs(Object o, String what) {
        List<?> items = o instanceof Object[] ? Arrays.asList((Object[]) o) : o instanceof List ? (List<?>) o : null;
        if (items == null) {
            throw new PickleException("the " + what + " is a " + describe(o) + ", not a tuple");
        }
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toLong(items.get(i), what);
        }
        return out;
    }

    /** The Python-ish type of an unpickled value, for messages. */
    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[]) {
            return "tuple of " + ((Object[]) o).length;
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof TensorRef) {
            return "tensor";
        }
        if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        return o.getClass().getSimpleName();
    }
}
