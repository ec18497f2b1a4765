package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenize command: output format, exit codes and the messages for bad input. */
class TokenizeCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return TokenizeCommand.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void writesTheSameFileAsFastaiOnImdbSample() throws IOException {
        Path dir = TestData.imdbSample();
        Path out = tmp.resolve("tokens.jsonl");
        assertEquals(0, run("tokenize", "--csv", dir.resolve("texts.csv").toString(), "--text-col", "text",
                "--out", out.toString()), err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("tokens_fastai_v1.jsonl")), Files.readAllBytes(out),
                "byte for byte the fastai v1 token file");
        assertTrue(err().contains("1000 documents"), err());
    }

    @Test
    void documentsAreTokenizedAndWrittenAChunkAtATimeInTheirOrder() throws IOException {
        // 2,345 documents: more than two chunks of 1,000, on one and on two threads, to a file and to stdout
        java.util.Random r = new java.util.Random(7);
        String[] words = {"It's", "GREAT", "don't", "movie", "!!!!", "the", "(and", "so)", "on.", "Ok"};
        StringBuilder csv = new StringBuilder("text\n");
        List<String> texts = new java.util.ArrayList<>();
        for (int d = 0; d < 2345; d++) {
            StringBuilder t = new StringBuilder("doc" + d);
            for (int w = r.nextInt(12); w >= 0; w--) {
                t.append(' ').append(words[r.nextInt(words.length)]);
            }
            texts.add(t.toString());
            csv.append('"').append(t).append("\"\n");
        }
        Path in = file("many.csv", csv.toString());
        StringBuilder expected = new StringBuilder();
        for (List<String> doc : new TokenizeProcessor(Tokenizer.builder().cpus(1).build()).processTexts(texts)) {
            expected.append(TokenJson.toJson(doc)).append('\n');
        }
        for (String cpus : new String[] {"1", "2"}) {
            Path out = tmp.resolve("many-" + cpus + ".jsonl");
            assertEquals(0, run("--csv", in.toString(), "--text-col", "text", "--cpus", cpus, "--out", out.toString()));
            assertEquals(expected.toString(), Files.readString(out, StandardCharsets.UTF_8), "--cpus " + cpus);
        }
        assertEquals(0, run("--csv", in.toString(), "--text-col", "text"));
        assertEquals(expected.toString(), out());
        assertTrue(err().contains("2345 documents"), err());
    }

    @Test
    void csvWithQuotedMultilineFieldsToStdout() throws IOException {
        Path csv = file("t.csv", "label,text\npos,\"Line one,\nline \"\"two\"\"\"\nneg,Plain\n");
        assertEquals(0, run("--csv", csv.toString(), "--text-col", "text"), err());
        assertEquals("[\"xxbos\", \"xxmaj\", \"line\", \"one\", \",\", \"\\n \", \"line\", \"\\\"\", \"two\", \"\\\"\"]\n"
                + "[\"xxbos\", \"xxmaj\", \"plain\"]\n", out());
    }

    @Test
    void byteOrderMarkAndMalformedQuoting() throws IOException {
        Path bom = file("bom.csv", "\uFEFFtext\nHi\n");
        assertEquals(0, run("--csv", bom.toString(), "--text-col", "text"), err());
        Path broken = file("broken.csv", "text\n\"never closed\n");
        assertEquals(2, run("--csv", broken.toString(), "--text-col", "text"));
        assertTrue(err().contains(broken.toString()) && err().contains("cannot read as CSV"), err());
    }

    @Test
    void severalColumnsWithFieldMarks() throws IOException {
        Path csv = file("t.csv", "title,body\nHi,There\n");
        assertEquals(0, run("--csv", csv.toString(), "--text-col", "title", "--text-col", "body", "--mark-fields"));
        assertEquals("[\"xxbos\", \"xxfld\", \"1\", \"xxmaj\", \"hi\", \"xxfld\", \"2\", \"xxmaj\", \"there\"]\n", out());
    }

    @Test
    void folderInSortedPathOrder() throws IOException {
        file("docs/b.txt", "Second\r\ndoc");
        file("docs/a.txt", "First");
        file("docs/sub/c.TXT", "Third");
        file("docs/notes.md", "not a text file");
        file("docs/.hidden.txt", "hidden");
        assertEquals(0, run("--folder", tmp.resolve("docs").toString()), err());
        assertEquals(List.of("[\"xxbos\", \"xxmaj\", \"first\"]", "[\"xxbos\", \"xxmaj\", \"second\", \"\\n \", \"doc\"]",
                "[\"xxbos\", \"xxmaj\", \"third\"]"), out().lines().toList());
    }

    @Test
    void emptyDocumentsAreKeptAndCountedOrSkipped() throws IOException {
        Path csv = file("t.csv", "text\nGood\n\"\"\n\"  \"\nFine\n");
        assertEquals(0, run("--csv", csv.toString(), "--text-col", "text"));
        assertEquals(4, out().lines().count());
        assertEquals("[\"xxbos\"]", out().lines().toList().get(1));
        assertTrue(err().contains("2 documents with no text (row 2, row 3) kept"), err());

        outBytes.reset();
        errBytes.reset();
        assertEquals(0, run("--csv", csv.toString(), "--text-col", "text", "--skip-empty"));
        assertEquals(2, out().lines().count());
        assertTrue(err().contains("2 documents with no text (row 2, row 3) left out"), err());
    }

    @Test
    void missingFileIsBadInput() {
        Path nope = tmp.resolve("nope.csv");
        assertEquals(2, run("--csv", nope.toString(), "--text-col", "text"));
        assertTrue(err().contains(nope.toString()) && err().contains("no such file"), err());
    }

    @Test
    void missingColumnListsTheColumns() throws IOException {
        Path csv = file("t.csv", "label,review\npos,Good\n");
        assertEquals(2, run("--csv", csv.toString(), "--text-col", "text"));
        assertTrue(err().contains("no column named 'text'") && err().contains("[label, review]"), err());
    }

    @Test
    void rowWithoutItsTextFieldNamesTheRow() throws IOException {
        Path csv = file("t.csv", "label,text\npos,Good\nneg\n");
        Path out = tmp.resolve("out.jsonl");
        assertEquals(2, run("--csv", csv.toString(), "--text-col", "text", "--out", out.toString()));
        assertTrue(err().contains("row 2") && err().contains("line 3") && err().contains("'text'"), err());
        assertFalse(Files.exists(out), "no partial output");
    }

    @Test
    void notUtf8IsBadInput() throws IOException {
        Path csv = tmp.resolve("latin1.csv");
        Files.write(csv, "text\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, run("--csv", csv.toString(), "--text-col", "text"));
        assertTrue(err().contains(csv.toString()) && err().contains("UTF-8"), err());
    }

    @Test
    void folderProblemsAreBadInput() throws IOException {
        assertEquals(2, run("--folder", tmp.resolve("none").toString()));
        assertTrue(err().contains("no such folder"), err());
        Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, run("--folder", tmp.resolve("empty").toString()));
        assertTrue(err().contains("no .txt files"), err());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run());
        assertEquals(2, run("--csv", "a.csv"));
        assertTrue(err().contains("--text-col"), err());
        assertEquals(2, run("--csv", "a.csv", "--folder", "d", "--text-col", "t"));
        assertEquals(2, run("--folder", "d", "--text-col", "t"));
        assertEquals(2, run("--bogus"));
        assertEquals(2, run("--csv", "a.csv", "--text-col", "t", "--cpus", "zero"));
        assertEquals(2, run("--out"));
        assertTrue(err().contains("usage:"), err());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("usage: tokenize"), out());
    }
}
