package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A project that follows the README ({@code docs/consumer}: fastdjl as a dependency, the SLF4J binding
 * the README names, the plugin versions fastdjl's build pins) builds offline. fastdjl's jars are served
 * from a temporary file repository and everything else from the local Maven repository as a read-only
 * file repository, into a throw-away local repository: nothing is installed in the shared one.
 */
class ConsumerProjectTest {

    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Pattern PLUGIN = Pattern.compile(
            "<artifactId>(maven-[a-z-]+-plugin)</artifactId><version>([^<]+)</version>");

    private static Map<String, String> pluginVersions(Path pom) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PLUGIN.matcher(Files.readString(pom));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void consumerPomPinsTheBuildsPluginVersions() throws IOException {
        Path root = Lessons.repoRoot();
        Map<String, String> build = pluginVersions(root.resolve("pom.xml"));
        Map<String, String> consumer = pluginVersions(root.resolve("docs/consumer/pom.xml"));
        for (String plugin : List.of("maven-clean-plugin", "maven-resources-plugin", "maven-compiler-plugin",
                "maven-jar-plugin", "maven-install-plugin", "maven-surefire-plugin")) {
            assertEquals(build.get(plugin), consumer.get(plugin), plugin);
        }
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains("slf4j-nop") && Files.readString(root.resolve("docs/consumer/pom.xml"))
                .contains("<artifactId>slf4j-nop</artifactId>"), "the README names the binding the consumer uses");
    }

    @Test
    void theReadmesConsumerProjectBuildsOffline() throws Exception {
        Path root = Lessons.repoRoot();
        Path shared = Path.of(System.getProperty("user.home"), ".m2", "repository");
        List<String> modules = List.of("core", "tabular", "collab");
        for (String m : modules) {
            Assumptions.assumeTrue(Files.isRegularFile(jar(root, m)), "no " + jar(root, m)
                    + " (run mvn verify from the repository root): skipping the consumer build");
        }
        Assumptions.assumeTrue(Files.isDirectory(shared), "no local Maven repository at " + shared);
        Assumptions.assumeTrue(Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "mvn"))), "no mvn on the PATH: skipping the consumer build");

        Path tmp = TestData.tempDir();
        Path served = tmp.resolve("fastdjl-repo/org/fastdjl");
        copy(root.resolve("pom.xml"), served.resolve("fastdjl-parent/" + VERSION + "/fastdjl-parent-" + VERSION + ".pom"));
        for (String m : modules) {
            String a = "fastdjl-" + m;
            copy(root.resolve(m).resolve("pom.xml"), served.resolve(a + "/" + VERSION + "/" + a + "-" + VERSION + ".pom"));
            copy(jar(root, m), served.resolve(a + "/" + VERSION + "/" + a + "-" + VERSION + ".jar"));
        }
        Path project = tmp.resolve("consumer");
        copy(root.resolve("docs/consumer/pom.xml"), project.resolve("pom.xml"));
        copy(root.resolve("docs/consumer/src/main/java/example/Quickstart.java"),
                project.resolve("src/main/java/example/Quickstart.java"));
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors><mirror><id>cache</id><mirrorOf>central</mirrorOf><url>%s</url></mirror></mirrors>
                  <profiles><profile><id>fastdjl</id>
                    <repositories><repository><id>fastdjl</id><url>%s</url>
                      <snapshots><enabled>true</enabled></snapshots></repository></repositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>fastdjl</activeProfile></activeProfiles>
                </settings>
                """.formatted(tmp.resolve("repo"), shared.toUri(), tmp.resolve("fastdjl-repo").toUri()));
        Process p = new ProcessBuilder("mvn", "-B", "-q", "-o", "-Daether.offline.protocols=file", "-Dstyle.color=never",
                "-s", settings.toString(), "-f", project.resolve("pom.xml").toString(), "package")
                .redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "mvn did not finish");
        assertEquals(0, p.exitValue(), new String(log, StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(project.resolve("target/fastdjl-consumer-1.0.jar")));
        assertTrue(Files.isRegularFile(tmp.resolve("repo/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar")));
    }

    private static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target/fastdjl-" + module + "-" + VERSION + ".jar");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
