package org.fastdjl.spark.predict;

import java.math.BigDecimal;

/**
 * A Spark value as the text field a CSV file would hold, which is what a learner's record predictor
 * reads ({@code ./fastdjl predict} feeds it CSV fields): strings as they are, numbers in Java's shortest
 * round-trip form (so a number reads back as the same value), booleans as pandas writes them, missing
 * values empty (a missing value to the learner, as an empty CSV field).
 */
final class RowFields {

    private RowFields() {
    }

    /**
     * The field of one value.
     *
     * @param v a value of a Spark row
     * @return its text
     */
    static String of(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return d.isNaN() ? "" : Double.toString(d);
        }
        if (v instanceof Float f) {
            return f.isNaN() ? "" : Float.toString(f);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString(); // integers, dates, timestamps
    }
}
