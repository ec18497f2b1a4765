package org.fastdjl.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchedulerTest {

    @Test
    void annealingFunctionsMatchFastai() {
        assertEquals(1.0, Annealing.COS.at(1, 0, 0), 1e-15);
        assertEquals(0.5, Annealing.COS.at(1, 0, 0.5), 1e-15);
        assertEquals(0.0, Annealing.COS.at(1, 0, 1), 1e-15);
        assertEquals(1e-4, Annealing.EXP.at(1e-7, 10, 0.375), 1e-18); // 1e-7 * 1e8^0.375
        assertEquals(0.25, Annealing.LINEAR.at(0, 1, 0.25), 0);
        assertEquals(3, Annealing.NO.at(3, 7, 0.9), 0);
    }

    @Test
    void stepsReachTheEndAfterNIter() {
        Scheduler s = new Scheduler(1e-7, 10, 4, Annealing.EXP);
        assertEquals(1e-7, s.start()[0], 0);
        assertEquals(1e-7 * Math.pow(1e8, 0.25), s.step()[0], 1e-18);
        s.step();
        s.step();
        assertFalse(s.isDone());
        assertEquals(10, s.step()[0], 1e-12);
        assertTrue(s.isDone());
    }
}
