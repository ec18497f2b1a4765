package org.fastdjl.core.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.io.AtomicFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class SaveLoadTest {

    @Test
    void saveThenLoadGivesIdenticalPredictions() throws IOException {
        Path dir = TestData.tempDir();
        DataBunch data = TestData.regression(256, 32, 6);
        float[] before;
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).optPath(dir).build()) {
            learn.fitOneCycle(2, 1e-2);
            before = learn.getPreds(DatasetType.VALID).values();
            Path file = learn.save("stage-1");
            assertTrue(Files.size(file) > 0);
            assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var",
                    "3.weight", "3.bias"), List.copyOf(learn.stateDict().keySet()));
        }
        try (Learner other = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).optPath(dir).build()) {
            float[] fresh = other.getPreds(DatasetType.VALID).values();
            assertFalse(java.util.Arrays.equals(before, fresh), "a fresh model should predict differently");
            other.load("stage-1");
            assertArrayEquals(before, other.getPreds(DatasetType.VALID).values());
        }
    }

    @Test
    void loadingIntoAnotherShapeNamesTheKey() throws IOException {
        Path dir = TestData.tempDir();
        DataBunch data = TestData.regression(64, 32, 7);
        try (Learner learn = Learner.builder(data, TestData.mlp(8, 1)).optSilent(true).optPath(dir).build()) {
            learn.save("m");
        }
        try (Learner other = Learner.builder(data, TestData.mlp(5, 1)).optSilent(true).optPath(dir).build()) {
            IOException e = assertThrows(IOException.class, () -> other.load("m"));
            assertTrue(e.getMessage().contains("key 0.weight has shape (8, 3) in the file, the model expects (5, 3)"),
                    e.getMessage());
            IOException missing = assertThrows(IOException.class, () -> other.load("nope"));
            assertTrue(missing.getMessage().contains("nope.safetensors"), missing.getMessage());
        }
    }

    @Test
    void failedWriteLeavesThePreviousFile() throws IOException {
        Path file = TestData.tempDir().resolve("x.txt");
        AtomicFiles.writeString(file, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "a new file gets the usual permissions, not the temp file's");
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }
}
