package org.fastdjl.core.learner;

import ai.djl.Device;
import ai.djl.engine.Engine;

import org.fastdjl.core.export.ExportFile;
import org.fastdjl.core.export.ExportFormatException;
import org.fastdjl.core.export.ExportedLearner;
import org.fastdjl.core.export.LearnerLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Loads an exported learner, as fastai's {@code load_learner}: reads and checks the file written by
 * {@link Learner#export}, finds the loader of its kind on the class path (each application module
 * registers one, see {@link LearnerLoader}) and returns the learner, ready to predict, with an empty data
 * bunch: no training data is needed, or kept.
 *
 * <pre>{@code
 * TabularLearner learn = Learners.load(Path.of("export.fdjl"), TabularLearner.class);
 * TabularPrediction p = learn.predict(row);
 * }</pre>
 */
public final class Learners {

    private Learners() {}

    /**
     * Loads an exported learner on DJL's default device.
     *
     * @param file the export
     * @return the learner (cast it to its application's class, or use {@link #load(Path, Class)})
     * @throws ExportFormatException if the file is not an export, is truncated or corrupted, comes from
     *     a newer format version, or is of a kind no loader on the class path reads (naming the module to
     *     add)
     * @throws IOException if it cannot be read
     */
    public static Learner load(Path file) throws IOException {
        return load(file, (Device) null);
    }

    /**
     * Loads an exported learner on a device.
     *
     * @param file the export
     * @param device where the model and its predictions live, or {@code null} for DJL's default device
     * @return the learner
     * @throws IOException as {@link #load(Path)}
     */
    public static Learner load(Path file, Device device) throws IOException {
        ExportedLearner export = ExportFile.read(file); // a bad file is refused before the engine starts
        if (device == null) {
            device = Engine.getInstance().defaultDevice();
        }
        Map<String, LearnerLoader> loaders = loaders();
        LearnerLoader loader = loaders.get(export.kind());
        if (loader == null) {
            throw new ExportFormatException(file + " holds a '" + export.kind() + "' learner, and no loader for that"
                    + " kind is on the class path: add the module " + export.module() + " (org.fastdjl:"
                    + export.module() + ") to it" + (loaders.isEmpty() ? "" : " (kinds it can load now: "
                    + new ArrayList<>(loaders.keySet()) + ")"));
        }
        try {
            return loader.load(export, device);
        } catch (RuntimeException e) {
            throw new ExportFormatException(file + ": cannot build its '" + export.kind() + "' learner: " + e, e);
        }
    }

    /**
     * Loads an exported learner of a known class on DJL's default device.
     *
     * @param file the export
     * @param type the learner class expected, e.g. {@code TabularLearner.class}
     * @param <T> that class
     * @return the learner
     * @throws IOException as {@link #load(Path)}, or if it holds another kind of learner
     */
    public static <T extends Learner> T load(Path file, Class<T> type) throws IOException {
        return load(file, type, null);
    }

    /**
     * Loads an exported learner of a known class on a device.
     *
     * @param file the export
     * @param type the learner class expected
     * @param device where the model and its predictions live, or {@code null} for DJL's default device
     * @param <T> that class
     * @return the learner
     * @throws IOException as {@link #load(Path)}, or if it holds another kind of learner
     */
    public static <T extends Learner> T load(Path file, Class<T> type, Device device) throws IOException {
        Learner learner = load(file, device);
        if (!type.isInstance(learner)) {
            String held = learner.getClass().getSimpleName();
            learner.close();
            throw new ExportFormatException(file + " holds a " + held + ", not a " + type.getSimpleName());
        }
        return type.cast(learner);
    }

    /** The loaders on the class path by kind: the context class loader's, then this library's. */
    private static Map<String, LearnerLoader> loaders() {
        Map<String, LearnerLoader> out = new LinkedHashMap<>();
        List<ClassLoader> cls = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            cls.add(Thread.currentThread().getContextClassLoader());
        }
        cls.add(Learners.class.getClassLoader());
        for (ClassLoader cl : cls) {
            for (LearnerLoader l : ServiceLoader.load(LearnerLoader.class, cl)) {
                for (String k : l.kinds()) {
                    out.putIfAbsent(k, l);
                }
            }
        }
        return out;
    }
}
