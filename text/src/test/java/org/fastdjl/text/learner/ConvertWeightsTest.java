package org.fastdjl.text.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** fastai's convert_weights: known rows copied, new tokens get the mean, for embedding, decoder and bias. */
class ConvertWeightsTest {

    @Test
    void knownTokensKeepTheirRowsAndNewTokensGetTheMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 4 old tokens x 2 columns; row i = (i, 10 i); bias i = 100 + i
            NDArray enc = m.create(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, new Shape(4, 2));
            NDArray bias = m.create(new float[] {100, 101, 102, 103});
            NDArray other = m.create(new float[] {7, 7, 7});
            Map<String, NDArray> w = new LinkedHashMap<>();
            w.put("0.encoder.weight", enc);
            w.put("0.encoder_dp.emb.weight", enc.duplicate());
            w.put("0.rnns.0.weight_hh_l0_raw", other);
            w.put("1.decoder.weight", enc.duplicate());
            w.put("1.decoder.bias", bias);
            List<String> oldItos = List.of("xxunk", "xxpad", "cat", "dog");
            List<String> newItos = List.of("xxunk", "dog", "zebra", "xxpad", "cat", "yak");

            Map<String, NDArray> c = ConvertWeights.convert(w, oldItos, newItos);

            float[] expected = {0, 0, 3, 30, 1.5f, 15, 1, 10, 2, 20, 1.5f, 15};
            assertArrayEquals(expected, c.get("0.encoder.weight").toFloatArray());
            assertArrayEquals(expected, c.get("0.encoder_dp.emb.weight").toFloatArray());
            assertArrayEquals(expected, c.get("1.decoder.weight").toFloatArray());
            assertArrayEquals(new float[] {100, 103, 101.5f, 101, 102, 101.5f}, c.get("1.decoder.bias").toFloatArray());
            assertEquals(new Shape(6, 2), c.get("0.encoder.weight").getShape());
            assertNotSame(c.get("0.encoder.weight"), c.get("1.decoder.weight"), "clones, as fastai's");
            assertSame(other, c.get("0.rnns.0.weight_hh_l0_raw"), "everything else is kept");
            assertArrayEquals(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, w.get("0.encoder.weight").toFloatArray(),
                    "the input is left unchanged");
        }
    }

    @Test
    void aVocabThatDoesNotFitTheEmbeddingIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> w = Map.of("0.encoder.weight", m.zeros(new Shape(5, 3)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConvertWeights.convert(w, List.of("a", "b"), List.of("a")));
            assertEquals("the embedding 0.encoder.weight has shape (5, 3) but its vocab has 2 tokens", e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ConvertWeights.convert(Map.of("x", m.zeros(new Shape(1))), List.of("a"), List.of("a")));
        }
    }
}
