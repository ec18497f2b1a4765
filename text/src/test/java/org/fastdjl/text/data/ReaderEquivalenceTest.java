package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A texts CSV read by Tablesaw's own reader ({@code TextList.fromTable}) and by fastdjl's
 * ({@code TextList.fromCsv}, as pandas reads it) gives the same documents, tokens, split, labels and
 * vocab: Tablesaw trims unquoted fields and reads {@code is_valid} as booleans, the labels lose their
 * surrounding whitespace either way.
 */
class ReaderEquivalenceTest {

    private static TextData classifier(TextList list) throws IOException {
        return list.optTokenizer(TextListTest.TOK).splitFromCol("is_valid").labelFromCol("label").process();
    }

    private static void assertSameData(TextData a, TextData b) {
        assertEquals(a.classes(), b.classes());
        assertEquals(a.vocab(), b.vocab());
        assertEquals(a.train(), b.train(), "the same token ids and labels, document by document");
        assertEquals(a.valid(), b.valid());
    }

    @Test
    void imdbTinyReadsTheSameWithEitherReader() throws IOException {
        Path folder = Path.of(System.getProperty("fastdjl.root", ".")).resolve("src-test-data/imdb_tiny");
        // Tablesaw's default field limit is 4,096 characters; reviews are longer
        Table table = Table.read().csv(CsvReadOptions.builder(folder.resolve("texts.csv").toFile())
                .maxCharsPerColumn(1 << 20).build());
        assertSameData(classifier(TextList.fromCsv(folder, "texts.csv", "text")), classifier(TextList.fromTable(table, "text")));
    }

    @Test
    void spacedLabelsAndUnquotedTextsReadTheSame() throws IOException {
        Path folder = TestData.tempDir();
        Files.writeString(folder.resolve("texts.csv"), String.join("\n",
                "label,text,is_valid",
                " positive ,  A fine film.  ,False",
                "negative,\" Dull, and long. \",False",
                " negative,Worse than dull,True",
                "positive ,So fine!, True",
                "1.0,A number as a label,False",
                ""), StandardCharsets.UTF_8);
        Table table = Table.read().csv(folder.resolve("texts.csv").toFile());
        assertEquals("positive", table.stringColumn("label").get(0), "Tablesaw trims the field");
        TextData fromCsv = classifier(TextList.fromCsv(folder, "texts.csv", "text"));
        TextData fromTable = classifier(TextList.fromTable(table, "text"));
        assertEquals(List.of("1", "negative", "positive"), fromCsv.classes(), "labels without their spaces");
        assertSameData(fromCsv, fromTable);
        assertArrayEquals(new int[] {2, 1, 0}, fromCsv.train().labels());
        assertNotEquals(0, fromCsv.train().size());
    }
}
