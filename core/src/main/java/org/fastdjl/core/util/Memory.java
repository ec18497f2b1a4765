package org.fastdjl.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory, read from {@code /proc/self/status} (Linux). Native memory (libtorch's
 * tensors) counts as well as the Java heap, which is why it is read from the OS and not the JVM.
 */
public final class Memory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private Memory() {}

    /** @return the current resident set size in MB, or -1 where the OS does not report it */
    public static double rssMb() {
        return readKb("VmRSS:") / 1024.0;
    }

    /** @return the peak resident set size so far in MB, or -1 where the OS does not report it */
    public static double peakRssMb() {
        return readKb("VmHWM:") / 1024.0;
    }

    private static double readKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
