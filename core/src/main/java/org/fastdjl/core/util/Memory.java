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
     * What the resident memory is made of now, in MB: the peak and current RSS, its anonymous part
     * (Java heap, malloc'ed memory such as libtorch's tensors, thread stacks, JIT code) and file-backed
     * part (shared libraries, the JVM's class-data archive), the pages of the libtorch libraries alone,
     * and the Java heap as the JVM sees it (committed and used). Linux only; absent figures are left
     * out.
     *
     * @return figure name to MB, in a fixed order
     */
    public static Map<String, Double> composition() {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            List<String> status = Files.readAllLines(STATUS);
            put(out, "peak RSS (VmHWM)", status, "VmHWM:");
            put(out, "RSS now", status, "VmRSS:");
            put(out, "  anonymous (heap, malloc, stacks, code)", status, "RssAnon:");
            put(out, "  file-backed (libraries, CDS archive)", status, "RssFile:");
        } catch (IOException | RuntimeException e) {
            return out;
        }
        double torchKb = 0;
        double jvmKb = 0;
        try {
            boolean torch = false;
            boolean jvm = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                int sp = line.indexOf(' ');
                if (sp > 0 && line.lastIndexOf('-', sp) > 0 && line.lastIndexOf(':', sp) < 0) { // a mapping's header
                    String name = line.substring(line.lastIndexOf(' ') + 1);
                    torch = name.contains("libtorch") || name.contains("libc10") || name.contains("djl_torch")
                            || name.contains("libgomp");
                    jvm = name.endsWith("libjvm.so") || name.endsWith(".jsa") || name.endsWith("/modules");
                } else if (line.startsWith("Rss:") && (torch || jvm)) {
                    double kb = Double.parseDouble(line.substring(4).trim().split("\\s+")[0]);
                    if (torch) {
                        torchKb += kb;
                    } else {
                        jvmKb += kb;
                    }
                }
            }
            out.put("    libtorch libraries' pages", torchKb / 1024);
            out.put("    JVM library, class archive and modules' pages", jvmKb / 1024);
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
