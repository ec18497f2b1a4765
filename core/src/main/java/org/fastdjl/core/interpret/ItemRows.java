package org.fastdjl.core.interpret;

import ai.djl.ndarray.NDManager;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Decodes items of a data set by their index, with the data bunch's own formatter. */
final class ItemRows {

    private ItemRows() {}

    /**
     * The decoded columns of some items, found by one pass over the data set's loader.
     *
     * @param data the data
     * @param type which data set
     * @param wanted the item indices (data-set order)
     * @return index to its columns ({@code data.formatter().columns()})
     */
    static Map<Integer, java.util.List<String>> decode(DataBunch data, DatasetType type, Set<Integer> wanted) {
        Map<Integer, java.util.List<String>> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        try (NDManager manager = NDManager.newBaseManager(data.device())) {
            Iterator<Batch> it = data.dl(type).iterator(manager);
            int pos = 0;
            while (it.hasNext() && out.size() < wanted.size()) {
                try (Batch b = it.next()) {
                    int[] indices = b.indices();
                    for (int r = 0; r < b.size(); r++) {
                        int index = indices != null ? indices[r] : pos + r;
                        if (wanted.contains(index)) {
                            out.put(index, data.formatter().format(b, r, type));
                        }
                    }
                    pos += b.size();
                }
            }
        }
        return out;
    }
}
