package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.io.Weights;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The evaluation-mode forward pass equals fastai's AWD-LSTM in PyTorch on the same weights, both ways:
 * {@code examples/reference/awd_lstm_reference.py} (Debian's python3-torch) loads the safetensors file
 * fastdjl wrote strictly and compares every output to 1e-5; then fastdjl loads the file PyTorch wrote
 * strictly and compares again. Skipped when {@code /usr/bin/python3} has no torch.
 */
class AwdLstmReferenceTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    static boolean torchAvailable() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theForwardPassEqualsPyTorchsOnTheSameWeightsBothWays(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(torchAvailable(), "skipped: /usr/bin/python3 with torch not found (apt-get install"
                + " python3-torch) to run examples/reference/awd_lstm_reference.py");
        Path script = Path.of(System.getProperty("fastdjl.root", ".."), "examples", "reference",
                "awd_lstm_reference.py");
        assertTrue(Files.exists(script), script.toString());
        int vocab = 37;
        // 3 layers (emb -> hidden -> hidden -> emb), sizes the AVX-512 oneDNN kernels got wrong here
        AwdLstmConfig config = AwdLstmConfig.lm().toBuilder().optEmbSz(12).optNHid(16).optNLayers(3).build();
        int[][] batches = {{2, 5}, {2, 3}, {1, 4}}; // carried 5 -> 3 steps, then a new batch size (reset)
        Random r = new Random(3);
        Engine.getInstance().setRandomSeed(17);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = AwdLstmModels.languageModel(vocab, config);
            model.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            Weights.save(model, dir.resolve("model.safetensors"));
            JsonObject c = new JsonObject();
            c.addProperty("vocab_sz", vocab);
            c.add("config", config.toJson());
            JsonArray bj = new JsonArray();
            JsonArray outs = new JsonArray();
            List<long[]> ids = new ArrayList<>();
            model.reset();
            for (int[] b : batches) {
                long[] x = new long[b[0] * b[1]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextInt(vocab);
                }
                x[0] = 1; // the padding token too
                ids.add(x);
                JsonArray one = new JsonArray();
                one.add(b[0]);
                one.add(b[1]);
                one.add(new Gson().toJsonTree(x));
                bj.add(one);
                NDList out = Tiny.forward(model, m, m.create(x, new Shape(b[0], b[1])), false);
                JsonObject o = new JsonObject();
                o.add("decoded", new Gson().toJsonTree(out.get(0).toFloatArray()));
                JsonArray raw = new JsonArray();
                JsonArray dropped = new JsonArray();
                for (int l = 0; l < 3; l++) {
                    raw.add(new Gson().toJsonTree(out.get(1 + l).toFloatArray()));
                    dropped.add(new Gson().toJsonTree(out.get(4 + l).toFloatArray()));
                }
                o.add("raw", raw);
                o.add("out", dropped);
                outs.add(o);
            }
            c.add("batches", bj);
            c.add("outputs", outs);
            Files.writeString(dir.resolve("case.json"), c.toString());

            Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            System.out.print(log);
            assertEquals(0, rc, "the PyTorch reference disagrees:\n" + log);
            assertTrue(log.contains("fastdjl -> PyTorch: loaded strictly"), log);

            // the other way: PyTorch's state_dict loads strictly here and gives PyTorch's outputs
            SequentialRNN back = AwdLstmModels.languageModel(vocab, config);
            back.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            Weights.load(back, dir.resolve("torch_model.safetensors"));
            JsonArray expected = JsonParser.parseString(Files.readString(dir.resolve("torch_outputs.json")))
                    .getAsJsonArray();
            back.reset();
            for (int i = 0; i < batches.length; i++) {
                NDArray got = Tiny.forward(back, m, m.create(ids.get(i), new Shape(batches[i][0], batches[i][1])),
                        false).head();
                float[] want = new Gson().fromJson(expected.get(i).getAsJsonObject().get("decoded"), float[].class);
                float[] have = got.toFloatArray();
                assertEquals(want.length, have.length);
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], have[k], 1e-5, "PyTorch -> fastdjl, batch " + i + " logit " + k);
                }
            }
        }
    }
}
