package org.fastdjl.core.util;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Progress bars stay off where nobody watches a terminal: tests, CI, piped and --report runs. */
class ProgressTest {

    @Test
    void barsAreOffWithoutATerminalAndWhenAskedOff() {
        // surefire runs the tests with piped output: no console
        assertFalse(Progress.enabled());
        try (Progress p = Progress.start("epoch 1/1", 10)) {
            assertFalse(p.isShown());
            p.step();
            p.message("loss 1.0");
        }
        String old = System.getProperty("fastdjl.progress");
        System.setProperty("fastdjl.progress", "false");
        try {
            assertFalse(Progress.enabled());
            assertFalse(Progress.start("x", 5).isShown());
        } finally {
            if (old == null) {
                System.clearProperty("fastdjl.progress");
            } else {
                System.setProperty("fastdjl.progress", old);
            }
        }
    }
}
