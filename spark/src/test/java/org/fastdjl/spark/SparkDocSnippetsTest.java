package org.fastdjl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * The README's Spark snippets ({@code ```java spark} blocks: the examples module, which has no Spark,
 * compiles the plain {@code ```java} ones) compile as shown against this module and Spark: their
 * {@code import} lines become a class's imports, the rest a method's body.
 */
class SparkDocSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("```java spark\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySparkSnippetOfTheReadmeCompiles() throws IOException {
        Path readme = Path.of(System.getProperty("fastdjl.root", "..")).resolve("README.md");
        String text = Files.readString(readme);
        List<JavaFileObject> units = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String l : m.group(1).split("\n", -1)) {
                (l.startsWith("import ") ? imports : body).append(l).append('\n');
            }
            String name = "SparkSnippet" + units.size();
            String source = "package snippets;\n" + imports + "public class " + name
                    + " {\n    static void run() throws Exception {\n" + body + "    }\n}\n";
            lines.add((int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1);
            units.add(new SimpleJavaFileObject(URI.create("string:///snippets/" + name + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        assertTrue(units.size() >= 2, "found " + units.size() + " Spark snippets in " + readme);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Files.createTempDirectory("fastdjl-spark-snippets");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_PATH, classPath());
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            boolean ok = javac.getTask(new StringWriter(), files, diagnostics,
                    List.of("-proc:none", "--release", "17"), null, units).call();
            StringBuilder problems = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String unit = d.getSource() == null ? "?" : d.getSource().getName()
                            .replaceAll(".*SparkSnippet(\\d+)\\.java", "$1");
                    String where = unit.matches("\\d+") ? "README.md, the snippet at line "
                            + lines.get(Integer.parseInt(unit)) : unit;
                    problems.append(where).append(": ").append(d.getMessage(null)).append('\n');
                }
            }
            assertEquals("", problems.toString());
            assertTrue(ok);
        }
    }

    /** The test class path, with the jars a manifest-only surefire jar names expanded. */
    private static List<File> classPath() throws IOException {
        Set<File> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            out.add(f);
            if (f.isFile() && f.getName().endsWith(".jar")) {
                try (JarFile jar = new JarFile(f)) {
                    Manifest mf = jar.getManifest();
                    String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String url : cp.trim().split("\\s+")) {
                            out.add(new File(URI.create(url).getPath()));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
