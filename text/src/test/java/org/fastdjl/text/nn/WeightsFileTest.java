package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.fastdjl.core.io.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** A language model's safetensors file holds fastai's full state_dict, and loads back strictly. */
class WeightsFileTest {

    @Test
    void theFileHoldsFastaisKeysAndLoadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lm.safetensors");
        try (NDManager m = NDManager.newBaseManager(); NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            SequentialRNN a = Tiny.lm(m, Tiny.config());
            Weights.save(a, file);
            Map<String, NDArray> state = Weights.read(file, cpu);
            assertEquals(Set.of("0.encoder.weight", "0.encoder_dp.emb.weight",
                    "0.rnns.0.weight_hh_l0_raw", "0.rnns.0.module.weight_ih_l0", "0.rnns.0.module.weight_hh_l0",
                    "0.rnns.0.module.bias_ih_l0", "0.rnns.0.module.bias_hh_l0",
                    "0.rnns.1.weight_hh_l0_raw", "0.rnns.1.module.weight_ih_l0", "0.rnns.1.module.weight_hh_l0",
                    "0.rnns.1.module.bias_ih_l0", "0.rnns.1.module.bias_hh_l0",
                    "1.decoder.weight", "1.decoder.bias"), state.keySet());
            assertEquals(state.get("0.encoder.weight"), state.get("1.decoder.weight"));
            assertEquals(state.get("0.encoder.weight"), state.get("0.encoder_dp.emb.weight"));
            assertEquals(state.get("0.rnns.1.weight_hh_l0_raw"), state.get("0.rnns.1.module.weight_hh_l0"));

            ai.djl.engine.Engine.getInstance().setRandomSeed(99);
            SequentialRNN b = AwdLstmModels.languageModel(Tiny.VOCAB, Tiny.config());
            b.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(2, 5));
            Weights.load(b, file);
            NDArray ids = Tiny.ids(m, 2, 4, 1);
            assertTrue(Tiny.maxAbsDiff(Tiny.forward(a, m, ids, false).head(), Tiny.forward(b, m, ids, false).head()) == 0f);

            // the derived copies may be absent (the raw weight is the truth) ...
            state.remove("0.rnns.0.module.weight_hh_l0");
            state.remove("0.encoder_dp.emb.weight");
            Weights.loadStateDict(b, state, "a state dict without its derived copies");
            // ... but a real parameter may not
            state.remove("0.rnns.1.module.bias_hh_l0");
            IOException e = assertThrows(IOException.class, () -> Weights.loadStateDict(b, state, "a short state dict"));
            assertTrue(e.getMessage().contains("missing key 0.rnns.1.module.bias_hh_l0"), e.getMessage());
        }
    }
}
