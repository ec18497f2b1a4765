package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.fastdjl.text.transform.TextInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input fails with a message naming the file, row, column and what was expected. */
class BadInputTest {

    @TempDir
    Path tmp;

    Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    static void contains(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }

    @Test
    void missingOrUnreadableCsv() throws IOException {
        contains(assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "nope.csv", "text")),
                "nope.csv", "no such file");
        Path bin = tmp.resolve("bin.csv");
        Files.write(bin, new byte[] {'t', 'e', 'x', 't', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        contains(assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "bin.csv", "text")),
                "bin.csv", "UTF-8");
        write("empty.csv", "");
        contains(assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "empty.csv", "text")),
                "empty.csv", "header");
        write("header.csv", "label,text\n");
        contains(assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "header.csv", "text")),
                "header.csv", "no data rows");
    }

    @Test
    void unknownColumnListsTheColumns() throws IOException {
        write("t.csv", "label,text\npos,hi\n");
        contains(assertThrows(IllegalArgumentException.class, () -> TextList.fromCsv(tmp, "t.csv", "review")),
                "t.csv", "'review'", "[label, text]");
        contains(assertThrows(IllegalArgumentException.class, () -> TextList.fromCsv(tmp, "t.csv", 5)),
                "t.csv", "column 5");
        contains(assertThrows(IllegalArgumentException.class,
                () -> TextList.fromCsv(tmp, "t.csv", "text").splitFromCol("is_valid")), "is_valid", "[label, text]");
    }

    @Test
    void rowWithoutItsTextField() throws IOException {
        write("short.csv", "label,text,is_valid\npos,\"fine\",False\nneg\npos,ok,True\n");
        contains(assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "short.csv", "text")),
                "short.csv", "row 2", "line 3", "'text'");
        write("noflag.csv", "label,text,is_valid\npos,\"fine\",False\nneg,bad\n");
        TextList l = TextList.fromCsv(tmp, "noflag.csv", "text");
        contains(assertThrows(TextInputException.class, () -> l.splitFromCol("is_valid")),
                "noflag.csv", "row 2", "'is_valid'");
    }

    @Test
    void badSplitFlagNamesRowColumnAndValue() throws IOException {
        write("t.csv", "text,is_valid\na b,False\nc d,maybe\n");
        contains(assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "t.csv", "text")
                .splitFromCol(1)), "t.csv, row 2", "'is_valid'", "'maybe'", "True or False");
    }

    @Test
    void emptyDocumentIsAnErrorOrACountedSkip() throws IOException {
        write("t.csv", "text,is_valid\nGood film,False\n\"  \",False\nNice,True\nFine,False\n");
        TextInputException e = assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "t.csv", "text")
                .splitFromCol(1).labelForLm().process());
        contains(e, "1 document is empty", "t.csv, row 2", "column 'text'", "optDropEmpty");
        TextData d = TextList.fromCsv(tmp, "t.csv", "text").optDropEmpty(true).splitFromCol(1).labelForLm().process();
        assertEquals(1, d.droppedEmpty());
        assertEquals(2, d.train().size());
        assertEquals(List.of(0, 3), List.of(d.train().sourceItems()[0], d.train().sourceItems()[1]));
    }

    @Test
    void labelOutsideTheClassesNamesTheFileOrIsFiltered() throws IOException {
        write("d/train/pos/a.txt", "Great.");
        write("d/train/neg/b.txt", "Awful.");
        write("d/train/meh/c.txt", "So so.");
        write("d/valid/pos/e.txt", "Fine.");
        Path root = tmp.resolve("d");
        TextInputException e = assertThrows(TextInputException.class, () -> TextList.fromFolder(root)
                .splitByFolder().labelFromFolder("neg", "pos").process());
        contains(e, root.resolve("train/meh/c.txt").toString(), "label 'meh'", "[neg, pos]", "filterMissingY");
        TextLabelLists kept = TextList.fromFolder(root).splitByFolder().labelFromFolder("neg", "pos").filterMissingY();
        assertEquals(1, kept.droppedMissingY());
        TextData d = kept.process();
        assertEquals(2, d.train().size());

        write("t.csv", "label,text,is_valid\npos,a,False\nneg,b,False\nbogus,c,True\n,d,False\n");
        TextInputException c = assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "t.csv", "text")
                .splitFromCol(2).labelFromCol("label", List.of("neg", "pos")).process());
        contains(c, "2 documents have", "t.csv, row 4", "no label", "t.csv, row 3", "label 'bogus'", "column 'label'");
        // classes learned on train: a validation label never seen in training is caught the same way
        TextInputException v = assertThrows(TextInputException.class, () -> TextList.fromCsv(tmp, "t.csv", "text")
                .splitFromCol(2).labelFromCol(0).process());
        contains(v, "t.csv, row 3 (ending on line 4) (valid): label 'bogus'", "(from column 'label')");
    }

    @Test
    void folderWithoutTexts() throws IOException {
        Files.createDirectories(tmp.resolve("none/sub"));
        write("none/sub/a.csv", "x");
        contains(assertThrows(TextInputException.class, () -> TextList.fromFolder(tmp.resolve("none"))),
                "none", "no .txt files");
        contains(assertThrows(TextInputException.class, () -> TextList.fromFolder(tmp.resolve("missing"))),
                "missing", "no such folder");
        write("some/train/a.txt", "x");
        contains(assertThrows(TextInputException.class, () -> TextList.fromFolder(tmp.resolve("some"), "test")),
                "no .txt files in the folders [test]");
        contains(assertThrows(IllegalArgumentException.class, () -> TextList.fromFolder(tmp.resolve("some"))
                .splitByFolder()), "'valid'", "[train]");
    }

    @Test
    void unreadableFileInAFolderIsNamed() throws IOException {
        write("f/train/a.txt", "fine");
        Path bad = tmp.resolve("f/valid/b.txt");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {(byte) 0xc3, (byte) 0x28});
        contains(assertThrows(TextInputException.class, () -> TextList.fromFolder(tmp.resolve("f")).splitByFolder()
                .labelForLm().process()), bad.toString(), "UTF-8");
    }

    @Test
    void wrongUseOfTheBlockIsExplained() throws IOException {
        write("t.csv", "label,text\npos,a\nneg,b\n");
        TextList csv = TextList.fromCsv(tmp, "t.csv", "text");
        contains(assertThrows(IllegalStateException.class, csv::splitByFolder), "fromFolder");
        contains(assertThrows(IllegalStateException.class, () -> csv.splitByIdx(1).labelFromFolder()),
                "labelFromFolder", "fromFolder");
        contains(assertThrows(IllegalArgumentException.class, () -> csv.splitByIdx(0, 1)), "training split is empty");
        contains(assertThrows(IllegalArgumentException.class, () -> csv.splitByIdx(2)), "out of range");
        contains(assertThrows(IllegalArgumentException.class, () -> csv.splitByRandPct(1.5, 1)), "(0, 1)");
    }
}
