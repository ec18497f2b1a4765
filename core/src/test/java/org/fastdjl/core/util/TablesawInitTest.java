package org.fastdjl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;

class TablesawInitTest {

    @Test
    void tablesawStillFindsItsReadersAndTheClassPathIsPutBack() throws Exception {
        String before = System.getProperty("java.class.path");
        TablesawInit.initialize();
        TablesawInit.initialize(); // a second call does nothing
        assertEquals(before, System.getProperty("java.class.path"));
        assertNotNull(Table.defaultReaderRegistry.getReaderForExtension("csv"));
        Path csv = Files.createTempFile("tablesaw", ".csv");
        Files.writeString(csv, "a,b\n1,x\n2,y\n");
        Table t = Table.read().csv(csv.toString());
        assertEquals(2, t.rowCount());
        Files.delete(csv);
    }
}
