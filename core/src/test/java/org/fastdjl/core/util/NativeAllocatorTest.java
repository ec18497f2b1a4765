package org.fastdjl.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The build's tests run with glibc's malloc tuned as the launcher tunes it, and then nothing is warned. */
class NativeAllocatorTest {

    @Test
    void theTestJvmHasTheLaunchersMallocSettings() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertTrue(NativeAllocator.isTuned(), "no glibc: nothing to tune");
            return;
        }
        NativeAllocator.SETTINGS.forEach((name, value) ->
                assertEquals(value, System.getenv(name), name + " in surefire's environment (pom.xml)"));
        assertTrue(NativeAllocator.isTuned());
        assertEquals("MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736",
                NativeAllocator.environment(), "the line the warning and the launcher give");
        List<String> warned = new ArrayList<>();
        Consumer<String> previous = Warnings.setSink(warned::add);
        try {
            NativeAllocator.warnIfUntuned("a test model");
        } finally {
            Warnings.setSink(previous);
        }
        assertEquals(List.of(), warned);
    }
}
