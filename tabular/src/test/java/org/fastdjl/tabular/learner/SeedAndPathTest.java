package org.fastdjl.tabular.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import org.fastdjl.core.Fastdjl;
import org.fastdjl.core.TestData;
import org.fastdjl.tabular.GeneratedTables;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/**
 * One call seeds a whole run: {@code Fastdjl.setSeed} before building the data and the learner makes
 * the random split, the training shuffle ({@code databunch()} with no seed), the weights and the
 * dropout repeat, so two runs give bit-identical losses. And a learner saves under the data's path.
 */
class SeedAndPathTest {

    @AfterEach
    void forgetTheSeed() {
        Fastdjl.clearSeed();
    }

    /** Every per-batch smoothed loss and every validation loss of a two-epoch fit, with dropout. */
    private static double[] run(int seed) {
        Fastdjl.setSeed(seed);
        Table t = GeneratedTables.adultLike(600, 5);
        TabularDataBunch data = TabularList.fromTable(t).catNames("color", "size").contNames("x", "z")
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByRandPct(0.2)
                .labelFromCol("target")
                .databunch(32);
        try (TabularLearner learn = Tabular.learner(data).optLayers(20, 10).optPs(0.2f).optEmbDrop(0.1f)
                .optSilent(true).build()) {
            learn.fit(2, 1e-2);
            double[] losses = learn.recorder().losses();
            double[] valid = learn.recorder().valLosses();
            double[] all = Arrays.copyOf(losses, losses.length + valid.length);
            System.arraycopy(valid, 0, all, losses.length, valid.length);
            return all;
        }
    }

    @Test
    void twoSeededRunsAreBitIdentical() {
        double[] first = run(42);
        double[] second = run(42);
        assertEquals(first.length, second.length);
        assertArrayEquals(first, second, 0.0, "bit-identical losses");
        assertFalse(Arrays.equals(first, run(43)), "another seed gives another run, so the check can fail");
    }

    @Test
    void modelsAreSavedUnderTheDataPath() throws IOException {
        Path dir = TestData.tempDir();
        Files.writeString(dir.resolve("t.csv"), GeneratedTables.adultLike(200, 3).write().toString("csv"));
        TabularDataBunch data = TabularList.fromCsv(dir, "t.csv").catNames("color").contNames("z")
                .procs(Categorify::new, Normalize::new).splitByIdxRange(0, 40).labelFromCol("target").databunch();
        assertEquals(dir, data.path());
        try (TabularLearner learn = Tabular.learner(data).optSilent(true).build()) {
            assertEquals(dir, learn.path(), "fastai: the learner's path is the data's");
            Path saved = learn.save("stage-1");
            assertEquals(dir.resolve("models/stage-1.safetensors"), saved);
            assertTrue(Files.size(saved) > 100);
        }
        Path other = TestData.tempDir();
        try (TabularLearner learn = Tabular.learner(data).optPath(other).optSilent(true).build()) {
            assertEquals(other.resolve("models/x.safetensors"), learn.save("x"), "unless told otherwise");
        }
    }
}
