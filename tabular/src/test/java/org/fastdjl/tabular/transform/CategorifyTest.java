package org.fastdjl.tabular.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CategorifyTest {

    private static TabularFrame frame(CategoryKind kind, Object... values) {
        TabularFrame f = new TabularFrame(new int[values.length]);
        f.addCategory("c", new CategoryValues(kind, values));
        return f;
    }

    @Test
    void classesAreNaThenSortedUniqueTrainValues() {
        TabularFrame train = frame(CategoryKind.TEXT, " b", "a", null, " b", "C");
        Categorify cat = new Categorify();
        cat.applyTrain(train);
        // code-point order like pandas: ' ' < 'C' < 'a'
        assertEquals(List.of("#na#", " b", "C", "a"), train.classes("c"));
        assertArrayEquals(new int[] {1, 3, 0, 1, 2}, train.codes("c"));
    }

    @Test
    void unseenAndMissingValidValuesMapToZero() {
        Categorify cat = new Categorify();
        cat.applyTrain(frame(CategoryKind.TEXT, "x", "y"));
        TabularFrame valid = frame(CategoryKind.TEXT, "y", "never seen", null, "x");
        cat.applyTest(valid);
        assertArrayEquals(new int[] {2, 0, 0, 1}, valid.codes("c"));
        assertEquals(List.of("#na#", "x", "y"), valid.classes("c"), "valid values add no class");
    }

    @Test
    void numericCategoriesSortNumericallyAndDisplayLikePandas() {
        Categorify ints = new Categorify();
        TabularFrame train = frame(CategoryKind.INTEGER, 10.0, 2.0, 1.0, 2.0);
        ints.applyTrain(train);
        assertEquals(List.of("#na#", "1", "2", "10"), train.classes("c"));

        Categorify decimals = new Categorify();
        TabularFrame dec = frame(CategoryKind.DECIMAL, 2.5, 1.0);
        decimals.applyTrain(dec);
        assertEquals(List.of("#na#", "1.0", "2.5"), dec.classes("c"));

        // a test table read with decimals still finds integer categories
        TabularFrame valid = frame(CategoryKind.DECIMAL, 2.0, 3.0);
        ints.applyTest(valid);
        assertArrayEquals(new int[] {2, 0}, valid.codes("c"));
    }

    @Test
    void booleansSortFalseFirst() {
        Categorify cat = new Categorify();
        TabularFrame train = frame(CategoryKind.BOOLEAN, true, false, true);
        cat.applyTrain(train);
        assertEquals(List.of("#na#", "False", "True"), train.classes("c"));
        assertArrayEquals(new int[] {2, 1, 2}, train.codes("c"));
        assertEquals(train.classes("c"), cat.categoryMap("c").classes(), "the shared CategoryMap holds them");
    }

    @Test
    void kindMismatchIsAClearError() {
        Categorify cat = new Categorify();
        cat.applyTrain(frame(CategoryKind.TEXT, "a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cat.applyTest(frame(CategoryKind.INTEGER, 1.0)));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
    }
}
