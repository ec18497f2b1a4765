package org.fastdjl.text.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** matplotlib's RdYlGn as fastai shades attention: red at 0, pale yellow in the middle, green at 1. */
class RdYlGnTest {

    @Test
    void theEndsAndTheMiddleAreColorBrewersColours() {
        assertArrayEquals(new int[] {165, 0, 38}, RdYlGn.rgb(0));
        assertArrayEquals(new int[] {0, 104, 55}, RdYlGn.rgb(1));
        assertArrayEquals(RdYlGn.rgb(1), RdYlGn.rgb(2), "clipped");
        int[] mid = RdYlGn.rgb(0.5); // entry 128 of 256: just past #ffffbf towards #d9ef8b
        assertEquals(254, mid[0]);
        assertEquals(254, mid[1]);
        assertEquals(0xbf - 1, mid[2], 1);
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#x27;", TextClassificationInterpretation.escape("<b> & \"x\" '"));
    }
}
