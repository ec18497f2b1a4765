package org.fastdjl.tabular.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShowBatchFormatterTest {

    @Test
    void continuousValuesShowSixSignificantDigitsWithoutFloatNoise() {
        assertEquals("66686", ShowBatchFormatter.formatContinuous(66686.0052));
        assertEquals("405684", ShowBatchFormatter.formatContinuous(405683.9886));
        assertEquals("38", ShowBatchFormatter.formatContinuous(38.0000001));
        assertEquals("0.333333", ShowBatchFormatter.formatContinuous(1.0 / 3));
        assertEquals("-2.5", ShowBatchFormatter.formatContinuous(-2.5));
        assertEquals("1234570", ShowBatchFormatter.formatContinuous(1234567.0));
        assertEquals("NaN", ShowBatchFormatter.formatContinuous(Double.NaN));
    }
}
