package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;

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
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("1 fields"), e.getMessage());
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
