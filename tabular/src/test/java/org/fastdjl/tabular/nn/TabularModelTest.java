package org.fastdjl.tabular.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.nn.BlockList;

import org.junit.jupiter.api.Test;

import org.fastdjl.core.io.Weights;
import org.fastdjl.core.nn.BatchNorm1d;
import org.fastdjl.core.nn.Linear;
import org.fastdjl.core.nn.StateDict;

/** fastai 1.0.61's {@code TabularModel} layout, checked against its state_dict keys. */
class TabularModelTest {

    /** The lesson's embeddings: Embedding(10, 6) (17, 8) (8, 5) (16, 8) (7, 5) (6, 4) (3, 3). */
    private static final List<int[]> LESSON_EMBS = List.of(new int[] {10, 6}, new int[] {17, 8}, new int[] {8, 5},
            new int[] {16, 8}, new int[] {7, 5}, new int[] {6, 4}, new int[] {3, 3});

    /**
     * {@code tabular_learner(data, layers=[200,100], metrics=accuracy).model.state_dict().keys()} for
     * the lesson, written out from fastai 1.0.61's layout: embeds (ModuleList), emb_drop (no
     * parameters), bn_cont, then layers = Sequential(Linear(42, 200), ReLU, BatchNorm1d(200),
     * Linear(200, 100), ReLU, BatchNorm1d(100), Linear(100, 2)).
     */
    private static final List<String> FASTAI_KEYS = List.of(
            "embeds.0.weight", "embeds.1.weight", "embeds.2.weight", "embeds.3.weight", "embeds.4.weight",
            "embeds.5.weight", "embeds.6.weight",
            "bn_cont.weight", "bn_cont.bias", "bn_cont.running_mean", "bn_cont.running_var",
            "bn_cont.num_batches_tracked",
            "layers.0.weight", "layers.0.bias",
            "layers.2.weight", "layers.2.bias", "layers.2.running_mean", "layers.2.running_var",
            "layers.2.num_batches_tracked",
            "layers.3.weight", "layers.3.bias",
            "layers.5.weight", "layers.5.bias", "layers.5.running_mean", "layers.5.running_var",
            "layers.5.num_batches_tracked",
            "layers.6.weight", "layers.6.bias");

    private static TabularModel lessonModel(NDManager m, float... ps) {
        TabularModel model = new TabularModel(LESSON_EMBS, 3, 2, new int[] {200, 100}, ps, 0f, null, true, false);
        model.initialize(m, DataType.FLOAT32, new Shape(4, 7), new Shape(4, 3));
        return model;
    }

    private static List<String> withoutNumBatchesTracked(List<String> keys) {
        List<String> out = new ArrayList<>(keys);
        out.removeIf(k -> k.endsWith(".num_batches_tracked"));
        return out;
    }

    private static NDList inputs(NDManager m, int bs, int[] cards, int nCont) {
        long[] cats = new long[bs * cards.length];
        for (int r = 0; r < bs; r++) {
            for (int j = 0; j < cards.length; j++) {
                cats[r * cards.length + j] = (r + j) % cards[j];
            }
        }
        return new NDList(m.create(cats, new Shape(bs, cards.length)),
                m.randomNormal(new Shape(bs, nCont)));
    }

    @Test
    void stateDictKeysAreFastais() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> sd = StateDict.of(lessonModel(m));
            // PyTorch's BatchNorm counter num_batches_tracked is the one key fastdjl does not keep: it is
            // unused with a fixed momentum, Weights.load accepts and ignores it, and PyTorch's
            // load_state_dict fills it in when absent.
            assertEquals(withoutNumBatchesTracked(FASTAI_KEYS), new ArrayList<>(sd.keySet()));
            assertEquals(new Shape(200, 42), sd.get("layers.0.weight").getArray().getShape(), "Linear(42, 200)");
            assertEquals(new Shape(17, 8), sd.get("embeds.1.weight").getArray().getShape());
            assertEquals(new Shape(2, 100), sd.get("layers.6.weight").getArray().getShape());
        }
    }

    @Test
    void aFileWithFastaisFullKeySetLoads() throws IOException {
        Path file = Files.createTempFile("tabular-fastai", ".safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            TabularModel source = lessonModel(m);
            NDList all = new NDList();
            Map<String, Parameter> sd = StateDict.of(source);
            for (String key : FASTAI_KEYS) {
                NDArray a = key.endsWith("num_batches_tracked")
                        ? m.create(505L) : sd.get(key).getArray().duplicate().add(1f);
                a.setName(key);
                all.add(a);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                all.encode(out, NDList.Encoding.SAFETENSORS);
            }
            TabularModel target = lessonModel(m);
            Weights.load(target, file);
            float expected = sd.get("layers.3.bias").getArray().getFloat(7) + 1f;
            assertEquals(expected, StateDict.of(target).get("layers.3.bias").getArray().getFloat(7), 1e-6);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void noBatchNormBeforeTheFirstLinearAndNoReluAfterTheLast() {
        try (NDManager m = NDManager.newBaseManager()) {
            BlockList layers = lessonModel(m).layers().getChildren();
            assertEquals(7, layers.size());
            assertInstanceOf(Linear.class, layers.get(0).getValue(), "the first layer is the Linear");
            assertInstanceOf(BatchNorm1d.class, layers.get(2).getValue());
            assertInstanceOf(Linear.class, layers.get(3).getValue());
            assertInstanceOf(BatchNorm1d.class, layers.get(5).getValue());
            assertInstanceOf(Linear.class, layers.get(6).getValue(), "the last layer is the output Linear");
        }
    }

    @Test
    void dropoutZeroAddsNoLayerAndOtherDropoutsSitAfterTheBatchNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(new ArrayList<>(StateDict.of(lessonModel(m)).keySet()),
                    new ArrayList<>(StateDict.of(lessonModel(m, 0f, 0f)).keySet()), "ps [0, 0] as no ps");
            assertEquals(7, lessonModel(m, 0f).layers().getChildren().size(), "ps [0] for all layers");
            BlockList layers = lessonModel(m, 0.5f, 0f).layers().getChildren();
            assertEquals(8, layers.size(), "one Dropout for the one non-zero p");
            assertInstanceOf(BatchNorm1d.class, layers.get(2).getValue());
            assertInstanceOf(Dropout.class, layers.get(3).getValue(), "bn_drop_lin: BN, Dropout, Linear");
            assertInstanceOf(Linear.class, layers.get(4).getValue());
            assertTrue(StateDict.of(lessonModel(m, 0.5f, 0f)).containsKey("layers.4.weight"),
                    "keys shift as in fastai");
        }
    }

    @Test
    void forwardShapesWithAndWithoutEachInputKind() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            TabularModel lesson = lessonModel(m);
            NDArray out = lesson.forward(ps, inputs(m, 5, new int[] {10, 17, 8, 16, 7, 6, 3}, 3), true).head();
            assertEquals(new Shape(5, 2), out.getShape());
            assertEquals(new Shape(5, 2), lesson.forward(ps, inputs(m, 5, new int[] {10, 17, 8, 16, 7, 6, 3}, 3),
                    false).head().getShape(), "evaluation mode too");

            TabularModel catsOnly = new TabularModel(List.of(new int[] {4, 3}), 0, 3, new int[] {8}, null, 0.1f, null,
                    true, false);
            catsOnly.initialize(m, DataType.FLOAT32, new Shape(2, 1), new Shape(2, 0));
            NDList x = new NDList(m.create(new long[] {1, 3}, new Shape(2, 1)), m.create(new float[0], new Shape(2, 0)));
            assertEquals(new Shape(2, 3), catsOnly.forward(ps, x, true).head().getShape());

            TabularModel contsOnly = new TabularModel(List.of(), 2, 1, new int[] {8, 4}, null, 0f,
                    new float[] {-1f, 1f}, true, false);
            contsOnly.initialize(m, DataType.FLOAT32, new Shape(3, 0), new Shape(3, 2));
            NDList y = new NDList(m.create(new long[0], new Shape(3, 0)), m.randomNormal(new Shape(3, 2)).mul(100f));
            NDArray r = contsOnly.forward(ps, y, false).head();
            assertEquals(new Shape(3, 1), r.getShape());
            for (float v : r.toFloatArray()) {
                // sigmoid saturates to exactly 0 or 1 in float32 for inputs this large: a closed interval
                assertTrue(v >= -1f && v <= 1f, "y_range squashes into [-1, 1]: " + v);
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TabularModel(LESSON_EMBS, 3, 2, new int[] {200, 100}, new float[] {0.1f, 0.2f, 0.3f}, 0f, null,
                        true, false), "three ps for two layers");
        assertThrows(IllegalArgumentException.class,
                () -> new TabularModel(List.of(), 0, 2, new int[] {10}, null, 0f, null, true, false), "no inputs");
    }
}
