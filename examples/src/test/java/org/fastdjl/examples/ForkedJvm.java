package org.fastdjl.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Runs fresh JVMs and the launcher from tests: the test class path, jars of it, the exit code and output. */
final class ForkedJvm {

    private ForkedJvm() {}

    /** A finished child process. */
    record Result(int exitCode, String stdout, String stderr) {}

    /**
     * The test's class path, one entry each: surefire's property when it is set, else {@code
     * java.class.path}, expanded through a manifest-only jar's {@code Class-Path}.
     *
     * @return the entries
     * @throws IOException if a manifest cannot be read
     */
    static List<String> classPath() throws IOException {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>(Arrays.asList(cp.split(File.pathSeparator)));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            try (JarFile jar = new JarFile(entries.get(0))) {
                Manifest mf = jar.getManifest();
                String classPath = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (classPath != null) {
                    entries.clear();
                    for (String url : classPath.trim().split("\\s+")) {
                        entries.add(Path.of(java.net.URI.create(url)).toString());
                    }
                }
            }
        }
        return entries;
    }

    /** @return the java binary of this JVM */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs a command and waits for it.
     *
     * @param cmd the command line
     * @param env extra environment variables
     * @return its exit code and output
     * @throws Exception if it cannot be started or does not end within two minutes
     */
    static Result run(List<String> cmd, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile("fastdjl-fork", ".out");
        Path err = Files.createTempFile("fastdjl-fork", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not end in two minutes: " + cmd);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /**
     * The test class path with every folder of classes packed into a jar (class-data archives take
     * classes from jars only).
     *
     * @param dir where the jars go
     * @return the class path, jars only
     * @throws IOException if a jar cannot be written
     */
    static String jarredClassPath(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : classPath()) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = dir.resolve("classes-" + (n++) + ".jar");
                jar(p, jar);
                out.add(jar.toString());
            } else if (Files.exists(p)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static void jar(Path folder, Path jar) throws IOException {
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(f)) {
                    jos.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
        }
    }
}
