package org.fastdjl.core.data;

import java.util.ArrayList;
import java.util.List;

/** Ready-made {@link ItemFormatter}s. */
public final class ItemFormatters {

    private ItemFormatters() {}

    /**
     * Prints each input and target field's raw values.
     *
     * @return the formatter
     */
    public static ItemFormatter raw() {
        return new ItemFormatter() {
            @Override
            public List<String> columns() {
                return List.of("x", "y");
            }

            @Override
            public List<String> format(Batch batch, int row, DatasetType type) {
                List<String> out = new ArrayList<>();
                out.add(describe(batch.x(), row));
                out.add(describe(batch.y(), row));
                return out;
            }

            private String describe(ai.djl.ndarray.NDList list, int row) {
                StringBuilder sb = new StringBuilder();
                for (ai.djl.ndarray.NDArray a : list) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    ai.djl.ndarray.NDArray item = a.get(row);
                    sb.append(java.util.Arrays.toString(item.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                            .toFloatArray()));
                }
                return sb.toString();
            }
        };
    }
}
