package org.fastdjl.core.export;

import java.util.List;

/**
 * Predicts batches of records for one input layout (made by {@link RecordPredictable#recordPredictor}
 * once the header is known): the output columns are fixed, each batch gives one row of output fields
 * per record, in order.
 */
public interface RecordPredictor {

    /**
     * The columns this predictor adds: {@code prediction} (the class name, or the value for regression
     * and collab), then one {@code p_<class>} per class for classifiers.
     *
     * @return the names
     */
    List<String> outputColumns();

    /**
     * Predicts a batch.
     *
     * @param records the records, fields in header order
     * @return one array of {@link #outputColumns()} values per record, in the same order
     * @throws IllegalArgumentException naming the source, line and column of a field it cannot read
     */
    List<String[]> predict(List<InputRecord> records);
}
