package org.fastdjl.examples;

import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.vision.data.ImageDataBunch;
import org.fastdjl.vision.data.SyntheticImages;
import org.fastdjl.vision.learner.Vision;
import org.fastdjl.vision.learner.VisionLearner;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The vision bridge: an image folder ({@code train/<class>}, {@code valid/<class>}) trained with
 * {@code Vision.cnnLearner} over DJL's own blocks by the same Learner as the lessons. Without {@code
 * --data} it writes a generated stripes data set first.
 */
public final class VisionBridgeDemo {

    private VisionBridgeDemo() {}

    /**
     * Runs the demo.
     *
     * @param argv {@code [--data DIR] [--arch simple_cnn|resnet18|resnet34] [--size N] [--epochs N] [--lr X]
     *     [--report FILE] [--out DIR]}
     * @return the exit code
     * @throws Exception if the images cannot be read
     */
    public static int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("data", "arch", "size", "epochs", "lr", "report", "out"), Set.of());
        Path out = args.path("out") != null ? args.path("out") : Path.of("out", "vision-bridge");
        int size = args.getInt("size", 32);
        Path data = args.path("data");
        if (data == null) {
            data = SyntheticImages.stripes(out.resolve("stripes"), 96, 32, size, 42);
            System.out.println("generated stripes data set in " + data);
        }
        ImageDataBunch bunch = ImageDataBunch.fromFolder(data).optSize(size).optBs(32).build();
        System.out.println("classes " + bunch.classes() + "; " + bunch.train().size() + " train, "
                + bunch.valid().size() + " valid images of " + size + "x" + size);
        bunch.showBatch(5);
        Vision.Arch arch = Vision.Arch.valueOf(args.get("arch", "simple_cnn").toUpperCase(Locale.ROOT));
        try (VisionLearner learn = Vision.cnnLearner(bunch).optArch(arch).optMetrics(Metrics.accuracy()).optPath(out)
                .build()) {
            learn.fitOneCycle(args.getInt("epochs", 4), args.getDouble("lr", 1e-2));
            System.out.println("learner exported to " + learn.export());
            if (args.path("report") != null) {
                new FitReport().addFit(learn.recorder(), "fit_one_cycle").put("arch", arch.name())
                        .write(args.path("report"));
            }
        }
        return 0;
    }
}
