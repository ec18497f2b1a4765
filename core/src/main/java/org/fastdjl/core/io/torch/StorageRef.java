package org.fastdjl.core.io.torch;

/**
 * A storage named by a checkpoint's persistent id {@code ('storage', torch.FloatStorage, key, location,
 * numel)}: where its bytes are and how many elements of which type it holds. The bytes themselves are
 * read later, only for the storages the chosen tensors use.
 */
final class StorageRef {
    /** The key: the record {@code data/<key>} in the zip format, the position in the keys list in the legacy one. */
    final String key;
    final TorchDtype dtype;
    final long numel;
    /** Where the tensor was when saved ({@code cpu}, {@code cuda:0}): not used, tensors go to the caller's device. */
    final String location;

    StorageRef(String key, TorchDtype dtype, long numel, String location) {
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
        this.location = location;
    }

    /** @return the storage's size in bytes */
    long byteSize() {
        return numel * dtype.elementSize();
    }
}
