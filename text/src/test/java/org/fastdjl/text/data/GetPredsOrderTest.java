package org.fastdjl.text.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.LambdaBlock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation batches come longest first, yet getPreds puts each prediction back at its document. */
class GetPredsOrderTest {

    @TempDir
    Path tmp;

    @Test
    void predictionsComeBackInDataSetOrder() throws IOException {
        Files.writeString(tmp.resolve("texts.csv"), TextListTest.reviewsCsv(60));
        TextClasDataBunch data = (TextClasDataBunch) TextList.fromCsv(tmp, "texts.csv", "text")
                .optTokenizer(TextListTest.TOK).splitFromCol(2).labelFromCol(0).databunch(4);
        // a "model" whose first logit is the document's length without padding, the second 0
        LambdaBlock lengths = new LambdaBlock(in -> {
            NDArray x = in.head();
            NDArray len = x.neq(PadCollate.PAD_IDX).toType(DataType.FLOAT32, false).sum(new int[] {1});
            return new NDList(len.stack(len.zerosLike(), 1).mul(0.1f));
        });
        try (Learner learn = Learner.builder(data, lengths).build()) {
            Predictions p = learn.getPreds(DatasetType.VALID);
            TextSplit valid = data.data().valid();
            assertEquals(valid.size(), p.size());
            float[] values = p.values();
            float[] targets = p.targets();
            for (int i = 0; i < valid.size(); i++) {
                double z = Math.exp(0.1 * valid.length(i));
                assertEquals(z / (z + 1), values[2 * i], 1e-5, "document " + i);
                assertEquals(valid.label(i), targets[i], 0, "target of document " + i);
            }
            int[] labels = new int[valid.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (int) targets[i];
            }
            assertArrayEquals(valid.labels(), labels);
        }
    }
}
