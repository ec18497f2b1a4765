package org.fastdjl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class BreakdownTest {

    @AfterEach
    void stop() {
        Breakdown.stop();
    }

    private static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void doesNothingUntilStarted() {
        Breakdown.lap("ignored");
        Breakdown.detail("ignored", 1);
        assertFalse(Breakdown.isActive());
        assertTrue(Breakdown.snapshot().get("timeline").isEmpty());
        assertTrue(Double.isNaN(Breakdown.sinceMain()));
    }

    @Test
    void lapsNameTheTimeSinceThePreviousLapAndAddUp() {
        Breakdown.start();
        spin(30);
        Breakdown.lap("a");
        spin(10);
        Breakdown.lap("b");
        spin(20);
        Breakdown.lap("a");
        Breakdown.detail("overlap", 0.5);
        Breakdown.detail("overlap", 0.25);
        Map<String, Map<String, Double>> s = Breakdown.snapshot();
        List<String> names = List.copyOf(s.get("timeline").keySet());
        assertEquals(List.of(Breakdown.JVM_START, "a", "b"), names);
        double a = s.get("timeline").get("a");
        double b = s.get("timeline").get("b");
        assertTrue(a >= 0.050, "a: at least the 50 ms spun in its two laps, got " + a);
        assertTrue(b >= 0.010, "b: at least the 10 ms spun, got " + b);
        // the laps spin on this thread: they took some of its CPU time, never more than their wall time
        double cpu = s.get("main_thread_cpu").get("a");
        assertTrue(cpu > 0 && cpu <= a + 0.01, "CPU " + cpu + " for a wall time of " + a);
        assertEquals(0.75, s.get("details").get("overlap"), 1e-12);
        assertTrue(s.get("timeline").get(Breakdown.JVM_START) > 0, "the JVM started before this test");
        assertTrue(s.get("memory").get("peak RSS (VmHWM)") > 10, s.get("memory").toString());
        String table = Breakdown.format();
        assertTrue(table.contains("JVM start to main") && table.contains("overlap"), table);
    }

    @Test
    void writesItsJsonToAFile() throws Exception {
        Breakdown.start();
        Breakdown.lap("say \"hi\"");
        Path f = Files.createTempFile("breakdown", ".json");
        Breakdown.finish(f.toString(), "the rest");
        String json = Files.readString(f);
        assertTrue(json.startsWith("{\"timeline\": {\"JVM start to main\": "), json);
        assertTrue(json.contains("\"say \\\"hi\\\"\": ") && json.contains("\"the rest\": "), json);
        assertTrue(json.contains("\"memory\": {\"peak RSS (VmHWM)\": "), json);
        Files.delete(f);
    }

    @Test
    void formatsMediansWithTheWholeProcessTimeAndTheExitRow() {
        Map<String, Map<String, Double>> s = Map.of("timeline", new java.util.LinkedHashMap<>(Map.of("x", 1.0)));
        String table = Breakdown.format(s, 1.5);
        assertTrue(table.contains("exit (after the breakdown; JVM shutdown)") && table.contains("0.500"), table);
        assertTrue(table.contains("66.7%"), table);
    }
}
