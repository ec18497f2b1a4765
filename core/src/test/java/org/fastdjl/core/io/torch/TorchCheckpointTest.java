package org.fastdjl.core.io.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the checkpoints PyTorch 1.13 wrote (both formats) and compares every tensor, bit for bit, with the
 * values the generator wrote beside them; refuses the malicious ones by name; and names the file and the
 * problem for broken ones.
 */
class TorchCheckpointTest {

    /** fastai v1's AWD-LSTM language model state dict keys, in its order (3 layers). */
    private static final List<String> AWD_LSTM_KEYS = List.of(
            "0.encoder.weight", "0.encoder_dp.emb.weight",
            "0.rnns.0.weight_hh_l0_raw", "0.rnns.0.module.weight_ih_l0", "0.rnns.0.module.weight_hh_l0",
            "0.rnns.0.module.bias_ih_l0", "0.rnns.0.module.bias_hh_l0",
            "0.rnns.1.weight_hh_l0_raw", "0.rnns.1.module.weight_ih_l0", "0.rnns.1.module.weight_hh_l0",
            "0.rnns.1.module.bias_ih_l0", "0.rnns.1.module.bias_hh_l0",
            "0.rnns.2.weight_hh_l0_raw", "0.rnns.2.module.weight_ih_l0", "0.rnns.2.module.weight_hh_l0",
            "0.rnns.2.module.bias_ih_l0", "0.rnns.2.module.bias_hh_l0",
            "1.decoder.weight", "1.decoder.bias");

    @Test
    void awdLstmStateDictLoadsBitIdenticallyFromBothFormats() throws IOException {
        Map<String, TorchFixtures.Expected> expected = TorchFixtures.expected("awd_lstm_expected.safetensors");
        assertEquals(AWD_LSTM_KEYS, List.copyOf(expected.keySet()));
        for (String name : new String[] {"awd_lstm_zip.pth", "awd_lstm_legacy.pth"}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> sd = TorchCheckpoint.read(TorchFixtures.file(name), m);
                assertEquals(AWD_LSTM_KEYS, List.copyOf(sd.keySet()), name);
                for (String key : AWD_LSTM_KEYS) {
                    TorchFixtures.assertBitIdentical(expected.get(key), sd.get(key), name + " " + key);
                    assertEquals(key, sd.get(key).getName());
                }
                assertEquals(new ai.djl.ndarray.types.Shape(100, 8), sd.get("0.encoder.weight").getShape());
                assertEquals(new ai.djl.ndarray.types.Shape(32, 8), sd.get("0.rnns.2.weight_hh_l0_raw").getShape());
                // the tied decoder shares the encoder's storage in the file; here each key has its own array
                NDArray enc = sd.get("0.encoder.weight");
                NDArray dec = sd.get("1.decoder.weight");
                assertArrayEquals(enc.toByteArray(), dec.toByteArray(), name);
                assertFalse(enc == dec, "one array per key");
            }
        }
    }

    @Test
    void everyDtypeViewAndSharedStorageLoadsBitIdenticallyFromBothFormats() throws IOException {
        Map<String, TorchFixtures.Expected> expected = TorchFixtures.expected("dtypes_expected.safetensors");
        assertEquals(20, expected.size());
        for (String name : new String[] {"dtypes_zip.pth", "dtypes_legacy.pth"}) {
            try (NDManager m = NDManager.newBaseManager()) {
                // {'model': state dict, 'opt': ...}: the state dict under 'model' is chosen
                Map<String, NDArray> sd = TorchCheckpoint.read(TorchFixtures.file(name), m);
                assertEquals(List.copyOf(expected.keySet()), List.copyOf(sd.keySet()), name);
                for (Map.Entry<String, TorchFixtures.Expected> e : expected.entrySet()) {
                    TorchFixtures.assertBitIdentical(e.getValue(), sd.get(e.getKey()), name + " " + e.getKey());
                }
                // spot checks that do not depend on the expected file
                assertArrayEquals(new long[] {-(1L << 40), -1, 0, 1, (1L << 33) + 5, 1L << 62}, sd.get("i64").toLongArray());
                assertArrayEquals(new int[] {-32768, 3, 32767}, sd.get("i16").toIntArray());
                assertArrayEquals(new long[] {-1, 2, 5, 8, 11}, sd.get("shared_a").toLongArray());
                assertEquals(sd.get("base").getFloat(2, 3), sd.get("base_t").getFloat(3, 2));
                assertEquals(sd.get("base").getFloat(1, 3), sd.get("base_col").getFloat(1));
                assertEquals(3.25f, sd.get("scalar").getFloat());
            }
        }
    }

    @Test
    void readObjectGivesTheWholeCheckpointWithPlainPythonValues() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.readObject(TorchFixtures.file("dtypes_legacy.pth"), m);
            assertEquals(List.of("model", "opt"), List.copyOf(root.keySet()));
            Map<?, ?> opt = (Map<?, ?>) root.get("opt");
            assertEquals(1e-3, opt.get("lr"));
            assertEquals(List.of(0.9, 0.99), opt.get("betas"));
            assertEquals(3, ((Number) opt.get("step")).intValue());
            assertEquals(List.of("encoder", "decoder"), opt.get("names"));
            assertTrue(opt.containsKey("nothing"));
            assertNull(opt.get("nothing"));
            Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) opt.get("state")).get(0);
            assertArrayEquals(new float[] {0.5f, 0.5f}, ((NDArray) state.get("exp_avg")).toFloatArray());
            Map<?, ?> model = (Map<?, ?>) root.get("model");
            assertEquals(20, model.size());
            assertInstanceOf(NDArray.class, model.get("f32"));
        }
    }

    @Test
    void pickledVocabularyReadsAsTheListOfStrings() throws IOException {
        List<String> itos = PickledStrings.read(TorchFixtures.file("itos_tiny.pkl"));
        List<String> lines = Files.readAllLines(TorchFixtures.file("itos_tiny.txt"), StandardCharsets.UTF_8);
        assertEquals(100, itos.size());
        assertEquals(lines, itos);
        assertEquals(List.of("xxunk", "xxpad", "xxbos"), itos.subList(0, 3));
        assertTrue(itos.contains("日本") && itos.contains("emoji🙂"), "UTF-8 beyond Latin-1 survives");
    }

    @Test
    void checkpointCallingOsSystemIsRefusedByNameAndNothingRuns() throws IOException {
        Path marker = Path.of("/tmp/fastdjl-pwned-by-pth");
        Files.deleteIfExists(marker);
        Path evil = TorchFixtures.file("evil_system.pth");
        try (NDManager m = NDManager.newBaseManager()) {
            ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class, () -> TorchCheckpoint.read(evil, m));
            assertEquals("posix.system", e.global());
            assertTrue(e.getMessage().contains(evil.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("calls posix.system"), e.getMessage());
            assertThrows(ForbiddenGlobalException.class, () -> TorchCheckpoint.readObject(evil, m));
        }
        assertFalse(Files.exists(marker), "the pickled command must never run");
    }

    @Test
    void pickleCallingEvalIsRefusedByNameAndNothingRuns() throws IOException {
        Path marker = Path.of("/tmp/fastdjl-pwned-by-pkl");
        Files.deleteIfExists(marker);
        Path evil = TorchFixtures.file("evil_eval.pkl");
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class, () -> PickledStrings.read(evil));
        assertEquals("builtins.eval", e.global());
        assertTrue(e.getMessage().startsWith(evil + ": refused: the pickle calls builtins.eval"), e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            // read as a legacy checkpoint, the first pickle is the evil one: refused before anything else
            ForbiddenGlobalException e2 = assertThrows(ForbiddenGlobalException.class, () -> TorchCheckpoint.read(evil, m));
            assertEquals("builtins.eval", e2.global());
        }
        assertFalse(Files.exists(marker), "the pickled expression must never run");
    }

    @Test
    void truncatedLegacyFilesNameTheFileAndWhatIsMissing() throws IOException {
        byte[] whole = Files.readAllBytes(TorchFixtures.file("awd_lstm_legacy.pth"));
        Path dir = TestData.tempDir();
        // cut in the headers, in the main pickle, in the keys list, in the storages and in the last byte
        for (int cut : new int[] {1, 30, 200, 1000, whole.length / 2, whole.length - 1}) {
            Path f = dir.resolve("cut" + cut + ".pth");
            Files.write(f, Arrays.copyOf(whole, cut));
            try (NDManager m = NDManager.newBaseManager()) {
                IOException e = assertThrows(IOException.class, () -> TorchCheckpoint.read(f, m), "cut at " + cut);
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                assertTrue(e.getMessage().contains("truncated"), "cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void truncatedOrDamagedZipFilesNameTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(TorchFixtures.file("awd_lstm_zip.pth"));
        Path dir = TestData.tempDir();
        for (int cut : new int[] {10, whole.length / 2, whole.length - 30}) {
            Path f = dir.resolve("cut" + cut + ".pth");
            Files.write(f, Arrays.copyOf(whole, cut));
            try (NDManager m = NDManager.newBaseManager()) {
                IOException e = assertThrows(IOException.class, () -> TorchCheckpoint.read(f, m), "cut at " + cut);
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
                assertTrue(e.getMessage().contains("zip"), e.getMessage());
            }
        }
    }

    @Test
    void otherFilesAreNotTakenForCheckpoints() throws IOException {
        Path dir = TestData.tempDir();
        Path empty = Files.write(dir.resolve("empty.pth"), new byte[0]);
        Path text = Files.writeString(dir.resolve("text.pth"), "hello, not a checkpoint\n");
        Path gz = Files.write(dir.resolve("wt103-fwd.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Path itos = TorchFixtures.file("itos_tiny.pkl");
        try (NDManager m = NDManager.newBaseManager()) {
            assertMessage(() -> TorchCheckpoint.read(empty, m), empty + ": not a PyTorch checkpoint: the file is empty");
            assertMessage(() -> TorchCheckpoint.read(text, m), text + ": not a PyTorch checkpoint");
            assertMessage(() -> TorchCheckpoint.read(gz, m), gz + ": a gzip-compressed file");
            assertMessage(() -> TorchCheckpoint.read(itos, m), itos + ": a pickle, but not a torch.save checkpoint");
            assertMessage(() -> TorchCheckpoint.read(dir.resolve("nope.pth"), m), "nope.pth");
        }
        assertMessage(() -> PickledStrings.read(TorchFixtures.file("awd_lstm_zip.pth")), "a zip archive");
        assertMessage(() -> PickledStrings.read(TorchFixtures.file("awd_lstm_legacy.pth")), "holds a int, expected a list of strings");
        assertMessage(() -> PickledStrings.read(empty), empty + ": empty file");
    }

    @Test
    void corruptPickleBytesGiveOneErrorNamingTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(TorchFixtures.file("awd_lstm_legacy.pth"));
        int dict = indexOf(bytes, "ccollections\nOrderedDict\n");
        int rebuild = indexOf(bytes, "_rebuild_tensor_v2");
        assertTrue(dict > 0 && rebuild > dict, "the fixture's main pickle");
        Path dir = TestData.tempDir();
        byte[] badOpcode = bytes.clone();
        badOpcode[dict] = (byte) 0xff;
        Path f1 = Files.write(dir.resolve("opcode.pth"), badOpcode);
        byte[] badGlobal = bytes.clone();
        badGlobal[rebuild + 2] = 'X';
        Path f2 = Files.write(dir.resolve("global.pth"), badGlobal);
        try (NDManager m = NDManager.newBaseManager()) {
            assertMessage(() -> TorchCheckpoint.read(f1, m), f1 + ": not a valid pickle (at byte " + (dict + 1) + ")");
            ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class, () -> TorchCheckpoint.read(f2, m));
            assertEquals("torch._utils._rXbuild_tensor_v2", e.global());
        }
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IOException e = assertThrows(IOException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
