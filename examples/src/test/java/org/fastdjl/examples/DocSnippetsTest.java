package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Every Java snippet of the README and of {@code docs/} compiles as shown, imports included, against
 * fastdjl's modules: its {@code import} lines become the imports of a class, the rest the body of a
 * method. A snippet that names a method, a class or a variable that does not exist fails here.
 */
class DocSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    private record Snippet(String where, String source) {
    }

    private static List<Snippet> snippets() throws IOException {
        Path root = Lessons.repoRoot();
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                StringBuilder imports = new StringBuilder();
                StringBuilder body = new StringBuilder();
                for (String l : m.group(1).split("\n", -1)) {
                    (l.startsWith("import ") ? imports : body).append(l).append('\n');
                }
                String name = "Snippet" + out.size();
                String source = "package snippets;\n" + imports + "public class " + name
                        + " {\n    static void run() throws Exception {\n" + body + "    }\n}\n";
                out.add(new Snippet(root.relativize(file) + ", line " + line, source));
            }
        }
        return out;
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

    @Test
    void everyJavaSnippetOfTheDocsCompiles() throws IOException {
        List<Snippet> snippets = snippets();
        assertTrue(snippets.size() >= 11, "found " + snippets.size() + " snippets");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            units.add(new SimpleJavaFileObject(URI.create("string:///snippets/Snippet" + i + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.source();
                }
            });
        }
        Path out = Files.createTempDirectory("fastdjl-snippets");
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            files.setLocation(javax.tools.StandardLocation.CLASS_PATH, classPath());
            files.setLocation(javax.tools.StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            StringWriter log = new StringWriter();
            boolean ok = javac.getTask(log, files, diagnostics, List.of("-proc:none", "--release", "17"), null, units)
                    .call();
            StringBuilder problems = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() == null) {
                    problems.append(d.getMessage(null)).append('\n');
                } else if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String unit = d.getSource().getName().replaceAll(".*Snippet(\\d+)\\.java", "$1");
                    Snippet s = snippets.get(Integer.parseInt(unit));
                    problems.append(s.where()).append(": ").append(d.getMessage(null)).append(" (snippet line ")
                            .append(d.getLineNumber()).append(")\n");
                }
            }
            assertTrue(ok && problems.length() == 0, "snippets that do not compile:\n" + problems + log);
        }
    }
}
