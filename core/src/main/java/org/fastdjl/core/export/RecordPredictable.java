package org.fastdjl.core.export;

/**
 * A learner that predicts rows of text fields, such as a CSV file's records: what batch prediction
 * ({@link CsvPredict}, {@code ./fastdjl predict}) needs from a loaded learner. The learner maps its
 * input columns by name (tabular, collab) or by role ({@link RecordHeader#TEXT}, {@link
 * RecordHeader#IMAGE}) and parses fields the way its training data was read.
 */
public interface RecordPredictable {

    /**
     * A predictor for records with this header.
     *
     * @param header the columns and roles
     * @return the predictor
     * @throws IllegalArgumentException naming every column the model needs that the header lacks
     */
    RecordPredictor recordPredictor(RecordHeader header);
}
