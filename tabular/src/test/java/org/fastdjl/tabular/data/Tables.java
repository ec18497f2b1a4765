package org.fastdjl.tabular.data;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small tables the tests build themselves. */
final class Tables {

    static final double NA = Double.NaN;

    private Tables() {
    }

    /**
     * Ten rows; rows 8 and 9 are meant as validation and hold extreme or unseen values.
     * color: text with a missing value (""), size: integer category, x: continuous with a missing
     * training value, z: continuous without missing training values, y: text label.
     */
    static Table toy() {
        return Table.create("toy",
                StringColumn.create("color", "red", "blue", "red", "", "green", "blue", "red", "green",
                        "purple", ""),
                IntColumn.create("size", 3, 1, 2, 3, 1, 2, 3, 10, 99, 1),
                DoubleColumn.create("x", 1.0, 2.0, NA, 4.0, 5.0, 6.0, 7.0, 8.0, 1e6, NA),
                DoubleColumn.create("z", 10, 20, 30, 40, 50, 60, 70, 80, -1e6, NA),
                StringColumn.create("y", "no", "yes", "no", "yes", "no", "yes", "no", "yes", "no", "yes"),
                DoubleColumn.create("price", 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5),
                BooleanColumn.create("is_valid", false, false, false, false, false, false, false, false, true, true));
    }
}
