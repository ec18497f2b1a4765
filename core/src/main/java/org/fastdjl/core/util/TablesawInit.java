package org.fastdjl.core.util;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Initialises Tablesaw's {@code Table} class cheaply. Its static initialiser registers the table readers
 * and writers it finds with a ClassGraph scan of the whole class path, which opens every jar there and
 * reads its directory: with DJL, libtorch, ICU and fastutil on the class path that scan costs about
 * 0.35 s of CPU at every start (measured with the {@link Breakdown}). Scanning only Tablesaw's own jars
 * finds the same readers and writers; this class makes the scan see only those, by narrowing the {@code
 * java.class.path} property (which is what ClassGraph reads; the class loaders read it once at JVM start
 * and never again) while {@code Table} initialises, and restoring it right after.
 *
 * <p>Call it once, first thing in {@code main}, before any other thread runs and before anything
 * touches a {@code Table}; later calls do nothing. When {@code Table} is already initialised it costs
 * nothing either. If Tablesaw is not on the class path it does nothing.
 */
public final class TablesawInit {

    private static boolean done;

    private TablesawInit() {}

    /** Initialises {@code tech.tablesaw.api.Table} with the scan narrowed to Tablesaw's jars. */
    public static synchronized void initialize() {
        if (done) {
            return;
        }
        done = true;
        String classPath = System.getProperty("java.class.path");
        if (classPath == null) {
            return;
        }
        List<String> tablesaw = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (new File(entry).getName().startsWith("tablesaw")) {
                tablesaw.add(entry);
            }
        }
        if (tablesaw.isEmpty()) {
            return; // not run from jars (an IDE's class folders): leave the scan as it is
        }
        System.setProperty("java.class.path", String.join(File.pathSeparator, tablesaw));
        try {
            Class.forName("tech.tablesaw.api.Table", true, TablesawInit.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) { // NOPMD: the first real use reports it
            // Tablesaw is absent or broken: nothing to speed up
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }
}
