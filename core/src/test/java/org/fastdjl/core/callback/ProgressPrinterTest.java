package org.fastdjl.core.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

class ProgressPrinterTest {

    @Test
    void valuesWiderThanTheirColumnStayApart() {
        int[] widths = {10, 12, 12};
        assertEquals("0         0.500000    0.400000    00:01",
                ProgressPrinter.line(List.of("0", "0.500000", "0.400000", "00:01"), widths));
        // vision-bridge resnet34 printed "31937.1015630.500000": a value of 12 characters filled its column
        assertEquals("0         31937.101563  0.500000    00:01",
                ProgressPrinter.line(List.of("0", "31937.101563", "0.500000", "00:01"), widths));
    }
}
