package org.fastdjl.core.data;

import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where the rows of a table came from, so that messages about a bad value name the file and its line
 * as an editor shows it (1-based, header counted), not a 0-based row index: {@code "line 51 of
 * adult.csv"}. A CSV reader registers the line of each row of the table it returns; any other table
 * (one built in code, or a slice such as {@code inRange}) is described by its 0-based row index. Tables
 * are held weakly (Tablesaw's {@code Table} compares by identity).
 */
public final class RowPositions {

    private static final Map<Table, Source> SOURCES = Collections.synchronizedMap(new WeakHashMap<>());

    private record Source(Path file, int[] lines) {
    }

    private RowPositions() {
    }

    /**
     * Records where a table's rows start in the file it was read from.
     *
     * @param table the table just read
     * @param file the file
     * @param lines the 1-based line on which each row starts
     */
    public static void register(Table table, Path file, int[] lines) {
        if (lines.length != table.rowCount()) {
            throw new IllegalArgumentException(lines.length + " lines for " + table.rowCount() + " rows");
        }
        SOURCES.put(table, new Source(file, lines.clone()));
    }

    /**
     * The file line of a row, when the table was read by a registering reader.
     *
     * @param table the table
     * @param row a 0-based row of it
     * @return the 1-based line, or -1 when unknown
     */
    public static int line(Table table, int row) {
        Source s = SOURCES.get(table);
        return s == null || row < 0 || row >= s.lines.length ? -1 : s.lines[row];
    }

    /**
     * Where a row is, for a message: {@code "line 51 of data/adult.csv"} for a table read from a file,
     * else {@code "row index 49 of table 'name'"}.
     *
     * @param table the table
     * @param row a 0-based row of it
     * @return the description
     */
    public static String describe(Table table, int row) {
        Source s = SOURCES.get(table);
        if (s != null && row >= 0 && row < s.lines.length) {
            return "line " + s.lines[row] + " of " + s.file;
        }
        return "row index " + row + " of table '" + table.name() + "'";
    }
}
