package org.fastdjl.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Objects;

/**
 * One field of a columnar data set held as a flat primitive array (row-major), such as the user ids of
 * a ratings table, the continuous columns of a tabular data set or the pixels of images.
 *
 * <p>A field is either integer indices (category codes, class labels: sent to the device as int64, as
 * PyTorch's embeddings and cross-entropy expect) or floats (float32). Each item has a shape: a scalar
 * ({@link #indices}/{@link #floats} with width 0, batch shape {@code (bs)}), a row of {@code width}
 * values (batch shape {@code (bs, width)}; {@link #indexRows}/{@link #floatRows} keep that shape even
 * for width 0, as a table with no categorical or no continuous columns needs), or any shape ({@link
 * #floats(String, float[], long...)}, an image's {@code (3, h, w)}). Gathering a batch copies the
 * selected items into one primitive array and creates the NDArray with a single call.
 */
public final class ArrayField {

    private final String name;
    private final int[] ints;
    private final float[] floats;
    private final long[] itemShape;
    private final int width;
    private final int length;

    private ArrayField(String name, int[] ints, float[] floats, int length, long[] itemShape) {
        this.name = Objects.requireNonNull(name, "name");
        long size = 1;
        for (long d : itemShape) {
            if (d < 0) {
                throw new IllegalArgumentException("field '" + name + "': bad item shape " + Arrays.toString(itemShape));
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field '" + name + "': items of " + size + " values are too large");
        }
        int n = ints != null ? ints.length : floats.length;
        if ((long) length * size != n) {
            throw new IllegalArgumentException("field '" + name + "': " + n + " values for " + length + " items of "
                    + size);
        }
        this.ints = ints;
        this.floats = floats;
        this.itemShape = itemShape.clone();
        this.width = (int) size;
        this.length = length;
    }

    private static long[] rowShape(int width) {
        return width == 0 ? new long[0] : new long[] {width};
    }

    private static int lengthOf(String name, int n, int width) {
        if (width < 0) {
            throw new IllegalArgumentException("field '" + name + "': width must be >= 0, got " + width);
        }
        int stride = Math.max(1, width);
        if (n % stride != 0) {
            throw new IllegalArgumentException(
                    "field '" + name + "': " + n + " values is not a multiple of the width " + stride);
        }
        return n / stride;
    }

    /**
     * A field of integer indices (category codes or class labels).
     *
     * @param name the field's name, used in error messages and {@code showBatch}
     * @param data row-major values, {@code length * max(1, width)} of them
     * @param width values per item, 0 for a scalar per item
     * @return the field
     */
    public static ArrayField indices(String name, int[] data, int width) {
        Objects.requireNonNull(data, "data");
        return new ArrayField(name, data, null, lengthOf(name, data.length, width), rowShape(width));
    }

    /**
     * A field of float values.
     *
     * @param name the field's name
     * @param data row-major values, {@code length * max(1, width)} of them
     * @param width values per item, 0 for a scalar per item
     * @return the field
     */
    public static ArrayField floats(String name, float[] data, int width) {
        Objects.requireNonNull(data, "data");
        return new ArrayField(name, null, data, lengthOf(name, data.length, width), rowShape(width));
    }

    /**
     * A field of float values whose items are arrays of any shape (an image's {@code (3, h, w)}).
     *
     * @param name the field's name
     * @param data row-major values, {@code length * product(itemShape)} of them
     * @param itemShape the shape of one item (at least one dimension, none empty)
     * @return the field
     */
    public static ArrayField floats(String name, float[] data, long... itemShape) {
        Objects.requireNonNull(data, "data");
        long size = 1;
        for (long d : itemShape) {
            size *= d;
        }
        if (itemShape.length == 0 || size < 1 || size > Integer.MAX_VALUE || data.length % size != 0) {
            throw new IllegalArgumentException("field '" + name + "': item shape " + Arrays.toString(itemShape)
                    + " does not fit " + data.length + " values");
        }
        return new ArrayField(name, null, data, (int) (data.length / size), itemShape);
    }

    /**
     * A field of integer indices whose items are rows of {@code width} values: batch shape {@code (bs,
     * width)}, also for {@code width == 0} (no categorical columns).
     *
     * @param name the field's name
     * @param data row-major values, {@code length * width} of them
     * @param length the number of items
     * @param width values per item, may be 0
     * @return the field
     */
    public static ArrayField indexRows(String name, int[] data, int length, int width) {
        return new ArrayField(name, Objects.requireNonNull(data, "data"), null, length, new long[] {width});
    }

    /**
     * A field of floats whose items are rows of {@code width} values: batch shape {@code (bs, width)},
     * also for {@code width == 0} (no continuous columns).
     *
     * @param name the field's name
     * @param data row-major values, {@code length * width} of them
     * @param length the number of items
     * @param width values per item, may be 0
     * @return the field
     */
    public static ArrayField floatRows(String name, float[] data, int length, int width) {
        return new ArrayField(name, null, Objects.requireNonNull(data, "data"), length, new long[] {width});
    }

    /** @return the field's name */
    public String name() {
        return name;
    }

    /** @return the number of items */
    public int length() {
        return length;
    }

    /** @return values per item (the product of the item shape), 0 for a scalar per item */
    public int width() {
        return itemShape.length == 0 ? 0 : width;
    }

    /** @return the shape of one item (empty for a scalar) */
    public long[] itemShape() {
        return itemShape.clone();
    }

    /** @return whether items are rows (batch shape {@code (bs, width)}), even of width 0 */
    public boolean isMatrix() {
        return itemShape.length == 1;
    }

    /** @return whether this field holds integer indices */
    public boolean isIndices() {
        return ints != null;
    }

    /**
     * The value at an item and position, as a double (for display).
     *
     * @param item the item
     * @param pos the position inside the item (0 for scalar fields)
     * @return the value
     */
    public double value(int item, int pos) {
        int i = item * width + pos;
        return ints != null ? ints[i] : floats[i];
    }

    /**
     * Creates the batch array for the items {@code order[from..to)} with one bulk copy.
     *
     * @param manager the manager (and device) to create the array in
     * @param order item indices
     * @param from first position in {@code order}
     * @param to end position in {@code order} (exclusive)
     * @return an int64 or float32 array of shape {@code (to-from, item shape...)}
     */
    public NDArray gather(NDManager manager, int[] order, int from, int to) {
        int n = to - from;
        Shape shape = new Shape(n).addAll(new Shape(itemShape));
        if (ints != null) {
            long[] out = new long[n * width];
            for (int r = 0; r < n; r++) {
                int src = order[from + r] * width;
                int dst = r * width;
                for (int c = 0; c < width; c++) {
                    out[dst + c] = ints[src + c];
                }
            }
            return manager.create(out, shape);
        }
        float[] out = new float[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(floats, order[from + r] * width, out, r * width, width);
        }
        return manager.create(out, shape);
    }
}
