package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fastdjl.core.TestData;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TabularCsvTest {

    private static final String CSV = String.join("\n",
            "age,workclass,education-num,flag,big,salary",
            "49, Private,12.0,True,10000000000,>=50k",
            "44, Self-emp,,False,1,<50k",
            "38,\" Private, quoted\",NA,True,2,<50k",
            "");

    @Test
    void readsLikePandas() throws IOException {
        Table t = TabularCsv.read(new StringReader(CSV), "adult");
        assertEquals(3, t.rowCount());
        assertEquals(ColumnType.INTEGER, t.column("age").type());
        assertEquals(ColumnType.STRING, t.column("workclass").type());
        assertEquals(" Private", t.stringColumn("workclass").get(0), "leading space kept");
        assertEquals(" Private, quoted", t.stringColumn("workclass").get(2));
        assertEquals(ColumnType.DOUBLE, t.column("education-num").type(), "decimals, or integers with missing");
        assertEquals(2, t.column("education-num").countMissing(), "empty and NA are missing");
        assertEquals(ColumnType.BOOLEAN, t.column("flag").type());
        assertEquals(ColumnType.LONG, t.column("big").type());
        assertEquals(ColumnType.STRING, t.column("salary").type());
    }

    @Test
    void raggedRowsAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabularCsv.read(new StringReader("a,b\n1,2\n3\n"), "bad"));
        assertEquals("bad, line 3: 1 field; the header has 2 (a,b)", e.getMessage(), "the file's own line, header counted");
    }

    @Test
    void badValuesAreReportedByTheFilesOwnLineNumber() throws IOException {
        Path dir = TestData.tempDir();
        StringBuilder csv = new StringBuilder("age,job,y\n");
        for (int r = 0; r < 60; r++) {
            csv.append(r == 49 ? "abc" : Integer.toString(20 + r)).append(",\" a\nb\",").append(r % 2).append('\n');
        }
        Path file = dir.resolve("people.csv");
        Files.writeString(file, csv.toString());
        Table t = TabularCsv.read(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TabularList.fromTable(t)
                .contNames("age").procs().splitByIdxRange(0, 10).labelFromCol("y"));
        // header on line 1, each row takes two lines (a quoted field holds a newline): row 49 starts on line 100
        assertTrue(e.getMessage().startsWith("line 100 of " + file + ", column 'age'"), e.getMessage());
    }

    @Test
    void unreadableFilesAreNamed() throws IOException {
        Path dir = TestData.tempDir();
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "a,b\n1,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> TabularCsv.read(latin));
        assertTrue(e.getMessage().startsWith(latin + ": not UTF-8 text: byte 0xE9 on line 2, column 6"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        e = assertThrows(IOException.class, () -> TabularCsv.read(empty));
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        e = assertThrows(IOException.class, () -> TabularCsv.read(folder));
        assertEquals(folder + ": is a folder; expected a CSV file", e.getMessage());
    }

    @Test
    void isNaAgreesWithWhatReadTreatsAsMissing() throws IOException {
        String[] na = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
            "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"};
        for (String s : na) {
            assertTrue(TabularCsv.isNa(s), s);
            Table t = TabularCsv.read(new StringReader("a,b\n" + s + ",x\n"), "t");
            assertTrue(t.column("a").isMissing(0), "read: " + s);
        }
        for (String s : new String[] {" NA", "NA ", "1", "-1", "none", "#N/A N/A ", "Nan", " Private", "<na>"}) {
            assertTrue(!TabularCsv.isNa(s), s);
        }
        assertEquals(Boolean.TRUE, TabularCsv.parseBoolean("True"));
        assertEquals(Boolean.FALSE, TabularCsv.parseBoolean("false"));
        assertEquals(null, TabularCsv.parseBoolean("yes"));
    }
}
