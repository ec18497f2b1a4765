package org.fastdjl.text.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.fastdjl.core.io.Weights;
import org.fastdjl.core.nn.StateDict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The classifier's evaluation forward pass equals fastai's (MultiBatchEncoder over AWD_LSTM, then
 * PoolingLinearClassifier) in PyTorch on the same weights, both ways, on batches padded at the start and
 * longer than {@code maxLen} (so chunks are dropped and the pooling is masked):
 * {@code examples/reference/text_classifier_reference.py} loads the safetensors file fastdjl wrote strictly
 * and compares to 1e-5; then fastdjl loads the file PyTorch wrote strictly and compares its logits.
 * Skipped when {@code /usr/bin/python3} has no torch.
 */
class TextClassifierReferenceTest {

    @Test
    void theClassifiersForwardPassEqualsPyTorchsOnTheSameWeightsBothWays(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(AwdLstmReferenceTest.torchAvailable(), "skipped: /usr/bin/python3 with torch not found"
                + " (apt-get install python3-torch) to run examples/reference/text_classifier_reference.py");
        Path script = Path.of(System.getProperty("fastdjl.root", ".."), "examples", "reference",
                "text_classifier_reference.py");
        assertTrue(Files.exists(script), script.toString());
        int vocab = 41;
        int nClass = 3;
        int bptt = 5;
        int maxLen = 12;
        int[] linFtrs = {10};
        double[] ps = {0.1};
        // 3 layers of sizes the AVX-512 oneDNN kernels got wrong here, fastai's classifier dropouts
        AwdLstmConfig config = AwdLstmConfig.classifier().toBuilder().optEmbSz(12).optNHid(16).optNLayers(3).build();
        int[][] batches = {{3, 23}, {2, 7}}; // 23 tokens: chunks at 0, 5 and 10 dropped (kept: 15 and 20)
        int[][] pads = {{0, 4, 19}, {0, 2}}; // leading padding of each row (19: the kept part is partly padding)
        Random r = new Random(7);
        Engine.getInstance().setRandomSeed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialRNN model = AwdLstmModels.textClassifier(vocab, nClass, config, bptt, maxLen, linFtrs, ps);
            model.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            for (Map.Entry<String, Parameter> e : StateDict.of(model).entrySet()) { // BatchNorm not at its init
                if (e.getKey().startsWith("1.layers.")) {
                    NDArray a = e.getValue().getArray();
                    boolean var = e.getKey().endsWith("running_var") || e.getKey().endsWith(".0.weight")
                            || e.getKey().endsWith(".4.weight");
                    org.fastdjl.core.nn.Tensors.copyInto(a, m.randomUniform(var ? 0.5f : -0.5f, var ? 2f : 0.5f, a.getShape()));
                }
            }
            Weights.save(model, dir.resolve("model.safetensors"));
            JsonObject c = new JsonObject();
            c.addProperty("vocab_sz", vocab);
            c.addProperty("n_class", nClass);
            c.add("config", config.toJson());
            c.addProperty("bptt", bptt);
            c.addProperty("max_len", maxLen);
            c.add("lin_ftrs", new Gson().toJsonTree(linFtrs));
            c.add("ps", new Gson().toJsonTree(ps));
            JsonArray bj = new JsonArray();
            JsonArray outs = new JsonArray();
            List<long[]> ids = new ArrayList<>();
            ParameterStore store = new ParameterStore(m, false);
            for (int b = 0; b < batches.length; b++) {
                int bs = batches[b][0];
                int sl = batches[b][1];
                long[] x = new long[bs * sl];
                for (int row = 0; row < bs; row++) {
                    for (int t = 0; t < sl; t++) {
                        x[row * sl + t] = t < pads[b][row] ? 1 : t == pads[b][row] ? 2 : 3 + r.nextInt(vocab - 3);
                    }
                }
                ids.add(x);
                JsonArray one = new JsonArray();
                one.add(bs);
                one.add(sl);
                one.add(new Gson().toJsonTree(x));
                bj.add(one);
                NDList out = model.forward(store, new NDList(m.create(x, new Shape(bs, sl))), false);
                JsonObject o = new JsonObject();
                o.add("logits", new Gson().toJsonTree(out.get(0).toFloatArray()));
                o.add("raw", new Gson().toJsonTree(out.get(3).toFloatArray()));
                o.add("out", new Gson().toJsonTree(out.get(6).toFloatArray()));
                outs.add(o);
            }
            c.add("batches", bj);
            c.add("outputs", outs);
            Files.writeString(dir.resolve("case.json"), c.toString());

            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            System.out.print(log);
            assertEquals(0, rc, "the PyTorch reference disagrees:\n" + log);
            assertTrue(log.contains("fastdjl -> PyTorch: loaded strictly"), log);

            SequentialRNN back = AwdLstmModels.textClassifier(vocab, nClass, config, bptt, maxLen, linFtrs, ps);
            back.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            Weights.load(back, dir.resolve("torch_model.safetensors"));
            JsonArray expected = JsonParser.parseString(Files.readString(dir.resolve("torch_outputs.json")))
                    .getAsJsonArray();
            for (int b = 0; b < batches.length; b++) {
                float[] have = back.forward(store, new NDList(m.create(ids.get(b), new Shape(batches[b][0],
                        batches[b][1]))), false).head().toFloatArray();
                float[] want = new Gson().fromJson(expected.get(b).getAsJsonObject().get("logits"), float[].class);
                assertEquals(want.length, have.length);
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], have[k], 1e-5, "PyTorch -> fastdjl, batch " + b + " logit " + k);
                }
            }
        }
    }
}
