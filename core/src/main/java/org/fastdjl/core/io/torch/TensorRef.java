package org.fastdjl.core.io.torch;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} rebuilds it: a view of a storage from an element
 * offset with a size and a stride per dimension (strides in elements, as PyTorch's).
 */
final class TensorRef {
    final StorageRef storage;
    final long offset;
    final long[] shape;
    final long[] stride;

    TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {
        this.storage = storage;
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
    }

    /** @return the number of elements */
    long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** @return whether the elements are one row-major run of the storage */
    boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** @return the largest storage index the view touches, or -1 when it is empty */
    long lastIndex() {
        if (numel() == 0) {
            return -1;
        }
        long last = offset;
        for (int d = 0; d < shape.length; d++) {
            last += (shape[d] - 1) * stride[d];
        }
        return last;
    }

    @Override
    public String toString() {
        return "tensor " + Arrays.toString(shape) + " of storage " + storage.key;
    }
}
