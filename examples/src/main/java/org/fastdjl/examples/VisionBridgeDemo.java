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

/**
 * The vision bridge: an image folder ({@code train/<class>}, {@code valid/<class>}) trained with
 * {@code Vision.cnnLearner} over DJL's own blocks by the same Learner as the lessons. Without {@code
 * --data} it writes a generated stripes data set first.
 */
public final class VisionBridgeDemo {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("vision-bridge", "an image folder (`train/<class>`, "
                    + "`valid/<class>`) trained on DJL's own CNN blocks by the same Learner")
            .inputDir("data", "the image folder", "generated stripes, written to OUT/stripes")
            .choice("arch", "the model", "simple_cnn", "simple_cnn", "resnet18", "resnet34")
            .integer("size", "the image side in pixels", 32, 8)
            .integer("epochs", "epochs of fit_one_cycle", 4, 1)
            .positiveNumber("lr", "the maximum learning rate of fit_one_cycle", "1e-2")
            .outputDir("out", "where the generated images and saved models go", "out/vision-bridge")
            .outputFile("report", "write the fit's JSON report here", null)
            .run(VisionBridgeDemo::run);

    private VisionBridgeDemo() {}

    /**
     * Runs the demo from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if the images cannot be read
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the demo.
     *
     * @param args the checked options
     * @return the exit code
     * @throws Exception if the images cannot be read
     */
    static int run(Args args) throws Exception {
        Path out = args.path("out");
        int size = args.getInt("size");
        Path data = args.path("data");
        if (data == null) {
            data = SyntheticImages.stripes(out.resolve("stripes"), 96, 32, size, 42);
            System.out.println("generated stripes data set in " + data);
        }
        ImageDataBunch bunch = ImageDataBunch.fromFolder(data).optSize(size).optBs(32).build();
        System.out.println("classes " + bunch.classes() + "; " + bunch.train().size() + " train, "
                + bunch.valid().size() + " valid images of " + size + "x" + size);
        bunch.showBatch(5);
        Vision.Arch arch = Vision.Arch.valueOf(args.get("arch").toUpperCase(Locale.ROOT));
        try (VisionLearner learn = Vision.cnnLearner(bunch).optArch(arch).optMetrics(Metrics.accuracy()).optPath(out)
                .build()) {
            learn.fitOneCycle(args.getInt("epochs"), args.getDouble("lr"));
            System.out.println("learner exported to " + learn.export());
            if (args.path("report") != null) {
                new FitReport().addFit(learn.recorder(), "fit_one_cycle").put("arch", arch.name())
                        .write(args.path("report"));
            }
        }
        return 0;
    }
}
