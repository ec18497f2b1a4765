package org.fastdjl.tabular.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Categorify cat = Categorify.keepingWhitespace();
        cat.applyTrain(train);
        // code-point order like pandas: ' ' < 'C' < 'a'
        assertEquals(List.of("#na#", " b", "C", "a"), train.classes("c"));
        assertArrayEquals(new int[] {1, 3, 0, 1, 2}, train.codes("c"));
    }

    @Test
    void surroundingWhitespaceIsNormalizedByDefault() {
        TabularFrame train = frame(CategoryKind.TEXT, " b", "a", null, "b ", "C", "  ");
        Categorify cat = new Categorify();
        cat.applyTrain(train);
        assertEquals(List.of("#na#", "C", "a", "b"), train.classes("c"), "blank is missing");
        assertArrayEquals(new int[] {3, 2, 0, 3, 1, 0}, train.codes("c"));
        TabularFrame valid = frame(CategoryKind.TEXT, "b", " a ", "\tC");
        cat.applyTest(valid);
        assertArrayEquals(new int[] {3, 2, 1}, valid.codes("c"));
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
    void anotherReadersTypesAreConvertedToTheTrainingKind() {
        // training text "Y"/"N" (pandas, TabularCsv); Tablesaw reads the same file as booleans
        Categorify yn = new Categorify();
        yn.applyTrain(frame(CategoryKind.TEXT, "Y", "N", "Y"));
        TabularFrame booleans = frame(CategoryKind.BOOLEAN, true, false, null);
        yn.applyTest(booleans);
        assertArrayEquals(new int[] {2, 1, 0}, booleans.codes("c"));

        // training booleans; a text column of Tablesaw's spellings finds them
        Categorify flags = new Categorify();
        flags.applyTrain(frame(CategoryKind.BOOLEAN, true, false));
        TabularFrame text = frame(CategoryKind.TEXT, "False", " T ", "maybe");
        flags.applyTest(text);
        assertArrayEquals(new int[] {1, 2, 0}, text.codes("c"));

        // training text that holds numbers; a numeric column finds them by their text
        Categorify ids = new Categorify();
        ids.applyTrain(frame(CategoryKind.TEXT, "1", "2", "x"));
        TabularFrame numbers = frame(CategoryKind.INTEGER, 2.0, 1.0);
        ids.applyTest(numbers);
        assertArrayEquals(new int[] {2, 1}, numbers.codes("c"));

        // training integers; text that parses finds them, other text is unseen
        Categorify ints = new Categorify();
        ints.applyTrain(frame(CategoryKind.INTEGER, 1.0, 2.0));
        TabularFrame digits = frame(CategoryKind.TEXT, " 2", "1.0", "two");
        ints.applyTest(digits);
        assertArrayEquals(new int[] {2, 1, 0}, digits.codes("c"));
    }
}
