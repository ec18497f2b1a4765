package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.fastdjl.core.data.Batch;
import org.fastdjl.core.data.DataLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save → load gives the same data and the same batches; a bad file is reported, never half-read. */
class SaveLoadTest {

    @TempDir
    Path tmp;

    private TextData lm;
    private TextData clas;

    @BeforeEach
    void data() throws IOException {
        Files.writeString(tmp.resolve("texts.csv"), TextListTest.reviewsCsv(60));
        lm = TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TextListTest.TOK).splitFromCol(2).labelForLm()
                .addTest(List.of("A test review, ünïcödé 🎬.")).process();
        clas = TextList.fromCsv(tmp, "texts.csv", "text").optTokenizer(TextListTest.TOK).optVocab(lm.vocab())
                .splitFromCol(2).labelFromCol(0).process();
    }

    static List<String> batches(DataLoader dl, int passes) {
        List<String> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int p = 0; p < passes; p++) {
                Iterator<Batch> it = dl.iterator(m);
                while (it.hasNext()) {
                    try (Batch b = it.next()) {
                        out.add(Arrays.toString(b.x().head().toLongArray()) + (b.y().isEmpty() ? ""
                                : Arrays.toString(b.y().head().toLongArray())) + Arrays.toString(b.indices()));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void roundTripGivesIdenticalDataAndBatches() throws IOException {
        Path f = tmp.resolve("models/data_lm.fdjl");
        lm.save(f);
        TextData back = TextData.load(f);
        assertEquals(lm, back);
        assertNotSame(lm, back);
        assertEquals(lm.vocab().itos(), back.vocab().itos());
        assertEquals(lm.origin(), back.origin());
        assertTrue(back.hasTest());
        assertArrayEquals(lm.test().ids(0), back.test().ids(0));
        TextLMDataBunch a = TextLMDataBunch.builder(lm).optBs(4).optBptt(8).optSeed(9).build();
        TextLMDataBunch b = TextLMDataBunch.builder(back).optBs(4).optBptt(8).optSeed(9).build();
        assertEquals(batches(a.train(), 2), batches(b.train(), 2));
        assertEquals(batches(a.valid(), 1), batches(b.valid(), 1));

        Path g = tmp.resolve("data_clas.fdjl");
        TextClasDataBunch.builder(clas).build().save(g);
        TextDataBunch loaded = TextDataBunch.loadData(g, 8);
        assertTrue(loaded instanceof TextClasDataBunch);
        assertEquals(clas, loaded.data());
        assertEquals(List.of("negative", "positive"), ((TextClasDataBunch) loaded).classes());
        TextClasDataBunch c1 = TextClasDataBunch.builder(clas).optBs(8).optSeed(4).build();
        TextClasDataBunch c2 = TextClasDataBunch.builder(loaded.data()).optBs(8).optSeed(4).build();
        assertEquals(batches(c1.train(), 2), batches(c2.train(), 2));
        assertEquals(batches(c1.valid(), 1), batches(c2.valid(), 1));
        assertTrue(TextDataBunch.loadData(f) instanceof TextLMDataBunch);
        assertEquals(64, TextDataBunch.loadData(f).train().batchSize(), "fastai's LM bs when none is given");
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void corruptTruncatedForeignAndMismatchedFilesAreReported() throws IOException {
        Path f = tmp.resolve("d.fdjl");
        lm.save(f);
        byte[] good = Files.readAllBytes(f);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x5a;
        Files.write(f, flipped);
        IOException e = assertThrows(IOException.class, () -> TextData.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("corrupt"), e.getMessage());

        Files.write(f, Arrays.copyOf(good, good.length - 11));
        e = assertThrows(IOException.class, () -> TextData.load(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Files.writeString(f, "{\"itos\": [\"xxunk\"]}");
        e = assertThrows(IOException.class, () -> TextData.load(f));
        assertTrue(e.getMessage().contains("not a fastdjl text data file"), e.getMessage());

        byte[] v2 = good.clone();
        v2[19] = 2; // the version int after the 16-byte magic
        Files.write(f, v2);
        e = assertThrows(IOException.class, () -> TextData.load(f));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());

        byte[] longer = Arrays.copyOf(good, good.length + 1);
        Files.write(f, longer);
        e = assertThrows(IOException.class, () -> TextData.load(f));
        assertTrue(e.getMessage().contains("after its end"), e.getMessage());

        e = assertThrows(IOException.class, () -> TextData.load(tmp.resolve("none.fdjl")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        Files.write(f, good);
        TextData back = TextData.load(f);
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> TextClasDataBunch.builder(back));
        assertTrue(m.getMessage().contains("language-model data"), m.getMessage());
        m = assertThrows(IllegalArgumentException.class, () -> TextLMDataBunch.builder(clas));
        assertTrue(m.getMessage().contains("classifier data"), m.getMessage());
    }
}
