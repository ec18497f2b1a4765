package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

import java.util.Iterator;

import org.fastdjl.core.TestData;
import org.fastdjl.core.data.Batch;
import org.fastdjl.text.transform.Vocab;
import org.junit.jupiter.api.Test;

/**
 * The lesson's data part on fastai's IMDB sample (skipped without the data folder): the is_valid split,
 * fastai's tokens and vocab, the classifier on the language model's vocab, the batch counts.
 */
class ImdbSampleIntegrationTest {

    @Test
    void lessonDataOnTheImdbSample() throws IOException {
        Path dir = TestData.dataDir().resolve("imdb_sample");
        assumeTrue(Files.isRegularFile(dir.resolve("texts.csv")) && Files.isRegularFile(
                dir.resolve("tokens_fastai_v1.jsonl")), "no imdb_sample/texts.csv and tokens_fastai_v1.jsonl under "
                + TestData.dataDir().toAbsolutePath() + "; skipping");

        long t0 = System.nanoTime();
        TextData lm = TextList.fromCsv(dir, "texts.csv", "text").splitFromCol(2).labelForLm().process();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(800, lm.train().size());
        assertEquals(200, lm.valid().size());
        assertEquals(0, lm.vocab().size() % 8, "vocab padded to a multiple of 8");

        // fastai 1.0.61's own tokens for every document, in file order; rows 0-799 are training
        List<List<String>> fastai = org.fastdjl.text.transform.TestData.readJsonLines(dir.resolve("tokens_fastai_v1.jsonl"));
        assertEquals(1000, fastai.size());
        assertEquals(List.of("xxbos", "xxmaj", "un", "-", "bleeping", "-", "believable"), fastai.get(0).subList(0, 7));
        assertEquals(List.of("xxbos", "xxmaj", "un", "-", "xxunk", "-", "believable", "!", "xxmaj", "meg"),
                lm.vocab().tokens(lm.train().ids(0)).subList(0, 10),
                "fastai's first tokens of the first review, 'bleeping' (seen once) as xxunk");
        Vocab expected = Vocab.create(fastai.subList(0, 800), Vocab.DEFAULT_MAX_VOCAB, Vocab.MIN_FREQ_DATA_BLOCK);
        assertEquals(expected.itos(), lm.vocab().itos(), "fastai's vocab, made on the training rows");
        for (int s = 0; s < 2; s++) {
            TextSplit split = s == 0 ? lm.train() : lm.valid();
            for (int i = 0; i < split.size(); i++) {
                assertArrayEquals(expected.numericalize(fastai.get(split.sourceItems()[i])), split.ids(i),
                        "document " + split.sourceItems()[i]);
            }
        }
        TextLMDataBunch dataLm = (TextLMDataBunch) lm.databunch();
        int tokens = lm.train().totalTokens();
        assertEquals((tokens + 64 * 70 - 1) / (64 * 70), dataLm.train().numBatches());
        double epochMs = Double.MAX_VALUE;
        try (NDManager m = NDManager.newBaseManager()) {
            NDManager root = m.getParentManager();
            int liveBefore = ((BaseNDManager) root).getManagedArrays().size();
            for (int epoch = 0; epoch < 3; epoch++) {
                long e0 = System.nanoTime();
                int batches = 0;
                Iterator<Batch> it = dataLm.train().iterator(m);
                while (it.hasNext()) {
                    try (Batch b = it.next()) {
                        batches++;
                    }
                }
                epochMs = Math.min(epochMs, (System.nanoTime() - e0) / 1e6);
                assertEquals(dataLm.train().numBatches(), batches);
                assertEquals(0, ((BaseNDManager) m).getManagedArrays().size(), "no array outlives its batch");
            }
            assertEquals(liveBefore, ((BaseNDManager) root).getManagedArrays().size());
        }

        TextClasDataBunch dataClas = (TextClasDataBunch) TextList.fromCsv(dir, "texts.csv", "text")
                .optVocab(dataLm.vocab()).splitFromCol(2).labelFromCol(0).databunch(32);
        assertSame(dataLm.vocab(), dataClas.vocab());
        assertEquals(List.of("negative", "positive"), dataClas.classes());
        assertEquals(25, dataClas.train().numBatches());
        assertEquals(7, dataClas.valid().numBatches());
        System.out.printf(Locale.ROOT, "IMDB sample: tokenize+numericalize %.2f s; vocab %d; LM train %d tokens, "
                + "%d batches of 64x70 built in %.1f ms an epoch, valid %d; classifier %d/%d batches%n", seconds,
                lm.vocab().size(), tokens, dataLm.train().numBatches(), epochMs, dataLm.valid().numBatches(), dataClas.train().numBatches(),
                dataClas.valid().numBatches());
    }
}
