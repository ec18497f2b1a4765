package org.fastdjl.vision.learner;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.fastdjl.core.export.ExportContent;
import org.fastdjl.core.export.InputRecord;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.export.RecordPredictable;
import org.fastdjl.core.export.RecordPredictor;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.vision.data.ImageTransform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learner {@link Vision#cnnLearner} returns: a CNN over DJL's blocks that, besides training,
 * predicts images (resized and normalized as the training images were) and exports itself with its
 * architecture, classes, image size and normalization.
 *
 * <pre>{@code
 * ClassPrediction p = learn.predict(ImageFactory.getInstance().fromFile(Path.of("x.png")));
 * System.out.println(p);   // (Category vertical, tensor(1), tensor([0.0312, 0.9688]))
 * }</pre>
 */
public class VisionLearner extends Learner implements RecordPredictable {

    /** The kind of a vision learner's export. */
    public static final String EXPORT_KIND = "vision";

    /** The column a CSV of images names its files in, unless {@code --image-col} says otherwise. */
    public static final String DEFAULT_IMAGE_COLUMN = "image";

    private final Vision.Arch arch;
    private final List<String> classes;
    private final ImageTransform transform;

    VisionLearner(Learner.Builder builder, Vision.Arch arch, List<String> classes, ImageTransform transform) {
        super(builder);
        this.arch = arch;
        this.classes = List.copyOf(classes);
        this.transform = transform;
    }

    /** @return the architecture */
    public Vision.Arch arch() {
        return arch;
    }

    /** @return the class names, in output order */
    public List<String> classes() {
        return classes;
    }

    /** @return how an image becomes the model's input */
    public ImageTransform transform() {
        return transform;
    }

    /**
     * Predicts one image, as fastai's {@code learn.predict(img)}.
     *
     * @param image the image
     * @return the class, its index and the probabilities
     */
    public ClassPrediction predict(Image image) {
        return predict(List.of(image)).get(0);
    }

    /**
     * Predicts images in one forward pass.
     *
     * @param images the images
     * @return one prediction per image, in order
     */
    public List<ClassPrediction> predict(List<Image> images) {
        float[] x = new float[images.size() * transform.itemSize()];
        for (int i = 0; i < images.size(); i++) {
            transform.apply(images.get(i), x, i * transform.itemSize());
        }
        return predictArrays(x, images.size());
    }

    /**
     * Predicts image files.
     *
     * @param files the images
     * @return one prediction per file, in order
     * @throws IOException if a file cannot be read as an image (naming it)
     */
    public List<ClassPrediction> predictFiles(List<Path> files) throws IOException {
        float[] x = new float[files.size() * transform.itemSize()];
        for (int i = 0; i < files.size(); i++) {
            transform.read(files.get(i), x, i * transform.itemSize());
        }
        return predictArrays(x, files.size());
    }

    private List<ClassPrediction> predictArrays(float[] x, int n) {
        int s = transform.size();
        Predictions p = predictOn(m -> new NDList(m.create(x, new Shape(n, 3, s, s))));
        List<ClassPrediction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ClassPrediction.of(classes, p.row(i)));
        }
        return out;
    }

    /**
     * Reads image file names from a column ({@link RecordHeader#IMAGE}, {@value #DEFAULT_IMAGE_COLUMN}
     * by default), relative to the CSV's folder.
     */
    @Override
    public RecordPredictor recordPredictor(RecordHeader header) {
        String column = header.column(RecordHeader.IMAGE, DEFAULT_IMAGE_COLUMN);
        int idx = header.require(List.of(column), "the image model (set it with --image-col)")[0];
        List<String> outputs = new ArrayList<>();
        outputs.add("prediction");
        classes.forEach(c -> outputs.add("p_" + c));
        return new RecordPredictor() {
            @Override
            public List<String> outputColumns() {
                return outputs;
            }

            @Override
            public List<String[]> predict(List<InputRecord> records) {
                List<Path> files = new ArrayList<>();
                for (InputRecord r : records) {
                    String f = r.fields()[idx];
                    if (f.isBlank()) {
                        throw new IllegalArgumentException(header.source() + ", line " + r.line() + ", column '" + column
                                + "': no image file named");
                    }
                    Path p = Path.of(f);
                    files.add(header.folder() == null || p.isAbsolute() ? p : header.folder().resolve(p));
                }
                List<ClassPrediction> preds;
                try {
                    preds = predictFiles(files);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                List<String[]> out = new ArrayList<>();
                for (ClassPrediction p : preds) {
                    String[] row = new String[outputs.size()];
                    row[0] = p.label();
                    float[] probs = p.probs();
                    for (int c = 0; c < probs.length; c++) {
                        row[c + 1] = Float.toString(probs[c]);
                    }
                    out.add(row);
                }
                return out;
            }
        };
    }

    @Override
    protected ExportContent exportContent() {
        JsonObject model = new JsonObject();
        model.addProperty("arch", arch.name());
        model.addProperty("c", classes.size());
        model.addProperty("size", transform.size());
        model.addProperty("numThreads", numThreads());
        JsonObject pipeline = new JsonObject();
        JsonArray cls = new JsonArray();
        classes.forEach(cls::add);
        pipeline.add("classes", cls);
        pipeline.addProperty("size", transform.size());
        pipeline.add("mean", floats(transform.mean()));
        pipeline.add("std", floats(transform.std()));
        return new ExportContent(EXPORT_KIND, "fastdjl-vision-bridge", model, pipeline);
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float f : v) {
            a.add(f);
        }
        return a;
    }
}
