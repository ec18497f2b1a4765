package org.fastdjl.examples;

import org.fastdjl.text.transform.TokenizeCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data archive (the hidden command {@code cds-training}): the
 * launcher runs it once after each build with {@code -XX:ArchiveClassesAtExit}, so the archive holds
 * the classes the commands load, and every later start maps them instead of reading, verifying and
 * linking them from the jars. It runs what users run, on the embedded data and quietly: every lesson
 * (collab with the LR finder and plots, the IMDB data steps, tabular with predictions), the tokenizer
 * and the help text. Outputs go to a temporary folder, deleted at the end.
 */
final class CdsTraining {

    private CdsTraining() {}

    /**
     * Runs the training.
     *
     * @param argv none
     * @return 0 when every part ran
     * @throws Exception if a part fails
     */
    static int run(List<String> argv) throws Exception {
        Path tmp = Files.createTempDirectory("fastdjl-cds");
        PrintStream out = System.out;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(quiet);
        try {
            int rc = Lessons.COMMAND.run(List.of("--out", tmp.toString()));
            if (rc == 0) {
                Path texts = Lessons.repoRoot().resolve("src-test-data/imdb_tiny/texts.csv");
                rc = TokenizeCommand.run(new String[] {"--csv", texts.toString(), "--text-col", "text", "--out",
                        tmp.resolve("tokens.jsonl").toString()}, quiet, quiet);
            }
            return rc;
        } finally {
            System.setOut(out);
            deleteTree(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
