package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * The launcher's class-data sharing, run for real: the first start records the archive, later starts map
 * it, and a JVM that refuses the archive (corrupt file, a jar changed behind the launcher's back,
 * another JDK) still runs the command, with the same output and no warning. The launcher runs on this
 * test's class path (its folders packed into jars, as the archive needs) and records from {@code help}
 * instead of the full training run, to stay fast.
 */
class LauncherCdsTest {

    private static final Path LAUNCHER = Path.of(System.getProperty("fastdjl.root", ".."), "fastdjl");
    private static final String SHARED = "source: shared objects file (top)";
    private static String classPath;

    @BeforeAll
    static void jars() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        assumeTrue(Files.isRegularFile(LAUNCHER), "no launcher at " + LAUNCHER);
        classPath = ForkedJvm.jarredClassPath(Files.createDirectories(TestData.tempDir().resolve("jars")));
    }

    private static ForkedJvm.Result launch(Path cds, Path classLog, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FASTDJL_CLASSPATH", classPath);
        env.put("FASTDJL_CDS_DIR", cds.toString());
        env.put("FASTDJL_CDS_TRAINING", "help");
        env.put("JAVA", ForkedJvm.java());
        env.put("FASTDJL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        env.putAll(extra);
        return ForkedJvm.run(List.of("/bin/bash", LAUNCHER.toString(), "help"), env);
    }

    private static Path archive(Path cds) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(cds, "*.jsa")) {
            for (Path p : ds) {
                return p;
            }
        }
        throw new IOException("no archive in " + cds);
    }

    private static boolean mainFromArchive(Path classLog) throws IOException {
        for (String line : Files.readAllLines(classLog)) {
            if (line.contains(" " + Main.class.getName() + " ")) {
                return line.contains(SHARED);
            }
        }
        throw new IOException("Main was not loaded? " + classLog);
    }

    /** The usage text, and nothing about CDS: the user sees the same whether the archive served or not. */
    private static void assertPlainHelp(ForkedJvm.Result r) {
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        String all = r.stdout() + r.stderr();
        assertTrue(all.contains("usage: ./fastdjl"), all);
        assertFalse(all.contains("[cds") || all.contains("shared archive") || all.contains("recording"), all);
    }

    private static Path recorded() throws Exception {
        Path cds = TestData.tempDir().resolve("cds");
        Path log = TestData.tempDir().resolve("first.log");
        ForkedJvm.Result first = launch(cds, log, Map.of());
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        assertTrue(first.stderr().contains("recording the class-data archive"), first.stderr());
        assertTrue(Files.size(archive(cds)) > 100_000, "archive size " + Files.size(archive(cds)));
        return cds;
    }

    @Test
    void theFirstRunRecordsTheArchiveAndLaterRunsStartFromIt() throws Exception {
        Path cds = recorded();
        Path log = TestData.tempDir().resolve("second.log");
        ForkedJvm.Result second = launch(cds, log, Map.of());
        assertPlainHelp(second);
        assertTrue(mainFromArchive(log), "the second start should load Main from the archive");

        Path plain = TestData.tempDir().resolve("plain.log");
        assertPlainHelp(launch(cds, plain, Map.of("FASTDJL_CDS", "0")));
        assertFalse(mainFromArchive(plain), "FASTDJL_CDS=0 starts without the archive");
    }

    @Test
    void aCorruptArchiveFallsBackToAPlainStart() throws Exception {
        Path cds = recorded();
        Path archive = archive(cds);
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Files.write(archive, junk);
        Path log = TestData.tempDir().resolve("corrupt.log");
        assertPlainHelp(launch(cds, log, Map.of()));
        assertFalse(mainFromArchive(log));
    }

    @Test
    void aJarChangedBehindTheLaunchersBackFallsBackToAPlainStart() throws Exception {
        Path cds = recorded();
        Path archive = archive(cds);
        // rewrite one jar of the class path with other contents but an old time stamp: the launcher
        // sees nothing newer than its archive and passes it; the JVM sees the size changed and refuses
        Path jar = Path.of(classPath.split(File.pathSeparator)[0]);
        assertTrue(jar.toString().contains("classes-"), jar.toString());
        Path copy = jar.resolveSibling("copy.jar");
        Files.copy(jar, copy);
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(jar));
                java.util.jar.JarFile in = new java.util.jar.JarFile(copy.toFile())) {
            for (var e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                jos.putNextEntry(new ZipEntry(entry.getName()));
                in.getInputStream(entry).transferTo(jos);
                jos.closeEntry();
            }
            jos.putNextEntry(new ZipEntry("changed.txt"));
            jos.write("changed".getBytes());
            jos.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        assertTrue(Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(archive)) < 0);
        Path log = TestData.tempDir().resolve("changed.log");
        assertPlainHelp(launch(cds, log, Map.of()));
        assertFalse(mainFromArchive(log), "the JVM should have refused the archive");
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Another JDK under /usr/lib/jvm than the one running the tests, or {@code null}. */
    private static Path otherJdk() throws IOException {
        Path other = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : ds) {
                Path java = jdk.resolve("bin/java");
                if (Files.isExecutable(java) && !java.toRealPath().equals(Path.of(ForkedJvm.java()).toRealPath())
                        && !jdk.getFileName().toString().contains("17")) {
                    other = java;
                }
            }
        } catch (IOException e) {
            // no /usr/lib/jvm
        }
        return other;
    }

    @Test
    void aJavaCommandThatNowRunsAnotherJdkGetsItsArchiveRecordedAgain() throws Exception {
        Path other = otherJdk();
        assumeTrue(other != null, "no second JDK under /usr/lib/jvm (e.g. temurin-25)");
        Path bin = Files.createDirectories(TestData.tempDir().resolve("bin"));
        Path java = bin.resolve("java"); // one command, as /usr/bin/java is, switched between JDKs
        Files.createSymbolicLink(java, Path.of(ForkedJvm.java()));
        Path cds = TestData.tempDir().resolve("cds");
        Map<String, String> env = Map.of("JAVA", java.toString());
        ForkedJvm.Result first = launch(cds, TestData.tempDir().resolve("a.log"), env);
        assertTrue(first.stderr().contains("recording"), first.stderr());
        assertPlainHelp(launch(cds, TestData.tempDir().resolve("b.log"), env));
        Files.delete(java);
        Files.createSymbolicLink(java, other);
        Path log = TestData.tempDir().resolve("c.log");
        ForkedJvm.Result switched = launch(cds, log, env);
        assertEquals(0, switched.exitCode(), switched.stdout() + switched.stderr());
        assertTrue(switched.stderr().contains("recording the class-data archive"), switched.stderr());
        Path again = TestData.tempDir().resolve("d.log");
        assertPlainHelp(launch(cds, again, env));
        assertTrue(mainFromArchive(again), "the other JDK starts from its own archive");
    }

    @Test
    void anotherJdkRefusesTheArchiveAndStartsPlainly() throws Exception {
        Path other = otherJdk();
        assumeTrue(other != null, "no second JDK under /usr/lib/jvm (e.g. temurin-25)");
        Path cds = recorded();
        // put this JDK's archive where the launcher looks for the other JDK's, recorded (so it says) by
        // that JDK and newer than every jar: the launcher passes it, the other JVM refuses it
        String name = "fastdjl" + other.toString().replaceAll("[^A-Za-z0-9._-]", "_") + ".jsa";
        Path foreign = cds.resolve(name);
        Files.copy(archive(cds), foreign);
        Files.writeString(cds.resolve(name + ".jvm"), other.toRealPath() + "\n");
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().plusSeconds(60)));
        Path log = TestData.tempDir().resolve("other-jdk.log");
        ForkedJvm.Result r = launch(cds, log, Map.of("JAVA", other.toString()));
        assertPlainHelp(r);
        assertFalse(mainFromArchive(log), "another JDK should refuse this JDK's archive");
    }
}
