package org.fastdjl.vision.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.ImageFactory;

import org.fastdjl.core.ForkedJvm;
import org.fastdjl.core.TestData;
import org.fastdjl.core.export.CsvPredict;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Learners;
import org.fastdjl.vision.data.ImageDataBunch;
import org.fastdjl.vision.data.SyntheticImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A CNN learner exported, then loaded in a new JVM with no image folder: the same probabilities, bit for bit. */
class VisionExportTest {

    private static Path dir;
    private static VisionLearner learn;
    private static Path export;
    private static List<Path> images;

    @BeforeAll
    static void trainAndExport() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(9);
        dir = SyntheticImages.stripes(TestData.tempDir(), 24, 6, 24, 9);
        ImageDataBunch data = ImageDataBunch.fromFolder(dir).optSize(24).optBs(16).build();
        learn = Vision.cnnLearner(data).optArch(Vision.Arch.SIMPLE_CNN).optSilent(true).optPath(dir).build();
        learn.fitOneCycle(2, 2e-2);
        export = learn.export();
        try (Stream<Path> s = Files.walk(dir.resolve("valid"))) {
            images = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    static String bits(ClassPrediction p) {
        StringBuilder sb = new StringBuilder(p.label());
        for (float v : p.probs()) {
            sb.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
        }
        return sb.toString();
    }

    /**
     * The other JVM: loads the export and prints the bits of {@code predict(image)} for each file, then of
     * one batch of all of them.
     *
     * @param args the export, then the image files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (VisionLearner loaded = Learners.load(Path.of(args[0]), VisionLearner.class)) {
            List<Path> files = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                files.add(Path.of(args[i]));
                System.out.println(bits(loaded.predict(ImageFactory.getInstance().fromFile(Path.of(args[i])))));
            }
            loaded.predictFiles(files).forEach(p -> System.out.println(bits(p)));
        }
    }

    @Test
    void exportLoadedInANewJvmPredictsTheSameBits() throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(export.toString());
        for (Path p : images) {
            expected.add(bits(learn.predict(ImageFactory.getInstance().fromFile(p))));
            args.add(p.toString());
        }
        learn.predictFiles(images).forEach(p -> expected.add(bits(p)));
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Xmx256m"), VisionExportTest.class.getName(), 120,
                args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(expected, r.stdout().lines().toList());
        long right = images.stream().filter(p -> learn.predict(load(p)).label().equals(p.getParent().getFileName()
                .toString())).count();
        System.out.println("simple_cnn after 2 epochs: " + right + "/" + images.size() + " validation images right");
    }

    private static ai.djl.modality.cv.Image load(Path p) {
        try {
            return ImageFactory.getInstance().fromFile(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCsvOfImageFilesIsPredictedRelativeToItsFolder() throws IOException {
        try (VisionLearner loaded = Learners.load(export, VisionLearner.class)) {
            Path csv = dir.resolve("images.csv");
            StringBuilder sb = new StringBuilder("file,truth\n");
            for (Path p : images) {
                sb.append(dir.relativize(p)).append(',').append(p.getParent().getFileName()).append('\n');
            }
            Files.writeString(csv, sb);
            Path out = dir.resolve("preds.csv");
            assertEquals(images.size(), CsvPredict.run(loaded, csv, out, 5, Map.of(RecordHeader.IMAGE, "file")).rows());
            List<String> lines = Files.readAllLines(out);
            assertEquals("file,truth,prediction,p_horizontal,p_vertical", lines.get(0));
            ClassPrediction first = learn.predictFiles(images.subList(0, 5)).get(0);
            assertTrue(lines.get(1).endsWith("," + first.label() + "," + first.probs()[0] + "," + first.probs()[1]),
                    lines.get(1));
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> CsvPredict.run(loaded, csv, out, 5, Map.of()));
            assertTrue(e.getMessage().contains("has no column 'image'") && e.getMessage().contains("--image-col"),
                    e.getMessage());
        }
    }
}
