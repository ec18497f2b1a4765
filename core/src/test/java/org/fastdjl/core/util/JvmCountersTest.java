package org.fastdjl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

class JvmCountersTest {

    /** One perf-data entry as HotSpot lays it out: a 20-byte header, the NUL-terminated name, the value. */
    private static int entry(ByteBuffer b, int at, String name, byte type, long value) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int dataOffset = 20 + n.length + (8 - (20 + n.length) % 8) % 8;
        int length = dataOffset + 8;
        b.putInt(at, length);
        b.putInt(at + 4, 20);
        b.putInt(at + 8, 0);
        b.put(at + 12, type);
        b.putInt(at + 16, dataOffset);
        b.put(at + 20, n);
        b.putLong(at + dataOffset, value);
        return at + length;
    }

    private static ByteBuffer perfData(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0, 0xcafec0c0);
        b.put(4, (byte) (order == ByteOrder.BIG_ENDIAN ? 0 : 1));
        b.order(order);
        int at = 32;
        at = entry(b, at, "sun.os.hrt.frequency", (byte) 'J', 1_000_000_000L);
        at = entry(b, at, "sun.cls.time", (byte) 'J', 250_000_000L);
        at = entry(b, at, "java.property.java.vm.name", (byte) 'B', 0x4a564d); // a string: skipped
        at = entry(b, at, "java.ci.totalTime", (byte) 'J', 1_500_000_000L);
        b.putInt(24, 32);
        b.putInt(28, 4);
        return b;
    }

    @Test
    void parsesScalarLongCountersInEitherByteOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Map<String, Long> c = JvmCounters.parse(perfData(order));
            assertEquals(3, c.size(), c.toString());
            assertEquals(250_000_000L, c.get("sun.cls.time"));
            assertEquals(0.25, JvmCounters.seconds(c, "sun.cls.time"), 1e-12);
            assertEquals(1.75, JvmCounters.seconds(c, "sun.cls.time", "java.ci.totalTime"), 1e-12);
            assertTrue(Double.isNaN(JvmCounters.seconds(c, "no.such.counter")));
        }
    }

    @Test
    void rejectsABufferThatIsNotPerfData() {
        assertTrue(JvmCounters.parse(ByteBuffer.allocate(64)).isEmpty());
    }

    @Test
    void readsThisJvmsClassLoadingCounters() {
        Map<String, Long> c = JvmCounters.read();
        assumeFalse(c.isEmpty(), "no hsperfdata file for this JVM (-XX:-UsePerfData or not Linux)");
        assertTrue(c.get("java.cls.loadedClasses") + c.getOrDefault("java.cls.sharedLoadedClasses", 0L) > 100, c.toString());
        assertTrue(JvmCounters.seconds(c, "sun.cls.time") > 0);
    }
}
