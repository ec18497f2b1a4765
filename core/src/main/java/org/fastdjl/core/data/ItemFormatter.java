package org.fastdjl.core.data;

import java.util.List;

/**
 * Turns the items of a batch back into readable values for {@link DataBunch#showBatch}: category
 * names instead of codes, tokens instead of ids, de-normalized numbers.
 */
public interface ItemFormatter {

    /** @return the column headers */
    List<String> columns();

    /**
     * Formats one item of a batch.
     *
     * @param batch the batch
     * @param row the item's position in the batch
     * @param type which data set the batch came from
     * @return one string per column
     */
    List<String> format(Batch batch, int row, DatasetType type);
}
