package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/** Every bad input fails with a message that names the column or row and what was expected. */
class BadInputTest {

    private static <T extends Throwable> void failsWith(Class<T> type, Executable action, String... fragments) {
        T e = assertThrows(type, action);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    private static TabularList list() {
        return TabularList.fromTable(Tables.toy()).catNames("color").contNames("x")
                .procs(FillMissing::new, Categorify::new, Normalize::new);
    }

    @Test
    void unknownColumnListsTheAvailableOnes() {
        failsWith(IllegalArgumentException.class, () -> TabularList.fromTable(Tables.toy()).catNames("colour"),
                "'colour'", "cat_names", "[color, size, x, z, y, price, is_valid]");
        failsWith(IllegalArgumentException.class, () -> TabularList.fromTable(Tables.toy()).contNames("age"),
                "'age'", "cont_names", "[color, size");
        failsWith(IllegalArgumentException.class, () -> list().splitByIdx(8, 9).labelFromCol("salary"),
                "'salary'", "labelFromCol", "[color, size");
        failsWith(IllegalArgumentException.class, () -> list().splitFromCol("valid"), "'valid'", "[color, size");
    }

    @Test
    void labelWithASingleClass() {
        Table t = Tables.toy();
        t.addColumns(StringColumn.create("same", "a", "a", "a", "a", "a", "a", "a", "a", "b", "b"));
        failsWith(IllegalArgumentException.class,
                () -> TabularList.fromTable(t).catNames("color").procs(Categorify::new).splitByIdx(8, 9)
                        .labelFromCol("same"),
                "'same'", "single class [a]", "at least two");
    }

    @Test
    void emptyTableAndEmptySplits() {
        Table empty = Table.create("nothing", StringColumn.create("a"), DoubleColumn.create("b"));
        failsWith(IllegalArgumentException.class, () -> TabularList.fromTable(empty), "'nothing'", "empty", "0 rows");
        failsWith(IllegalArgumentException.class, () -> list().splitByIdxRange(0, 10), "training split is empty");

        Table t = Tables.toy();
        t.replaceColumn("is_valid", BooleanColumn.create("is_valid", new boolean[10]));
        failsWith(IllegalArgumentException.class,
                () -> TabularList.fromTable(t).catNames("color").splitFromCol("is_valid"), "validation split is empty");
        failsWith(IllegalArgumentException.class, () -> list().splitByIdx(), "validation split is empty");
        failsWith(IllegalArgumentException.class, () -> list().splitByRandPct(0.05, 1), "validation split is empty");
        TabularData data = list().splitByIdx(8, 9).labelFromCol("y");
        failsWith(IllegalArgumentException.class, () -> data.addTest(empty), "'nothing'", "empty");
    }

    @Test
    void continuousColumnHoldingText() {
        Table t = Tables.toy();
        t.addColumns(StringColumn.create("age", "31", "40", " 22 ", "", "19", "abc", "50", "60", "70", "80"));
        failsWith(IllegalArgumentException.class,
                () -> TabularList.fromTable(t).contNames("age").procs(FillMissing::new, Normalize::new)
                        .splitByIdx(8, 9).labelFromCol("y"),
                "'age'", "row index 5", "'abc'", "expected a number");
        // numbers stored as text are read, blanks are missing
        Table ok = Tables.toy();
        ok.addColumns(StringColumn.create("age", "31", "40", " 22 ", "", "19", "20", "50", "60", "70", "80"));
        TabularData data = TabularList.fromTable(ok).contNames("age")
                .procs(FillMissing::new, Categorify::new, Normalize::new).splitByIdx(8, 9).labelFromCol("y");
        assertEquals(List.of("age_na"), data.catNames(), "the blank in row 3 is missing");
        assertEquals(22.0, data.decodeRow(Split.TRAIN, 2).continuous().get("age"), 1e-4);
    }

    @Test
    void overlappingCatAndContNames() {
        failsWith(IllegalArgumentException.class,
                () -> TabularList.fromTable(Tables.toy()).catNames("color", "x").contNames("x", "z"),
                "[x]", "both cat_names and cont_names");
        failsWith(IllegalArgumentException.class,
                () -> TabularList.fromTable(Tables.toy()).contNames("x").catNames("x"), "[x]");
        failsWith(IllegalArgumentException.class,
                () -> TabularList.fromTable(Tables.toy()).catNames("color", "color"), "'color'", "twice");
    }

    @Test
    void labelColumnAmongInputs() {
        failsWith(IllegalArgumentException.class, () -> list().splitByIdx(8, 9).labelFromCol("color"),
                "'color'", "also an input", "cat_names");
        failsWith(IllegalArgumentException.class, () -> list().splitByIdx(8, 9).labelFromCol("x"),
                "'x'", "cont_names");
    }

    @Test
    void badSplitArguments() {
        failsWith(IllegalArgumentException.class, () -> list().splitByIdx(3, 10), "index 10", "10 rows");
        failsWith(IllegalArgumentException.class, () -> list().splitByIdx(3, 3), "index 3", "twice");
        failsWith(IllegalArgumentException.class, () -> list().splitByIdxRange(5, 11), "[5, 11)", "10 rows");
        failsWith(IllegalArgumentException.class, () -> list().splitByRandPct(1.5, 1), "(0, 1)");
        failsWith(IllegalArgumentException.class, () -> list().splitFromCol("color"), "'color'", "BOOLEAN");
        failsWith(IllegalStateException.class, () -> TabularList.fromTable(Tables.toy()).splitByIdx(1),
                "No input columns");
    }

    @Test
    void missingProcessorsAndLabels() {
        failsWith(IllegalStateException.class,
                () -> TabularList.fromTable(Tables.toy()).catNames("color").splitByIdx(8, 9).labelFromCol("y"),
                "'color'", "Categorify");
        failsWith(IllegalStateException.class,
                () -> TabularList.fromTable(Tables.toy()).contNames("x").procs(Normalize::new)
                        .splitByIdx(8, 9).labelFromCol("y"),
                "'x'", "row index 2", "FillMissing");
        Table t = Tables.toy();
        t.stringColumn("y").set(3, "");
        failsWith(IllegalArgumentException.class, () -> TabularList.fromTable(t).catNames("color")
                .procs(Categorify::new).splitByIdx(8, 9).labelFromCol("y"), "'y'", "missing at row index 3");
        Table unseen = Tables.toy();
        unseen.stringColumn("y").set(9, "maybe");
        failsWith(IllegalArgumentException.class, () -> TabularList.fromTable(unseen).catNames("color")
                .procs(Categorify::new).splitByIdx(8, 9).labelFromCol("y"), "'maybe'", "row index 9", "[no, yes]");
    }

    @Test
    void testTableWithoutAnInputColumn() {
        TabularData data = list().splitByIdx(8, 9).labelFromCol("y");
        Table noColor = Tables.toy().removeColumns("color");
        failsWith(IllegalArgumentException.class, () -> data.addTest(noColor), "'color'", "[size, x");
        failsWith(IllegalStateException.class, () -> data.test(), "addTest");
    }
}
