package org.fastdjl.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.vision.data.ImageDataBunch;
import org.fastdjl.vision.data.SyntheticImages;
import org.fastdjl.vision.learner.Vision;
import org.fastdjl.vision.learner.VisionLearner;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Learners;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class VisionBridgeTest {

    @Test
    void aSmallCnnOfDjlBlocksLearnsStripes() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(1);
        Path dir = SyntheticImages.stripes(TestData.tempDir(), 64, 32, 24, 1);
        ImageDataBunch data = ImageDataBunch.fromFolder(dir).optSize(24).optBs(16).build();
        assertEquals(List.of("horizontal", "vertical"), data.classes());
        assertEquals(8, data.train().numBatches());
        try (Learner learn = Vision.cnnLearner(data).optArch(Vision.Arch.SIMPLE_CNN)
                .optMetrics(Metrics.accuracy()).optSilent(true).build()) {
            learn.fitOneCycle(8, 2e-2);
            double acc = learn.recorder().metrics().get(7)[0];
            System.out.println("simple_cnn on stripes: valid accuracy " + acc);
            assertTrue(acc >= 0.9, "accuracy " + acc);
            float[] p = learn.getPreds(DatasetType.VALID).row(0);
            assertEquals(1.0, p[0] + p[1], 1e-5);
        }
    }

    @Test
    void djlResNetTrainsFreezesAndSavesUnderTheCore() throws IOException {
        ai.djl.engine.Engine.getInstance().setRandomSeed(2);
        Path dir = SyntheticImages.stripes(TestData.tempDir(), 8, 4, 32, 2);
        ImageDataBunch data = ImageDataBunch.fromFolder(dir).optSize(32).optBs(8).build();
        try (VisionLearner learn = Vision.cnnLearner(data).optArch(Vision.Arch.RESNET18).optSilent(true)
                .optPath(TestData.tempDir()).build()) {
            Map<String, Parameter> sd = learn.stateDict();
            assertEquals(sd.size(), learn.model().getParameters().size(), "every parameter has its own key");
            assertTrue(sd.keySet().stream().anyMatch(k -> k.endsWith("running_mean")), sd.keySet().toString());
            learn.freeze();
            Parameter firstConv = sd.values().iterator().next();
            float[] before = firstConv.getArray().toFloatArray();
            learn.fit(1, 1e-3);
            assertArrayEquals(before, firstConv.getArray().toFloatArray(), "frozen body moved");
            learn.unfreeze();
            learn.fit(1, 1e-3);
            assertFalse(java.util.Arrays.equals(before, firstConv.getArray().toFloatArray()));
            float[] preds = learn.getPreds(DatasetType.VALID).values();
            learn.save("resnet");
            learn.fit(1, 1e-2);
            learn.load("resnet");
            assertArrayEquals(preds, learn.getPreds(DatasetType.VALID).values(), 1e-6f);
            // exported and loaded: the same ResNet (BatchNorm statistics included) predicts the same bits
            List<Path> images;
            try (java.util.stream.Stream<Path> s = Files.walk(dir.resolve("valid"))) {
                images = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            }
            try (VisionLearner loaded = Learners.load(learn.export(), VisionLearner.class)) {
                assertEquals(Vision.Arch.RESNET18, loaded.arch());
                List<ClassPrediction> a = learn.predictFiles(images);
                List<ClassPrediction> b = loaded.predictFiles(images);
                for (int i = 0; i < a.size(); i++) {
                    assertArrayEquals(a.get(i).probs(), b.get(i).probs());
                }
            }
        }
    }

    @Test
    void badFoldersAreNamed() throws IOException {
        Path dir = SyntheticImages.stripes(TestData.tempDir(), 2, 1, 16, 3);
        Files.createDirectories(dir.resolve("valid/diagonal"));
        Files.writeString(dir.resolve("valid/diagonal/x.png"), "not a png");
        IOException e = assertThrows(IOException.class, () -> ImageDataBunch.fromFolder(dir).build());
        assertTrue(e.getMessage().contains("valid/diagonal is not a training class"), e.getMessage());
        Files.delete(dir.resolve("valid/diagonal/x.png"));
        Files.delete(dir.resolve("valid/diagonal"));
        Files.writeString(dir.resolve("train/vertical/broken.png"), "not a png");
        IOException e2 = assertThrows(IOException.class, () -> ImageDataBunch.fromFolder(dir).build());
        assertTrue(e2.getMessage().contains("cannot read image") && e2.getMessage().contains("broken.png"),
                e2.getMessage());
        IOException e3 = assertThrows(IOException.class,
                () -> ImageDataBunch.fromFolder(dir.resolve("nowhere")).build());
        assertTrue(e3.getMessage().contains("no folder"), e3.getMessage());
    }
}
