package org.fastdjl.core.io.torch;

import ai.djl.ndarray.types.DataType;

import java.util.Locale;

/** The element types of PyTorch's typed storages ({@code torch.FloatStorage}, ...) and their DJL types. */
enum TorchDtype {
    FLOAT("FloatStorage", DataType.FLOAT32),
    DOUBLE("DoubleStorage", DataType.FLOAT64),
    HALF("HalfStorage", DataType.FLOAT16),
    /** bfloat16: DJL's PyTorch engine has no bfloat16 arrays, so these are read as float32 (exactly). */
    BFLOAT16("BFloat16Storage", DataType.FLOAT32, 2),
    LONG("LongStorage", DataType.INT64),
    INT("IntStorage", DataType.INT32),
    /** int16: DJL's PyTorch engine has no int16 arrays, so these are read widened to int32 (same values). */
    SHORT("ShortStorage", DataType.INT32, 2),
    CHAR("CharStorage", DataType.INT8),
    BYTE("ByteStorage", DataType.UINT8),
    BOOL("BoolStorage", DataType.BOOLEAN);

    /** The class name in module {@code torch}, as pickled in a persistent id. */
    final String storageClass;
    /** The DJL type of the arrays read. */
    final DataType dataType;
    private final int elementSize;

    TorchDtype(String storageClass, DataType dataType) {
        this(storageClass, dataType, dataType.getNumOfBytes());
    }

    TorchDtype(String storageClass, DataType dataType, int elementSize) {
        this.storageClass = storageClass;
        this.dataType = dataType;
        this.elementSize = elementSize;
    }

    /** @return bytes per element in the file */
    int elementSize() {
        return elementSize;
    }

    /** @return whether the array's type is wider than the file's (int16 read as int32, bfloat16 as float32) */
    boolean widened() {
        return elementSize != dataType.getNumOfBytes();
    }

    /**
     * The storage type of a {@code torch.<name>} global.
     *
     * @param name the class name, e.g. {@code FloatStorage}
     * @return the type, or null when it is not a typed storage this reader knows
     */
    static TorchDtype ofStorageClass(String name) {
        for (TorchDtype t : values()) {
            if (t.storageClass.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The storage type for a DJL type.
     *
     * @param type the DJL type
     * @return the storage type
     * @throws IllegalArgumentException for types PyTorch's typed storages do not have
     */
    static TorchDtype of(DataType type) {
        for (TorchDtype t : values()) {
            if (t.dataType == type && !t.widened()) {
                return t;
            }
        }
        throw new IllegalArgumentException("no PyTorch storage type for " + type.toString().toLowerCase(Locale.ROOT));
    }
}
