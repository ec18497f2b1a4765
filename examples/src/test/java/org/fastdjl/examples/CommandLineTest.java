package org.fastdjl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line's help, parsing and README come from one declaration per command and agree: every
 * command's {@code --help} lists exactly the options it accepts, {@code help} goes to standard output,
 * and the README's table of commands is what {@code ./fastdjl help --markdown} prints.
 */
class CommandLineTest {

    /** What a run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The option names in the "Options:" part of a help text, {@code --help} left out. */
    private static Set<String> helpOptions(String help) {
        Set<String> names = new LinkedHashSet<>();
        String options = help.substring(help.indexOf("\nOptions:\n"));
        Matcher m = Pattern.compile("(?m)^  --([a-z0-9-]+)").matcher(options);
        while (m.find()) {
            names.add(m.group(1));
        }
        names.remove("help");
        return names;
    }

    /** A value the option accepts, for the parse test. */
    private static List<String> validUse(Option o, Path tmp) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--" + o.name()));
        switch (o.kind()) {
            case FLAG -> { }
            case INTEGER -> argv.add(Integer.toString(Math.max(o.min, 1)));
            case POSITIVE_NUMBER -> argv.add("0.5");
            case CHOICE -> argv.add(o.choices.get(0));
            case TEXT -> argv.add("x");
            case INPUT_DIR -> argv.add(tmp.toString());
            case INPUT_FILE -> argv.add(Files.writeString(tmp.resolve("in.txt"), "x").toString());
            case OUTPUT_DIR -> argv.add(tmp.resolve("out-dir").toString());
            case OUTPUT_FILE -> argv.add(tmp.resolve("out/file.json").toString());
            default -> throw new AssertionError(o.kind());
        }
        return argv;
    }

    @Test
    void everyCommandsHelpListsExactlyTheOptionsItAccepts() throws Exception {
        Path tmp = TestData.tempDir();
        for (Command c : Main.COMMANDS) {
            Run help = run(c.name(), "--help");
            assertEquals(0, help.code(), c.name());
            assertEquals("", help.err(), c.name() + ": help goes to standard output");
            assertTrue(help.out().startsWith("usage: ./fastdjl " + c.name()), help.out());
            Set<String> listed = helpOptions(help.out());
            Set<String> declared = new LinkedHashSet<>();
            List<String> required = new ArrayList<>();
            for (Option o : c.options()) {
                if (o.required()) {
                    required.addAll(validUse(o, tmp));
                }
            }
            for (Option o : c.options()) {
                declared.add(o.name());
                // each listed option is accepted with a good value (beside the required ones)
                List<String> argv = new ArrayList<>(o.required() ? List.of() : required);
                argv.addAll(o.required() ? required : validUse(o, tmp));
                c.parse(argv);
                if (o.required()) {
                    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                            () -> c.parse(List.of()));
                    assertTrue(missing.getMessage().contains("is required"), missing.getMessage());
                }
            }
            assertEquals(declared, listed, c.name());
            // and nothing else is
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.parse(List.of("--bogus")));
            // (an unknown option is refused before a missing required one is noticed)
            assertTrue(e.getMessage().startsWith("unknown option --bogus;"), e.getMessage());
            assertEquals(help.out(), run("help", c.name()).out(), "./fastdjl help COMMAND is the same text");
        }
    }

    @Test
    void helpListsEveryCommandOnStandardOutput() {
        Run help = run("help");
        assertEquals(0, help.code());
        assertEquals("", help.err());
        for (Command c : Main.COMMANDS) {
            assertTrue(help.out().contains("\n  " + c.name() + " "), c.name() + " in\n" + help.out());
        }
        Run unknown = run("no-such-command");
        assertEquals(2, unknown.code());
        assertEquals("", unknown.out());
        assertEquals("fastdjl: unknown command 'no-such-command'; './fastdjl help' lists the commands\n", unknown.err());
    }

    @Test
    void readmeTableIsTheGeneratedOne() throws Exception {
        Path readme = Lessons.repoRoot().resolve("README.md");
        String text = Files.readString(readme);
        int begin = text.indexOf("<!-- commands:begin");
        int end = text.indexOf("<!-- commands:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md has the commands markers");
        String table = text.substring(text.indexOf('\n', begin) + 1, end);
        assertEquals(Main.markdown(), table, "run ./fastdjl help --markdown and paste its output into README.md");
        for (Command c : Main.COMMANDS) {
            for (Option o : c.options()) {
                String shown = o.synopsis().replace("|", "\\|");
                assertTrue(table.contains(o.required() ? " " + shown + " " : "[" + shown), c.name() + " " + shown);
            }
        }
    }

    @Test
    void valuesAndPathsAreCheckedBeforeAnyWork() throws Exception {
        Path tmp = TestData.tempDir();
        Path out = tmp.resolve("never-written");
        Run r = run("lesson4-tabular", "--epochs", "abc", "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals("fastdjl lesson4-tabular: --epochs must be a whole number >= 1, got 'abc'\n", r.err());
        assertEquals("", r.out(), "nothing ran: no data loaded, no table printed");
        assertFalse(Files.exists(out), "no output folder made");

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Run report = run("lesson4-collab", "--report", file.resolve("r.json").toString(), "--data", tmp.toString());
        assertEquals(2, report.code());
        assertTrue(report.err().startsWith("fastdjl lesson4-collab: --report " + file.resolve("r.json")
                + ": cannot create the folder " + file), report.err());
        assertEquals("", report.out());
        Run dir = run("lesson4-collab", "--out", file.toString());
        assertEquals("fastdjl lesson4-collab: --out " + file + ": is a file; expected a folder to write into\n",
                dir.err());
    }
}
