package org.fastdjl.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * What the resident memory is made of now, in MB: the peak and current RSS, then the current RSS
     * split by what is mapped (these four add up to it): libtorch's libraries, the JVM's (libjvm, its
     * class-data archives, the modules image), other files, and anonymous memory (the Java heap, malloc'ed
     * memory such as libtorch's tensors and its allocator, thread stacks, JIT code, class metadata); and
     * the Java heap as the JVM sees it (committed and used, part of the anonymous memory). Linux only;
     * absent figures are left out.
     *
     * @return figure name to MB, in a fixed order
     */
    public static Map<String, Double> composition() {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            List<String> status = Files.readAllLines(STATUS);
            put(out, "peak RSS (VmHWM)", status, "VmHWM:");
            put(out, "RSS now", status, "VmRSS:");
        } catch (IOException | RuntimeException e) {
            return out;
        }
        double[] kb = new double[4]; // libtorch, JVM, other files, anonymous
        try {
            int kind = 3;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                int sp = line.indexOf(' ');
                if (sp > 0 && line.lastIndexOf('-', sp) > 0 && line.lastIndexOf(':', sp) < 0) { // a mapping's header
                    String[] f = line.trim().split("\\s+", 6);
                    String name = f.length > 5 ? f[5] : "";
                    kind = name.isEmpty() || name.startsWith("[") ? 3
                            : name.contains("libtorch") || name.contains("libc10") || name.contains("djl_torch")
                                    || name.contains("libgomp") ? 0
                            : name.endsWith("libjvm.so") || name.endsWith(".jsa") || name.endsWith("/modules") ? 1
                            : 2;
                } else if (line.startsWith("Rss:")) {
                    kb[kind] += Double.parseDouble(line.substring(4).trim().split("\\s+")[0]);
                }
            }
            out.put("  libtorch's libraries (code, data, relocations)", kb[0] / 1024);
            out.put("  the JVM's library, class-data archives, modules", kb[1] / 1024);
            out.put("  other libraries and files", kb[2] / 1024);
            out.put("  anonymous: Java heap, malloc (tensors), stacks, code", kb[3] / 1024);
        } catch (IOException | RuntimeException e) {
            // smaps is optional (older kernels, restricted /proc)
        }
        Runtime rt = Runtime.getRuntime();
        out.put("Java heap committed", rt.totalMemory() / 1048576.0);
        out.put("Java heap used", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        return out;
    }

    private static void put(Map<String, Double> out, String name, List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                out.put(name, Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]) / 1024);
                return;
            }
        }
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
