package org.fastdjl.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Objects;

/**
 * One field of a columnar data set held as a flat primitive array (row-major), such as the user ids of
 * a ratings table or the continuous columns of a tabular data set.
 *
 * <p>A field is either integer indices (category codes, class labels: sent to the device as int64, as
 * PyTorch's embeddings and cross-entropy expect) or floats (float32). Each item is a scalar ({@code
 * width == 0}, batch shape {@code (bs)}) or a vector of {@code width} values (batch shape {@code (bs,
 * width)}). A field made with {@link #indexRows} or {@link #floatRows} is always a matrix, batch shape
 * {@code (bs, width)} even for width 0, as a table with no categorical (or no continuous) columns
 * needs. Gathering a batch copies the selected rows into one primitive array and creates the NDArray
 * with a single call.
 */
public final class ArrayField {

    private final String name;
    private final int[] ints;
    private final float[] floats;
    private final int width;
    private final int length;
    private final boolean matrix;

    private ArrayField(String name, int[] ints, float[] floats, int width) {
        this.name = Objects.requireNonNull(name, "name");
        if (width < 0) {
            throw new IllegalArgumentException("field '" + name + "': width must be >= 0, got " + width);
        }
        int stride = Math.max(1, width);
        int n = ints != null ? ints.length : floats.length;
        if (n % stride != 0) {
            throw new IllegalArgumentException(
                    "field '" + name + "': " + n + " values is not a multiple of the width " + stride);
        }
        this.ints = ints;
        this.floats = floats;
        this.width = width;
        this.length = n / stride;
        this.matrix = width > 0;
    }

    private ArrayField(String name, int[] ints, float[] floats, int length, int width) {
        this.name = Objects.requireNonNull(name, "name");
        if (width < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "field '" + name + "': length and width must be >= 0, got " + length + " x " + width);
        }
        int n = ints != null ? ints.length : floats.length;
        if ((long) length * width != n) {
            throw new IllegalArgumentException("field '" + name + "': " + n + " values for " + length + " rows of "
                    + width);
        }
        this.ints = ints;
        this.floats = floats;
        this.width = width;
        this.length = length;
        this.matrix = true;
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
        return new ArrayField(name, Objects.requireNonNull(data, "data"), null, width);
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
        return new ArrayField(name, null, Objects.requireNonNull(data, "data"), width);
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
        return new ArrayField(name, Objects.requireNonNull(data, "data"), null, length, width);
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
        return new ArrayField(name, null, Objects.requireNonNull(data, "data"), length, width);
    }

    /** @return the field's name */
    public String name() {
        return name;
    }

    /** @return the number of items */
    public int length() {
        return length;
    }

    /** @return values per item, 0 for a scalar per item (or an empty row, see {@link #isMatrix()}) */
    public int width() {
        return width;
    }

    /** @return whether items are rows (batch shape {@code (bs, width)}) rather than scalars */
    public boolean isMatrix() {
        return matrix;
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
        int i = item * Math.max(1, width) + pos;
        return ints != null ? ints[i] : floats[i];
    }

    /**
     * Creates the batch array for the items {@code order[from..to)} with one bulk copy.
     *
     * @param manager the manager (and device) to create the array in
     * @param order item indices
     * @param from first position in {@code order}
     * @param to end position in {@code order} (exclusive)
     * @return an int64 or float32 array of shape {@code (to-from)} or {@code (to-from, width)}
     */
    public NDArray gather(NDManager manager, int[] order, int from, int to) {
        int n = to - from;
        if (matrix && width == 0) {
            return ints != null ? manager.create(new long[0], new Shape(n, 0)) : manager.create(new float[0], new Shape(n, 0));
        }
        int stride = Math.max(1, width);
        Shape shape = matrix ? new Shape(n, width) : new Shape(n);
        if (ints != null) {
            long[] out = new long[n * stride];
            for (int r = 0; r < n; r++) {
                int src = order[from + r] * stride;
                int dst = r * stride;
                for (int c = 0; c < stride; c++) {
                    out[dst + c] = ints[src + c];
                }
            }
            return manager.create(out, shape);
        }
        float[] out = new float[n * stride];
        for (int r = 0; r < n; r++) {
            System.arraycopy(floats, order[from + r] * stride, out, r * stride, stride);
        }
        return manager.create(out, shape);
    }
}
