package org.fastdjl.text.learner;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.export.ExportContent;
import org.fastdjl.core.io.Weights;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.nn.AwdLstm;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.SequentialRNN;
import org.fastdjl.text.transform.Vocab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The learner fastai v1's {@code language_model_learner} returns ({@code LanguageLearner}, an {@code
 * RNNLearner}): training with the {@link RNNTrainer} callback, plus text generation ({@link #predict},
 * {@link #beamSearch}) and the encoder's weights on their own ({@link #saveEncoder}, {@link
 * #loadEncoder}) for the classifier. {@link #validate} and {@link #getPreds} reset the hidden state
 * first, as fastai's {@code RNNLearner} does.
 *
 * <pre>{@code
 * LanguageLearner learn = Text.languageModelLearner(dataLm, AwdLstmConfig.lm()).optDropMult(0.3).build();
 * learn.fitOneCycle(1, Lr.of(1e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN, Double.NaN);
 * System.out.println(learn.predict("I liked this movie because", 40, 0.75));
 * learn.saveEncoder("fine_tuned_enc");
 * }</pre>
 */
public class LanguageLearner extends Learner {

    /** The kind written in an export of a language model (see {@link #export()}). */
    public static final String EXPORT_KIND = "text_lm";

    private final TextLMDataBunch lmData;
    private final Vocab vocab;
    private final SequentialRNN lm;
    private final AwdLstmConfig config;

    /**
     * Creates the learner; use {@link Text#languageModelLearner}.
     *
     * @param builder the learner settings, with an AWD-LSTM language model
     * @param data the language-model data
     * @param lm the model (the builder's)
     * @param config the model's config (after {@code dropMult})
     */
    LanguageLearner(Learner.Builder builder, TextLMDataBunch data, SequentialRNN lm, AwdLstmConfig config) {
        this(builder, data, data.vocab(), lm, config);
    }

    /**
     * Creates the learner of a loaded export: no language-model data, only its vocab.
     *
     * @param builder the learner settings (an empty data bunch)
     * @param data the language-model data, or {@code null} for a loaded export
     * @param vocab the vocab the model was trained on
     * @param lm the model
     * @param config the model's config
     */
    LanguageLearner(Learner.Builder builder, TextLMDataBunch data, Vocab vocab, SequentialRNN lm,
            AwdLstmConfig config) {
        super(builder);
        this.lmData = data;
        this.vocab = vocab;
        this.lm = lm;
        this.config = config;
    }

    /**
     * The language-model data.
     *
     * @return the data
     * @throws IllegalStateException for a learner loaded from an export, which carries no data
     */
    public TextLMDataBunch lmData() {
        if (lmData == null) {
            throw new IllegalStateException("this language model was loaded from an export and has no data; "
                    + "build a learner on a TextLMDataBunch (Text.languageModelLearner) to train it");
        }
        return lmData;
    }

    /** @return the vocab */
    public Vocab vocab() {
        return vocab;
    }

    /** @return the model: an {@link AwdLstm} and its tied decoder */
    public SequentialRNN lm() {
        return lm;
    }

    /** @return the encoder, {@code model[0]} */
    public AwdLstm encoder() {
        return AwdLstmModels.encoder(lm);
    }

    /** @return the model's config (dropouts after {@code dropMult}) */
    public AwdLstmConfig config() {
        return config;
    }

    /** Sets the hidden state back to zeros, as fastai's {@code learn.model.reset()}. */
    public void reset() {
        lm.reset();
    }

    /** Resets the hidden state, then validates (fastai's {@code RNNLearner} resets in {@code get_preds}). */
    @Override
    public List<Double> validate(DatasetType type) {
        reset();
        return super.validate(type);
    }

    /** Resets the hidden state, then predicts, as fastai's {@code RNNLearner.get_preds}. */
    @Override
    public Predictions getPreds(DatasetType type) {
        reset();
        return super.getPreds(type);
    }

    // --- generation --------------------------------------------------------------------------------

    /**
     * The next word, sampled: {@code predict(text, 1)}.
     *
     * @param text the prompt
     * @return the prompt followed by one word
     */
    public String predict(String text) {
        return predict(text, 1);
    }

    /**
     * {@code predict(text, nWords, temperature 1, no minP, noUnk true)}.
     *
     * @param text the prompt
     * @param nWords the number of tokens to add
     * @return the prompt followed by the new words
     */
    public String predict(String text, int nWords) {
        return predict(text, nWords, 1.0);
    }

    /**
     * {@code predict(text, nWords, temperature, no minP, noUnk true)}, the lesson's call.
     *
     * @param text the prompt
     * @param nWords the number of tokens to add
     * @param temperature the sampling temperature (fastai's 0.75 in the lesson)
     * @return the prompt followed by the new words
     */
    public String predict(String text, int nWords, double temperature) {
        return predict(text, nWords, temperature, Double.NaN, true);
    }

    /**
     * fastai's {@code LanguageLearner.predict(text, n_words, no_unk, temperature, min_p)}: resets the
     * hidden state, tokenizes the prompt ({@code xxbos} first, as the data was), feeds it once, then one
     * token at a time with the carried state; each next token is drawn from the softmax of the last
     * position's logits, with {@code xxunk} excluded when {@code noUnk}, the tokens below {@code minP}
     * dropped (unless none reaches it: then a warning and none dropped), and the probabilities raised
     * to {@code 1/temperature}. The new tokens are turned back into readable text ({@link
     * org.fastdjl.text.transform.SpecialTokens#decode}). Draws come from the engine's generator: after
     * {@code Engine.getInstance().setRandomSeed(s)} the same call gives the same text.
     *
     * @param text the prompt, not blank
     * @param nWords the number of tokens to add, at least 0
     * @param temperature above 0; below 1 favours likely words
     * @param minP drop tokens below this probability; {@code NaN} (or 0) for none
     * @param noUnk never produce {@code xxunk}
     * @return the prompt, a space, and the new words
     * @throws IllegalArgumentException for a blank prompt, a negative count or a temperature not above 0
     */
    public synchronized String predict(String text, int nWords, double temperature, double minP, boolean noUnk) {
        return new LmGeneration(this).predict(text, nWords, temperature, minP, noUnk);
    }

    /**
     * fastai's {@code beam_search(text, n_words, no_unk=True, top_k=10, beam_sz=1000, temperature=1.)}.
     *
     * @param text the prompt, not blank
     * @param nWords the number of tokens to add
     * @param beamSz the number of beams kept
     * @param temperature divides the beams' scores before the final draw
     * @return the prompt and the chosen beam
     * @see #beamSearch(String, int, boolean, int, int, double)
     */
    public String beamSearch(String text, int nWords, int beamSz, double temperature) {
        return beamSearch(text, nWords, true, 10, beamSz, temperature);
    }

    /**
     * fastai's {@code LanguageLearner.beam_search}: resets the hidden state and feeds the prompt; at
     * each step every beam is extended by its {@code topK} most likely next tokens ({@code xxunk}
     * excluded when {@code noUnk}), scored by their summed negative log-probabilities, and the {@code
     * beamSz} best are kept (the hidden state follows them through {@link AwdLstm#selectHidden}); at the
     * end one beam is drawn with probability {@code exp(-score / temperature)}. As fastai's, the returned
     * text is the prompt followed by the chosen beam, which starts with the prompt's own tokens (all but
     * {@code xxbos}). Unlike fastai's, the final draw subtracts the best score first, so long beams (whose
     * {@code exp(-score)} underflows to 0 in float32) can still be drawn.
     *
     * @param text the prompt, not blank
     * @param nWords the number of tokens to add
     * @param noUnk never produce {@code xxunk}
     * @param topK candidates per beam per step
     * @param beamSz the number of beams kept
     * @param temperature divides the scores before the final draw
     * @return the prompt and the chosen beam
     */
    public synchronized String beamSearch(String text, int nWords, boolean noUnk, int topK, int beamSz,
            double temperature) {
        return new LmGeneration(this).beamSearch(text, nWords, noUnk, topK, beamSz, temperature);
    }

    // --- export ------------------------------------------------------------------------------------

    /**
     * What {@link #export()} writes for a language model: the AWD-LSTM's config (fastai's dict) and the
     * vocab with the tokenizer's rules, so that {@code Learners.load(file, LanguageLearner.class)} can
     * {@link #predict} and {@link #beamSearch} in another JVM with no data.
     */
    @Override
    protected ExportContent exportContent() {
        JsonObject model = config.toJson();
        model.addProperty("numThreads", numThreads());
        JsonObject pipeline = new JsonObject();
        JsonArray itos = new JsonArray();
        vocab.itos().forEach(itos::add);
        pipeline.add("itos", itos);
        pipeline.addProperty("tokenizer", TextExports.TOKENIZER);
        return new ExportContent(EXPORT_KIND, TextExports.MODULE, model, pipeline);
    }

    // --- the encoder's weights ---------------------------------------------------------------------

    /**
     * Saves the encoder's weights to {@code modelPath()/name.safetensors}, with fastai's encoder key names
     * ({@code encoder.weight}, {@code encoder_dp.emb.weight}, {@code rnns.0.weight_hh_l0_raw}, ...), as
     * fastai's {@code save_encoder}.
     *
     * @param name the file name without extension
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public Path saveEncoder(String name) throws IOException {
        Path file = modelPath().resolve(name + ".safetensors");
        Weights.save(encoder(), file);
        return file;
    }

    /**
     * Loads encoder weights saved by {@link #saveEncoder} (by this learner or a classifier's), then
     * freezes all but the last layer group, as fastai's {@code load_encoder}.
     *
     * @param name the file name without extension
     * @throws IOException if the file is missing, or was saved for another vocab or size (the message
     *     names both shapes)
     */
    public void loadEncoder(String name) throws IOException {
        loadEncoderInto(encoder(), modelPath().resolve(name + ".safetensors"));
        freeze();
    }

    /**
     * Loads an encoder file into an AWD-LSTM, strictly, naming both shapes when the file was saved for
     * another vocab or size.
     *
     * @param encoder the encoder
     * @param file the file written by {@link #saveEncoder}
     * @throws IOException if it is missing or does not fit
     */
    static void loadEncoderInto(AwdLstm encoder, Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no saved encoder here (saveEncoder writes one)");
        }
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> state = Weights.read(file, cpu);
            NDArray emb = state.get("encoder.weight");
            Shape mine = encoder.encoder().weight().getArray().getShape();
            if (emb != null && !emb.getShape().equals(mine)) {
                Shape theirs = emb.getShape();
                if (theirs.dimension() == 2 && theirs.get(1) == mine.get(1) && theirs.get(0) != mine.get(0)) {
                    throw new IOException("cannot load the encoder " + file + ": it was saved with a vocab of "
                            + theirs.get(0) + " tokens but this model's vocab has " + mine.get(0) + " (embedding "
                            + theirs + " vs " + mine + "): make the data with the language model's vocab"
                            + " (TextList...optVocab(dataLm.vocab()))");
                }
                throw new IOException("cannot load the encoder " + file + ": its embedding is " + theirs
                        + " (vocab x emb) but this model's is " + mine + " (vocab " + mine.get(0) + ", emb "
                        + mine.get(1) + "): it was saved with another vocab or model size");
            }
            Weights.loadStateDict(encoder, state, "the encoder " + file);
        }
    }
}
