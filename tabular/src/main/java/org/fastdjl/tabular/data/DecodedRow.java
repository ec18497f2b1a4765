package org.fastdjl.tabular.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One processed row turned back into readable values, as fastai's {@code show_batch} lists it.
 *
 * @param categories category name per categorical column ({@code #na#} for missing or unseen), in
 *                   column order
 * @param continuous continuous values in original units (de-normalized; filled values stay filled),
 *                   in column order; decoded from the float32 model inputs, so large values carry
 *                   float rounding (fnlwgt 101320 decodes as 101320.0001)
 * @param label      the class name or the regression target as text; {@code null} without labels
 */
public record DecodedRow(Map<String, String> categories, Map<String, Double> continuous, String label) {

    /**
     * Copies the maps, keeping their order.
     *
     * @param categories the categories
     * @param continuous the continuous values
     * @param label      the label or null
     */
    public DecodedRow {
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        continuous = Collections.unmodifiableMap(new LinkedHashMap<>(continuous));
    }

    /**
     * Whether the row has a label.
     *
     * @return true if {@link #label()} is not null
     */
    public boolean hasLabel() {
        return label != null;
    }
}
