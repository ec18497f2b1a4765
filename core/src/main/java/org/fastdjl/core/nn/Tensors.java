package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Small tensor operations the library needs in several places. */
public final class Tensors {

    private static final NDIndex ALL = new NDIndex(":");

    private Tensors() {}

    /**
     * Copies the values of {@code src} into {@code target} in place, on the target's device ({@code
     * target[:] = src}), keeping the target's identity (a parameter stays the same array). Unlike DJL's
     * {@code copyTo}/{@code set(Buffer)} it does not go through host memory.
     *
     * @param target the array to overwrite
     * @param src the values, same shape (any device and type)
     */
    public static void copyInto(NDArray target, NDArray src) {
        if (!target.getShape().equals(src.getShape())) {
            throw new IllegalArgumentException("cannot copy " + src.getShape() + " into " + target.getShape());
        }
        if (target.size() == 0) {
            return;
        }
        NDArray s = src.toDevice(target.getDevice(), false).toType(target.getDataType(), false);
        target.set(ALL, s);
        if (s != src) {
            s.close();
        }
    }
}
