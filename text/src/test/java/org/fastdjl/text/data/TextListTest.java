package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.text.transform.SpecialTokens;
import org.fastdjl.text.transform.Tokenizer;
import org.fastdjl.text.transform.Vocab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The data block from CSV, table and folder: splits, labels, vocab, field marks, showBatch. */
class TextListTest {

    static final Tokenizer TOK = Tokenizer.builder().cpus(2).build();

    @TempDir
    Path tmp;

    static final String[] WORDS = {"good", "bad", "movie", "plot", "actor", "great", "boring", "fun"};

    /** label,text,is_valid rows: 'positive' reviews say good/great/fun, every 5th row is validation. */
    static String reviewsCsv(int n) {
        StringBuilder sb = new StringBuilder("label,text,is_valid\n");
        for (int i = 0; i < n; i++) {
            boolean pos = i % 2 == 0;
            sb.append(pos ? "positive" : "negative").append(",\"");
            sb.append("The ").append(WORDS[i % 5 + 2]).append(" was ").append(pos ? "good" : "bad")
                    .append(", \"\"really\"\" ").append(pos ? "great fun" : "boring").append(". Review ").append(i)
                    .append("\"").append(',').append(i % 5 == 4 ? "True" : "False").append('\n');
        }
        return sb.toString();
    }

    Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void csvToLanguageModelAndClassifierWithTheSameVocab() throws IOException {
        write("texts.csv", reviewsCsv(50));
        TextDataBunch lm = TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TOK)
                .splitFromCol(2).labelForLm().databunch();
        assertTrue(lm instanceof TextLMDataBunch);
        TextData d = lm.data();
        assertEquals(40, d.train().size());
        assertEquals(10, d.valid().size());
        assertArrayEquals(new int[] {4, 9, 14, 19, 24, 29, 34, 39, 44, 49}, d.valid().sourceItems());
        assertEquals(0, d.vocab().size() % 8, "padded to a multiple of 8");
        assertEquals(SpecialTokens.ALL, d.vocab().itos().subList(0, 9));
        assertEquals(64, lm.train().batchSize());
        assertEquals(70, ((TextLMDataBunch) lm).bptt());
        assertEquals(d.vocab().size(), lm.c());
        // first training document: xxbos xxmaj the movie was good , " really " great fun . xxmaj review 0
        List<String> first = d.vocab().tokens(d.train().ids(0));
        assertEquals(List.of("xxbos", "xxmaj", "the", "movie", "was", "good", ",", "\"", "really", "\"", "great",
                "fun", ".", "xxmaj", "review", "xxunk"), first, "'0' is seen twice in training: below min_freq 3");

        TextDataBunch clas = TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TOK).optVocab(lm.vocab())
                .splitFromCol(2).labelFromCol(0).databunch(32);
        assertTrue(clas instanceof TextClasDataBunch);
        assertSame(lm.vocab(), clas.vocab(), "vocab=data_lm.vocab: the very object");
        assertEquals(List.of("negative", "positive"), clas.data().classes());
        assertEquals(2, clas.c());
        assertEquals(1, clas.train().numBatches(), "40 / 32, last batch dropped");
        assertEquals(1, clas.valid().numBatches());
        for (int i = 0; i < clas.data().train().size(); i++) {
            int row = clas.data().train().sourceItems()[i];
            assertEquals(row % 2 == 0 ? 1 : 0, clas.data().train().label(i));
        }
    }

    @Test
    void vocabIsMadeOnTheTrainingSplitOnly() throws IOException {
        StringBuilder sb = new StringBuilder("text,is_valid\n");
        for (int i = 0; i < 6; i++) {
            sb.append("alpha beta,False\n");
        }
        for (int i = 0; i < 6; i++) {
            sb.append("gamma alpha,True\n");
        }
        write("v.csv", sb.toString());
        TextData d = TextList.fromCsv(tmp, "v.csv", "text").optTokenizer(TOK).splitFromCol("is_valid")
                .labelForLm().process();
        assertTrue(d.vocab().contains("beta"));
        assertFalse(d.vocab().contains("gamma"), "seen only in validation");
        int[] valid0 = d.valid().ids(0);
        assertEquals(List.of("xxbos", "xxunk", "alpha"), d.vocab().tokens(valid0), "unknown tokens become xxunk");
        assertEquals(0, valid0[1]);
    }

    @Test
    void severalTextColumnsWithFieldMarks() throws IOException {
        write("t.csv", "title,body,flag\nHello,World here,0\nHi,There,1\n");
        TextData d = TextList.fromCsv(tmp, "t.csv", "title", "body").optTokenizer(TOK).optMarkFields(true)
                .optMinFreq(1).splitFromCol("flag").labelForLm().process();
        assertEquals(List.of("xxbos", "xxfld", "1", "xxmaj", "hello", "xxfld", "2", "xxmaj", "world", "here"),
                d.vocab().tokens(d.train().ids(0)));
        TextData plain = TextList.fromCsv(tmp, "t.csv", 0, 1).optTokenizer(TOK).optMinFreq(1).splitFromCol(2)
                .labelForLm().process();
        assertEquals(List.of("xxbos", "xxmaj", "hello", "xxmaj", "world", "here"),
                plain.vocab().tokens(plain.train().ids(0)), "no field marks by default, as fastai");
    }

    @Test
    void randomSplitPicksFastaisRowsForASeed() throws IOException {
        write("texts.csv", reviewsCsv(10));
        TextItemLists s = TextList.fromCsv(tmp, "texts.csv", "text").splitByRandPct(0.2, 42);
        // np.random.seed(42); np.random.permutation(10) = [8 1 5 0 7 2 9 4 3 6]; cut = int(0.2 * 10) = 2
        assertArrayEquals(new int[] {8, 1}, s.validItems());
        assertArrayEquals(new int[] {0, 2, 3, 4, 5, 6, 7, 9}, s.trainItems());
        write("many.csv", reviewsCsv(1000));
        TextItemLists big = TextList.fromCsv(tmp, "many.csv", "text").splitByRandPct(0.1, 7);
        assertArrayEquals(Arrays.copyOf(new NumpyRandom(7).permutation(1000), 100), big.validItems());
    }

    @Test
    void fromTableWithABooleanSplitColumn() throws IOException {
        Table t = Table.create("reviews",
                StringColumn.create("text", "A fine film", "Dull", "Fine again", "So fine"),
                StringColumn.create("label", "pos", "neg", "pos", "pos"),
                BooleanColumn.create("is_valid", false, false, true, false));
        TextData d = TextList.fromTable(t, "text").optTokenizer(TOK).splitFromCol("is_valid").labelFromCol("label")
                .process();
        assertEquals(3, d.train().size());
        assertEquals(List.of("neg", "pos"), d.classes());
        assertArrayEquals(new int[] {1, 0, 1}, d.train().labels());
        assertArrayEquals(new int[] {1}, d.valid().labels());
        assertThrows(IllegalArgumentException.class, () -> TextList.fromTable(t, "review"));
    }

    @Test
    void foldersSplitAndLabelLikeFastai() throws IOException {
        write("imdb/train/pos/0.txt", "Great movie!");
        write("imdb/train/pos/1.txt", "Loved it.");
        write("imdb/train/neg/2.txt", "Awful.");
        write("imdb/test/pos/3.txt", "Superb.");
        write("imdb/test/neg/4.txt", "Bad bad.");
        write("imdb/unsup/5.txt", "No label here.");
        write("imdb/.hidden/6.txt", "skipped");
        write("imdb/readme.md", "not a text");
        Path root = tmp.resolve("imdb");
        TextList all = TextList.fromFolder(root);
        assertEquals(6, all.size());
        TextData lm = TextList.fromFolder(root, "train", "test").optTokenizer(TOK).splitByRandPct(0.4, 1)
                .labelForLm().process();
        assertEquals(5, lm.train().size() + lm.valid().size(), "unsup left out by include");
        TextDataBunch clas = TextList.fromFolder(root).optTokenizer(TOK).optVocab(lm.vocab())
                .splitByFolder("train", "test").labelFromFolder("neg", "pos").databunch(2);
        TextData d = clas.data();
        assertEquals(List.of("neg", "pos"), d.classes());
        assertArrayEquals(new int[] {0, 1, 1}, d.train().labels(), "train/neg/2, train/pos/0, train/pos/1");
        assertArrayEquals(new int[] {0, 1}, d.valid().labels());
        assertSame(lm.vocab(), d.vocab());
        TextList filtered = TextList.fromFolder(root).filterByFolder(List.of(), List.of("unsup"));
        assertEquals(5, filtered.size());
    }

    @Test
    void showBatchDecodesTokensForBothKinds() throws IOException {
        write("texts.csv", reviewsCsv(50));
        TextLMDataBunch lm = TextLMDataBunch.builder(TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TOK)
                .splitFromCol(2).labelForLm().process()).optBs(4).optBptt(10).optSeed(3).build();
        String out = capture(p -> lm.showBatch(3, DatasetType.VALID, p));
        assertTrue(out.contains("idx") && out.contains("text"), out);
        assertTrue(out.startsWith("idx  text\n0    xxbos xxmaj the boring was good , \" really \""), out);
        TextDataBunch clas = TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TOK).optVocab(lm.vocab())
                .splitFromCol(2).labelFromCol("label").databunch(10);
        String c = capture(p -> clas.showBatch(10, DatasetType.VALID, p));
        // positive reviews are one token longer ("great fun" against "boring"): longest first
        assertTrue(c.indexOf("negative") > c.lastIndexOf("positive"), c);
        assertTrue(c.contains("target") && c.contains("positive") && c.contains("negative"), c);
        assertFalse(c.contains("xxpad"), "padding is stripped, as fastai's reconstruct: " + c);
        assertTrue(c.contains("xxbos xxmaj the"), c);
    }

    interface Printer {
        void print(PrintStream p);
    }

    static String capture(Printer printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        printer.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String s = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(s);
        return s;
    }

    @Test
    void testSetIsProcessedWithTheTrainingVocabAndHasNoLabels() throws IOException {
        write("texts.csv", reviewsCsv(20));
        TextClasDataBunch clas = (TextClasDataBunch) TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TOK)
                .splitFromCol(2).labelFromCol(0).addTest(List.of("A good movie", "zzz unseen")).databunch(4);
        TextData d = clas.data();
        assertTrue(d.hasTest());
        assertFalse(d.test().hasLabels());
        assertEquals(List.of("xxbos", "xxunk", "good", "movie"), d.vocab().tokens(d.test().ids(0)));
        List<String> seen = new ArrayList<>();
        var it = clas.dl(DatasetType.TEST).iterator(ai.djl.ndarray.NDManager.newBaseManager());
        while (it.hasNext()) {
            try (var b = it.next()) {
                assertTrue(b.y().isEmpty());
                seen.add(Arrays.toString(b.indices()));
            }
        }
        assertEquals(List.of("[0, 1]"), seen);
    }

    @Test
    void vocabSizeAndMinFreqSettings() throws IOException {
        write("texts.csv", reviewsCsv(50));
        TextData d = TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TOK).optMaxVocab(16).splitFromCol(2)
                .labelForLm().process();
        assertEquals(16, d.vocab().size());
        Vocab expected = Vocab.create(List.of(), 60000, 3);
        assertEquals(16, expected.size(), "the specials padded with xxfake");
    }
}
