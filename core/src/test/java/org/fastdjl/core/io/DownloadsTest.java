package org.fastdjl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@link Downloads} puts data sets and pretrained models, and what it says offline. */
class DownloadsTest {

    @Test
    void pretrainedModelsGoBesideTheDataAsFastaisModelsFolder() throws IOException {
        Path home = TestData.tempDir();
        String old = System.getProperty("fastdjl.home");
        System.setProperty("fastdjl.home", home.toString());
        try {
            assertEquals("https://s3.amazonaws.com/fast-ai-modelzoo/wt103-fwd.tgz", URLs.WT103_FWD);
            assertEquals(home.resolve("data").resolve("imdb_sample"), Downloads.folderFor(URLs.IMDB_SAMPLE));
            assertEquals(home.resolve("models").resolve("wt103-fwd"), Downloads.folderFor(URLs.WT103_FWD, false));
            // offline (as every test runs), the message names the folder to fill by hand
            IOException e = assertThrows(IOException.class, () -> Downloads.untarData(URLs.WT103_FWD, false));
            assertTrue(e.getMessage().contains(home.resolve("models").resolve("wt103-fwd").toString()), e.getMessage());
            assertTrue(e.getMessage().contains("--pretrained"), e.getMessage());
            // once the files are there, nothing is fetched
            Path dir = Files.createDirectories(home.resolve("models").resolve("wt103-fwd"));
            assertEquals(dir, Downloads.untarData(URLs.WT103_FWD, false));
        } finally {
            if (old == null) {
                System.clearProperty("fastdjl.home");
            } else {
                System.setProperty("fastdjl.home", old);
            }
        }
    }
}
