package org.fastdjl.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DataBunch;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Learners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The export file: written, read back, and every way a bad file is refused by name. */
class ExportFileTest {

    private static final float[] X = {0.1f, -1.2f, 2f, 1f, 1f, 1f, -3f, 0.5f, 0.25f};
    private static Path export;
    private static float[] expected;

    @BeforeAll
    static void train() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        DataBunch data = TestData.regression(256, 32, 3);
        try (MlpLearner learn = MlpLearner.of(data, 8)) {
            learn.setPath(TestData.tempDir());
            learn.fitOneCycle(2, 1e-2);
            expected = learn.predict(X);
            export = learn.export();
        }
    }

    @Test
    void exportIsAZipOfManifestPipelineAndWeightsThatLoadsBackToTheSamePredictions() throws IOException {
        assertEquals("export.fdjl", export.getFileName().toString());
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(export.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
            JsonObject manifest = JsonParser.parseString(new String(zip.getInputStream(zip.getEntry("manifest.json"))
                    .readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            assertEquals("fastdjl-export", manifest.get("format").getAsString());
            assertEquals(ExportFile.FORMAT_VERSION, manifest.get("formatVersion").getAsInt());
            assertEquals("test-mlp", manifest.get("kind").getAsString());
            assertEquals(8, manifest.getAsJsonObject("model").get("hidden").getAsInt());
        }
        assertEquals(List.of("manifest.json", "pipeline.json", "weights.safetensors"), names);
        try (Learner loaded = Learners.load(export)) {
            assertTrue(loaded instanceof MlpLearner);
            assertArrayEquals(expected, ((MlpLearner) loaded).predict(X), "bit-identical predictions");
            assertEquals(0, loaded.data().train().size(), "no training data comes with an export");
        }
        try (MlpLearner typed = Learners.load(export, MlpLearner.class)) {
            assertArrayEquals(expected, typed.predict(X));
        }
    }

    @Test
    void aFlippedByteIsRefusedAsCorrupted() throws IOException {
        byte[] bytes = Files.readAllBytes(export);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int manifest = latin.indexOf("manifest.json") + 13 + 20;          // in the deflated manifest
        int pipeline = latin.indexOf("pipeline.json") + 13 + 10;          // in the deflated pipeline
        int header = latin.indexOf("weights.safetensors") + 19 + 60;      // in the safetensors header
        for (int at : new int[] {manifest, pipeline, header, bytes.length / 2}) {
            byte[] copy = bytes.clone();
            copy[at] ^= 0x10;
            Path bad = write("corrupted.fdjl", copy);
            ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(bad),
                    "flipped byte at " + at);
            assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("corrupted"), e.getMessage());
        }
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(export);
        for (int len : new int[] {bytes.length / 2, bytes.length - 300, 100, 3}) {
            Path bad = write("truncated.fdjl", java.util.Arrays.copyOf(bytes, len));
            ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(bad),
                    "truncated to " + len + " bytes");
            assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAnExportSaysSo() throws IOException {
        Path csv = write("data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(csv));
        assertTrue(e.getMessage().contains(csv + " is not a fastdjl export: it is not a zip archive"), e.getMessage());

        Path otherZip = TestData.tempDir().resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(otherZip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        e = assertThrows(ExportFormatException.class, () -> Learners.load(otherZip));
        assertTrue(e.getMessage().contains("not a fastdjl export: its first entry is 'readme.txt'"), e.getMessage());

        assertThrows(java.nio.file.NoSuchFileException.class, () -> Learners.load(csv.resolveSibling("none.fdjl")));
    }

    @Test
    void aNewerFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path newer = rewriteManifest("newer.fdjl", m -> m.addProperty("formatVersion", ExportFile.FORMAT_VERSION + 1));
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(newer));
        assertTrue(e.getMessage().contains(newer + " was written in export format version " + (ExportFile.FORMAT_VERSION + 1))
                && e.getMessage().contains("reads versions up to " + ExportFile.FORMAT_VERSION), e.getMessage());
    }

    @Test
    void aKindWithNoLoaderNamesTheModuleToAdd() throws IOException {
        Path text = rewriteManifest("text.fdjl", m -> {
            m.addProperty("kind", "text_classifier");
            m.addProperty("module", "fastdjl-text");
        });
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(text));
        assertTrue(e.getMessage().contains("holds a 'text_classifier' learner")
                && e.getMessage().contains("add the module fastdjl-text (org.fastdjl:fastdjl-text)"), e.getMessage());
    }

    @Test
    void aLoaderRefusesInvalidContentNamingTheFile() throws IOException {
        Path bad = rewriteManifest("no-hidden.fdjl", m -> m.getAsJsonObject("model").remove("hidden"));
        ExportFormatException e = assertThrows(ExportFormatException.class, () -> Learners.load(bad));
        assertTrue(e.getMessage().contains(bad + " (a 'test-mlp' export): no 'hidden' in the model"), e.getMessage());
        Path odd = rewriteManifest("odd-hidden.fdjl", m -> m.getAsJsonObject("model").addProperty("hidden", "many"));
        e = assertThrows(ExportFormatException.class, () -> Learners.load(odd));
        assertTrue(e.getMessage().startsWith(odd + ": cannot build its 'test-mlp' learner"), e.getMessage());
    }

    @Test
    void theWrongLearnerClassIsNamed() {
        class OtherLearner extends Learner {
            OtherLearner(Builder b) {
                super(b);
            }
        }
        ExportFormatException e = assertThrows(ExportFormatException.class,
                () -> Learners.load(export, OtherLearner.class));
        assertTrue(e.getMessage().contains("holds a MlpLearner, not a OtherLearner"), e.getMessage());
    }

    @Test
    void aLearnerWithoutAnApplicationCannotExport() {
        try (Learner plain = Learner.builder(TestData.regression(64, 32, 1), TestData.mlp(4, 1)).optSilent(true).build()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> plain.export(TestData.tempDir().resolve("x.fdjl")));
            assertTrue(e.getMessage().contains("cannot be exported"), e.getMessage());
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path p = TestData.tempDir().resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Copies the export with an edited manifest, as a writer of another version or kind would write it. */
    private static Path rewriteManifest(String name, java.util.function.Consumer<JsonObject> edit) throws IOException {
        Path out = TestData.tempDir().resolve(name);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(export));
                ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    JsonObject m = JsonParser.parseString(new String(b, StandardCharsets.UTF_8)).getAsJsonObject();
                    edit.accept(m);
                    b = m.toString().getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(b);
                z.closeEntry();
            }
        }
        return out;
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
