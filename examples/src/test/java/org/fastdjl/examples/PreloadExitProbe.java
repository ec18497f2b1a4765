package org.fastdjl.examples;

import org.fastdjl.core.util.NativePreload;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the libtorch preload, waits until the dynamic loader has mapped {@code libtorch_cpu.so} (its
 * relocations and static initialisers then run for about half a second), waits the given milliseconds
 * more and exits: run by {@link PreloadExitTest}.
 */
public final class PreloadExitProbe {

    private PreloadExitProbe() {}

    /**
     * Runs the probe.
     *
     * @param args the milliseconds to wait once libtorch_cpu.so is mapped
     * @throws Exception if /proc cannot be read
     */
    public static void main(String[] args) throws Exception {
        NativePreload.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.readString(Path.of("/proc/self/maps")).contains("libtorch_cpu.so")
                && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(Long.parseLong(args[0]));
        boolean loaded = Files.readString(Path.of("/proc/self/maps")).contains("djl_torch");
        System.out.println("exiting" + (loaded ? " (libtorch already loaded)" : " while libtorch loads"));
        System.exit(0);
    }
}
