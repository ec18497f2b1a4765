package org.fastdjl.core.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * HotSpot's own performance counters of this process (the ones {@code jcmd PID PerfCounter.print} and
 * {@code jstat} show): time spent loading, linking and verifying classes, in static initialisers, in the
 * JIT compilers and in garbage collection. HotSpot keeps them in a memory-mapped file,
 * {@code /tmp/hsperfdata_<user>/<pid>}; reading that file costs a millisecond and loads no management
 * classes, which {@code java.lang.management} would (and it has no class-loading times at all).
 *
 * <p>Everything here is best effort: with {@code -XX:-UsePerfData} or {@code -XX:+PerfDisableSharedMem},
 * on another JVM or another OS, {@link #read()} returns an empty map and callers print "n/a".
 */
public final class JvmCounters {

    private static final int MAGIC = 0xcafec0c0;

    private JvmCounters() {}

    /**
     * Reads every scalar {@code long} counter of this JVM.
     *
     * @return counter name to value (ticks for times, see {@code sun.os.hrt.frequency}); empty when the
     *     counters cannot be read
     */
    public static Map<String, Long> read() {
        Path file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(ProcessHandle.current().pid()));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return parse(map);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * Parses a HotSpot perf-data buffer (format: a 32-byte prologue, then entries of a 20-byte header,
     * a NUL-terminated name and the data).
     *
     * @param buf the buffer
     * @return the scalar {@code long} counters by name; empty if the buffer is not perf data
     */
    static Map<String, Long> parse(ByteBuffer buf) {
        Map<String, Long> out = new HashMap<>();
        buf.order(ByteOrder.BIG_ENDIAN);
        if (buf.getInt(0) != MAGIC) {
            return out;
        }
        buf.order(buf.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = buf.getInt(24);
        int count = buf.getInt(28);
        for (int i = 0; i < count && entry > 0 && entry + 20 <= buf.limit(); i++) {
            int length = buf.getInt(entry);
            int nameOffset = buf.getInt(entry + 4);
            int vectorLength = buf.getInt(entry + 8);
            byte type = buf.get(entry + 12);
            int dataOffset = buf.getInt(entry + 16);
            if (length <= 0) {
                break;
            }
            if (vectorLength == 0 && type == 'J') {
                int end = entry + nameOffset;
                while (end < buf.limit() && buf.get(end) != 0) {
                    end++;
                }
                byte[] name = new byte[end - entry - nameOffset];
                buf.get(entry + nameOffset, name);
                out.put(new String(name, StandardCharsets.US_ASCII), buf.getLong(entry + dataOffset));
            }
            entry += length;
        }
        return out;
    }

    /**
     * A time counter in seconds.
     *
     * @param counters what {@link #read()} returned
     * @param names the counters to add up
     * @return their sum in seconds, or {@code NaN} when one is missing
     */
    public static double seconds(Map<String, Long> counters, String... names) {
        Long freq = counters.get("sun.os.hrt.frequency");
        if (freq == null || freq <= 0) {
            return Double.NaN;
        }
        long ticks = 0;
        for (String n : names) {
            Long v = counters.get(n);
            if (v == null) {
                return Double.NaN;
            }
            ticks += v;
        }
        return ticks / (double) freq;
    }
}
