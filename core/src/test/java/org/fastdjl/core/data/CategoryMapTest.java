package org.fastdjl.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;

import java.util.List;

/** The one category coding shared by collab (columns, shown by key) and tabular (values, shown as pandas). */
class CategoryMapTest {

    private static final int[] ALL5 = {0, 1, 2, 3, 4};

    @Test
    void numericColumnsSortNumericallyAndShowWholeNumbersAsIntegers() {
        CategoryMap m = CategoryMap.learn(DoubleColumn.create("u", 10.0, 2.0, Double.NaN, 2.0, 1.5), ALL5);
        assertEquals(List.of("#na#", "1.5", "2", "10"), m.classes());
        assertEquals(2, m.indexOf(CategoryMap.key(2)), "an int finds a double's class");
        assertEquals(2, m.indexOf("2"), "so does its text");
        assertEquals(-1, m.indexOf("3"));
        assertEquals(0, m.indexOrNa("3"), "unseen codes to #na#");
        assertEquals(0, m.indexOrNa(null), "missing codes to #na#");
        assertArrayEquals(new int[] {3, 2, 0, 2, 1}, m.encode(DoubleColumn.create("u", 10.0, 2.0, Double.NaN, 2.0, 1.5),
                ALL5));
    }

    @Test
    void textColumnsSortByCodeUnitWithoutSurroundingSpaces() {
        CategoryMap m = CategoryMap.learn(StringColumn.create("w", " b", "a", "C", "b ", "   "), ALL5);
        assertEquals(List.of("#na#", "C", "a", "b"), m.classes(), "' b' and 'b ' are one class; blank is missing");
        assertEquals("b", m.decode(3));
        assertEquals(0, m.indexOf(CategoryMap.NA), "#na# is index 0");
        StringColumn trimmed = StringColumn.create("w", "b", "a", "C", "b", "");
        assertArrayEquals(m.encode(StringColumn.create("w", " b", "a", "C", "b ", "   "), ALL5), m.encode(trimmed, ALL5),
                "a column read with or without the spaces codes the same");
        assertEquals(null, CategoryMap.key(trimmed, 4));
    }

    @Test
    void normalizeStripsTextOnly() {
        assertEquals("Private", CategoryMap.normalize(" Private "));
        assertEquals(null, CategoryMap.normalize(" \t"));
        assertEquals("a b", CategoryMap.normalize("a b"), "inner spaces stay");
        assertEquals(3.0, CategoryMap.normalize(3.0));
        assertEquals(null, CategoryMap.normalize(null));
    }

    @Test
    void onlyTheGivenRowsAreLearned() {
        CategoryMap m = CategoryMap.learn(IntColumn.create("i", 5, 4, 3, 2, 1), new int[] {3, 4});
        assertEquals(List.of("#na#", "1", "2"), m.classes());
    }

    @Test
    void booleansSortFalseFirst() {
        CategoryMap fromColumn = CategoryMap.learn(BooleanColumn.create("b", true, false, true, true, false), ALL5);
        assertEquals(List.of("#na#", "false", "true"), fromColumn.classes());
        CategoryMap pandas = CategoryMap.learn(new Object[] {true, null, false}, v -> (Boolean) v ? "True" : "False");
        assertEquals(List.of("#na#", "False", "True"), pandas.classes());
        assertArrayEquals(new int[] {2, 0, 1}, pandas.encode(new Object[] {true, null, false}));
    }

    @Test
    void valuesAreDisplayedAsAskedAndLookedUpByKey() {
        CategoryMap m = CategoryMap.learn(new Object[] {2.5, 1.0, null, 1.0}, String::valueOf);
        assertEquals(List.of("#na#", "1.0", "2.5"), m.classes(), "shown as pandas shows a float column");
        assertArrayEquals(new int[] {1, 2, 0}, m.encode(new Object[] {1.0, 2.5, 7.0}), "unseen 7.0 codes to 0");
        assertEquals(1, m.indexOf(CategoryMap.key(1)), "looked up by the canonical key 1");
    }

    @Test
    void negativeZeroIsTheSameValueAsZero() {
        CategoryMap m = CategoryMap.learn(new Object[] {0.0, -0.0, 1.0}, CategoryMap::key);
        assertEquals(List.of("#na#", "0", "1"), m.classes());
    }

    @Test
    void mixedTypesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CategoryMap.learn(new Object[] {"a", 1.0}, CategoryMap::key));
        assertEquals(true, e.getMessage().contains("String") && e.getMessage().contains("Double"), e.getMessage());
    }

    @Test
    void rebuildsFromSavedClasses() {
        CategoryMap m = CategoryMap.of(List.of("#na#", "x", "y"));
        assertEquals(2, m.indexOf("y"));
        assertEquals(0, m.indexOrNa("z"));
        assertThrows(IllegalArgumentException.class, () -> CategoryMap.of(List.of("x")));
    }
}
