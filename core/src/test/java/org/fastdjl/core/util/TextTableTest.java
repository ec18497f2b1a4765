package org.fastdjl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

class TextTableTest {

    @Test
    void columnsStayAlignedWhenCellsHoldNewlines() {
        String t = TextTable.format(List.of("text", "target"),
                List.of(List.of("a\nb", "pos"), List.of("abcd", "neg")));
        assertEquals("text  target\na\\nb  pos\nabcd  neg\n", t);
    }
}
