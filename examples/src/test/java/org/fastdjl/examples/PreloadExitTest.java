package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.util.NativePreload;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A command that ends while libtorch is still loading in the background (a fast failure on bad input,
 * say) exits cleanly. Without the preload's shutdown hook, exit() ran the destructors of a half-loaded
 * libtorch while its initialisers still ran on the preload thread: the JVM died with SIGSEGV in
 * {@code c10::Dispatcher::findOp} (exit code 134) or hung on the dispatcher's lock (seen 2 times in 10
 * with an exit 500-600 ms after the start; the timing makes it hard to hit on purpose).
 */
class PreloadExitTest {

    @Test
    void awaitLoadedReturnsOnceTheLibrariesAreIn() throws Exception {
        NativePreload.start();
        assertTrue(NativePreload.awaitLoaded(60_000));
        assertTrue(Files.readString(Path.of("/proc/self/maps")).contains("djl_torch"),
                "the JNI library is the last one loaded");
    }

    @Test
    void exitingWhileLibtorchLoadsIsClean() throws Exception {
        String cp = String.join(File.pathSeparator, ForkedJvm.classPath());
        // exit 20 and 150 ms after the dynamic loader mapped libtorch_cpu.so: inside its initialisers
        for (long ms : new long[] {20, 150}) {
            ForkedJvm.Result r = ForkedJvm.run(List.of(ForkedJvm.java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", cp,
                    PreloadExitProbe.class.getName(), Long.toString(ms)), Map.of());
            assertEquals(0, r.exitCode(), "exit after " + ms + " ms: " + r.stdout() + r.stderr());
            assertTrue(r.stdout().startsWith("exiting"), r.stdout());
            if (ms == 20) { // libtorch_cpu's initialisers take far more than 20 ms: the exit began mid-load
                assertTrue(r.stdout().contains("while libtorch loads"), r.stdout());
            }
            assertFalse(r.stderr().contains("fatal error") || r.stdout().contains("SIGSEGV"), r.stderr());
        }
    }
}
