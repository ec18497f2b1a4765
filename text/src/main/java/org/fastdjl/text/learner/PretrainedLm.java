package org.fastdjl.text.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import org.fastdjl.core.io.AtomicFiles;
import org.fastdjl.core.io.Weights;
import org.fastdjl.core.io.torch.PickledStrings;
import org.fastdjl.core.io.torch.TorchCheckpoint;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.transform.Vocab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A pretrained language-model folder, what fastai keeps as {@code lstm_fwd.pth} + {@code itos_wt103.pkl}:
 *
 * <ul>
 *   <li>{@code weights.safetensors}: the whole language model's {@code state_dict}, fastai's key names
 *       ({@code 0.encoder.weight}, ..., {@code 1.decoder.bias});</li>
 *   <li>{@code itos.json}: the vocab the weights were trained with ({@link Vocab#save});</li>
 *   <li>{@code config.json}: the {@link AwdLstmConfig} as fastai's dict (optional: without it the sizes
 *       are read from the weights' shapes, the dropouts are fastai's).</li>
 * </ul>
 *
 * <p>{@code ./fastdjl pretrain-lm} writes one; {@code Text.languageModelLearner(data).optPretrained(folder)}
 * loads it onto the data's vocab with {@link ConvertWeights}. A folder in fastai's layout is read too: one
 * {@code *.pth} (fastai's {@code lstm_fwd.pth}, either {@code torch.save} format, a state dict at the top
 * or under {@code 'model'}) and one {@code itos*.pkl}, through core's allow-listed pickle readers; the sizes
 * then come from the weights' shapes.
 */
public final class PretrainedLm {

    /** The weights' file name. */
    public static final String WEIGHTS = "weights.safetensors";
    /** The vocab's file name. */
    public static final String ITOS = "itos.json";
    /** The config's file name. */
    public static final String CONFIG = "config.json";

    private final Path folder;
    private final Map<String, NDArray> weights;
    private final List<String> itos;
    private final AwdLstmConfig config;
    private final boolean configInferred;

    private PretrainedLm(Path folder, Map<String, NDArray> weights, List<String> itos, AwdLstmConfig config,
            boolean configInferred) {
        this.folder = folder;
        this.weights = weights;
        this.itos = itos;
        this.config = config;
        this.configInferred = configInferred;
    }

    /**
     * Writes a pretrained folder: the weights, the vocab and the config, each file atomically (the
     * config last).
     *
     * @param folder the folder, created when missing
     * @param model the language model
     * @param vocab its vocab
     * @param config its config
     * @throws IOException if a file cannot be written
     */
    public static void write(Path folder, Block model, Vocab vocab, AwdLstmConfig config) throws IOException {
        Files.createDirectories(folder);
        Weights.save(model, folder.resolve(WEIGHTS));
        vocab.save(folder.resolve(ITOS));
        AtomicFiles.writeString(folder.resolve(CONFIG), config.toJson().toString() + "\n");
    }

    /**
     * Reads a pretrained folder.
     *
     * @param folder the folder
     * @param manager owns the weights read
     * @return the weights, vocab and config
     * @throws IOException naming the folder and what is missing or wrong in it
     */
    public static PretrainedLm read(Path folder, NDManager manager) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null,
                    "no pretrained language-model folder here (expected " + WEIGHTS + ", " + ITOS + " and " + CONFIG
                            + ", as ./fastdjl pretrain-lm writes)");
        }
        List<String> itos;
        Map<String, NDArray> weights;
        Path pth = fastaiFile(folder, ".pth", null);
        Path pkl = fastaiFile(folder, ".pkl", "itos");
        if (!Files.isRegularFile(folder.resolve(WEIGHTS)) && pth != null && pkl != null) {
            // fastai's layout (lstm_fwd.pth + itos_wt103.pkl), read without Python and without running the pickles
            weights = TorchCheckpoint.read(pth, manager);
            itos = PickledStrings.read(pkl);
        } else {
            for (String f : List.of(WEIGHTS, ITOS)) {
                if (!Files.isRegularFile(folder.resolve(f))) {
                    throw new NoSuchFileException(folder.resolve(f).toString(), null, "the pretrained folder has no "
                            + f + " (expected " + WEIGHTS + ", " + ITOS + " and optionally " + CONFIG
                            + ", or fastai's one *.pth and one itos*.pkl)");
                }
            }
            itos = Vocab.load(folder.resolve(ITOS)).itos();
            weights = Weights.read(folder.resolve(WEIGHTS), manager);
        }
        Path configFile = folder.resolve(CONFIG);
        if (Files.isRegularFile(configFile)) {
            AwdLstmConfig config;
            try {
                config = AwdLstmConfig.fromJson(Files.readString(configFile));
            } catch (IllegalArgumentException e) {
                throw new IOException(configFile + ": " + e.getMessage(), e);
            }
            return new PretrainedLm(folder, weights, itos, config, false);
        }
        return new PretrainedLm(folder, weights, itos, inferConfig(weights, folder), true);
    }

    /**
     * Reads a pretrained language model from two files, as fastai's {@code pretrained_fnames}: the weights
     * (a PyTorch {@code .pth} state dict such as fastai's {@code lstm_fwd.pth}, read by core's
     * allow-listed checkpoint reader, or a {@code .safetensors} file) and the vocab (a pickled list of
     * strings such as {@code itos_wt103.pkl}, or fastdjl's {@code itos.json}). The AWD-LSTM's sizes are
     * read from the weights' shapes.
     *
     * @param weightsFile the state dict, fastai's key names
     * @param itosFile the tokens by id
     * @param manager owns the weights read
     * @return the weights, vocab and inferred config
     * @throws IOException naming the file that is missing or not what was expected
     */
    public static PretrainedLm read(Path weightsFile, Path itosFile, NDManager manager) throws IOException {
        for (Path f : List.of(weightsFile, itosFile)) {
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString(), null, "no such pretrained file (expected a state dict "
                        + "such as lstm_fwd.pth or weights.safetensors, and a vocab such as itos_wt103.pkl or itos.json)");
            }
        }
        String wn = weightsFile.getFileName().toString();
        Map<String, NDArray> weights = wn.endsWith(".safetensors") ? Weights.read(weightsFile, manager)
                : TorchCheckpoint.read(weightsFile, manager);
        String in = itosFile.getFileName().toString();
        List<String> itos = in.endsWith(".json") ? Vocab.load(itosFile).itos() : PickledStrings.read(itosFile);
        return new PretrainedLm(weightsFile.toAbsolutePath().getParent(), weights, itos,
                inferConfig(weights, weightsFile), true);
    }

    /** The one file of the folder with this extension (and name prefix), or {@code null} if none or several. */
    private static Path fastaiFile(Path folder, String ext, String prefix) throws IOException {
        try (var files = Files.list(folder)) {
            List<Path> found = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(ext) && (prefix == null || n.startsWith(prefix)) && Files.isRegularFile(f);
            }).toList();
            return found.size() == 1 ? found.get(0) : null;
        }
    }

    /**
     * The sizes of an AWD-LSTM read from its weights' shapes: emb from {@code 0.encoder.weight}, the
     * number of layers from the {@code 0.rnns.N.} keys, hidden from the first layer's {@code
     * weight_hh_l0_raw}; fastai's language-model dropouts.
     *
     * @param weights the state dict
     * @param source where it came from, for messages
     * @return the config
     * @throws IOException when the keys or shapes are not an AWD-LSTM's
     */
    static AwdLstmConfig inferConfig(Map<String, NDArray> weights, Path source) throws IOException {
        NDArray enc = weights.get(ConvertWeights.ENCODER);
        if (enc == null || enc.getShape().dimension() != 2) {
            throw new IOException(source + ": no " + ConvertWeights.ENCODER + " (vocab, emb) among the weights, so not an"
                    + " AWD-LSTM language model (keys: " + new TreeSet<>(weights.keySet()) + ")");
        }
        int layers = 0;
        while (weights.containsKey("0.rnns." + layers + ".weight_hh_l0_raw")) {
            layers++;
        }
        if (layers == 0) {
            throw new IOException(source + ": no 0.rnns.0.weight_hh_l0_raw among the weights, so not an AWD-LSTM");
        }
        int emb = (int) enc.getShape().get(1);
        int hid = layers == 1 ? emb : (int) weights.get("0.rnns.0.weight_hh_l0_raw").getShape().get(1);
        return AwdLstmConfig.lm().toBuilder().optEmbSz(emb).optNHid(hid).optNLayers(layers)
                .optOutBias(weights.containsKey(ConvertWeights.DECODER_BIAS)).build();
    }

    /** @return the folder read */
    public Path folder() {
        return folder;
    }

    /** @return the weights by fastai key, owned by the manager given to {@link #read} */
    public Map<String, NDArray> weights() {
        return weights;
    }

    /** @return the vocab the weights were trained with */
    public List<String> itos() {
        return itos;
    }

    /** @return the config (read, or inferred from the weights) */
    public AwdLstmConfig config() {
        return config;
    }

    /** @return whether the config was inferred from the weights (no config.json) */
    public boolean configInferred() {
        return configInferred;
    }
}
