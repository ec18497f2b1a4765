package org.fastdjl.tabular.learner;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** Turns a Tablesaw {@link Row} into a one-row table with the same columns and types. */
final class RowTables {

    private RowTables() {
    }

    /**
     * Copies a row.
     *
     * @param row the row (of any table)
     * @return a table of one row
     */
    static Table of(Row row) {
        if (row == null) {
            throw new IllegalArgumentException("cannot predict: the row is null");
        }
        Table t = Table.create("row " + row.getRowNumber());
        for (int i = 0; i < row.columnCount(); i++) {
            t.addColumns(row.type(i).create(row.columnNames().get(i)));
        }
        t.append(row);
        return t;
    }
}
