package org.fastdjl.text.learner;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.export.ExportContent;
import org.fastdjl.core.export.InputRecord;
import org.fastdjl.core.export.RecordHeader;
import org.fastdjl.core.export.RecordPredictable;
import org.fastdjl.core.export.RecordPredictor;
import org.fastdjl.core.io.Weights;
import org.fastdjl.core.learner.ClassPrediction;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.text.data.PadCollate;
import org.fastdjl.text.nn.AwdLstm;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.MultiBatchEncoder;
import org.fastdjl.text.nn.PoolingLinearClassifier;
import org.fastdjl.text.nn.SequentialRNN;
import org.fastdjl.text.transform.Vocab;

import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The learner fastai v1's {@code text_classifier_learner} returns (an {@code RNNLearner} over fastai's
 * classifier: a {@link MultiBatchEncoder} around an AWD-LSTM, then a {@link PoolingLinearClassifier}):
 * training with the {@link RNNTrainer} callback and accuracy, gradual unfreezing over its 5 layer groups
 * (embedding, each LSTM layer, the head), the encoder of a fine-tuned language model ({@link
 * #loadEncoder}), predictions on new texts, and export.
 *
 * <pre>{@code
 * TextClassifierLearner learn = Text.classifierLearner(dataClas, AwdLstmConfig.classifier())
 *         .optDropMult(0.5).build();                    // frozen: only the head trains
 * learn.loadEncoder("fine_tuned_enc");                  // the language model's saveEncoder
 * learn.fitOneCycle(1, Lr.of(2e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN, Double.NaN);
 * learn.freezeTo(-2);
 * learn.fitOneCycle(1, Lr.slice(1e-2 / Math.pow(2.6, 4), 1e-2), new double[] {0.8, 0.7}, 25, 0.3,
 *         Double.NaN, Double.NaN);
 * ClassPrediction p = learn.predict("I really loved that movie, it was awesome!");
 * System.out.println(p);                                // (Category pos, tensor(1), tensor([0.0213, 0.9787]))
 * }</pre>
 *
 * <p><b>New texts</b> are tokenized as the training texts were (fastai's tokenizer, {@code xxbos} first,
 * unknown words {@code xxunk}). An empty (or blank) text is not an error: as in fastai it becomes the
 * single token {@code xxbos}, and the prediction is what the model makes of a text with no words. Several
 * texts ({@link #predict(List)}, {@link #predict(Table, String)}, {@code ./fastdjl predict}) are run as
 * fastai runs a test set: sorted by length, the data's validation batch size at a time ({@link #predictBs()},
 * fastai's 32 by default; the longest first), each batch padded at the start to its longest text, the results put back in the input's order. A text
 * predicted alone has no padding; in a batch, the padding tokens the LSTM reads first can move its
 * probabilities slightly, as in fastai.
 */
public class TextClassifierLearner extends Learner implements RecordPredictable {

    /** The kind of a text classifier's export. */
    public static final String EXPORT_KIND = "text_classifier";

    /** The column a CSV of texts holds them in, unless {@code --text-col} says otherwise. */
    public static final String DEFAULT_TEXT_COLUMN = "text";

    /** Texts per forward pass when predicting many, when the data does not say (fastai's classifier bs). */
    public static final int DEFAULT_PREDICT_BS = 32;

    private final SequentialRNN classifier;
    private final Vocab vocab;
    private final List<String> classes;
    private final AwdLstmConfig config;
    private final int[] linFtrs;
    private final double[] ps;
    private final int predictBs;

    /**
     * Creates the learner; use {@link Text#classifierLearner}.
     *
     * @param builder the learner settings, with an AWD-LSTM classifier
     * @param classifier the model (the builder's)
     * @param vocab the vocab the model reads
     * @param classes the class names, in output order
     * @param config the encoder's config (after {@code dropMult})
     * @param linFtrs the head's hidden sizes
     * @param ps the head's hidden dropouts
     * @param predictBs texts per forward pass when predicting many
     */
    TextClassifierLearner(Learner.Builder builder, SequentialRNN classifier, Vocab vocab, List<String> classes,
            AwdLstmConfig config, int[] linFtrs, double[] ps, int predictBs) {
        super(builder);
        this.classifier = classifier;
        this.vocab = vocab;
        this.classes = List.copyOf(classes);
        this.config = config;
        this.linFtrs = linFtrs.clone();
        this.ps = ps.clone();
        if (predictBs < 1) {
            throw new IllegalArgumentException("predictBs must be >= 1, got " + predictBs);
        }
        this.predictBs = predictBs;
    }

    /**
     * How many texts {@link #predict(List)} runs per forward pass: the data's validation batch size (as
     * fastai's {@code get_preds} on a test set), kept in the export.
     *
     * @return the batch size
     */
    public int predictBs() {
        return predictBs;
    }

    /** @return the vocab the model reads */
    public Vocab vocab() {
        return vocab;
    }

    /** @return the class names, in output order (fastai's {@code data.classes}) */
    public List<String> classes() {
        return classes;
    }

    /** @return the model: a {@link MultiBatchEncoder} then a {@link PoolingLinearClassifier} */
    public SequentialRNN classifier() {
        return classifier;
    }

    /** @return the multi-batch encoder, {@code model[0]} */
    public MultiBatchEncoder multiBatchEncoder() {
        return (MultiBatchEncoder) classifier.encoder();
    }

    /** @return the AWD-LSTM, {@code model[0].module} */
    public AwdLstm encoder() {
        return AwdLstmModels.classifierEncoder(classifier);
    }

    /** @return the head, {@code model[1]} */
    public PoolingLinearClassifier head() {
        return (PoolingLinearClassifier) classifier.decoder();
    }

    /** @return the encoder's config (dropouts after {@code dropMult}) */
    public AwdLstmConfig config() {
        return config;
    }

    /** @return the encoder's chunk length ({@code bptt}) */
    public int bptt() {
        return multiBatchEncoder().bptt();
    }

    /** @return how many of a text's last tokens keep their outputs ({@code max_len}) */
    public int maxLen() {
        return multiBatchEncoder().maxLen();
    }

    /** Sets the hidden state back to zeros, as fastai's {@code learn.model.reset()}. */
    public void reset() {
        classifier.reset();
    }

    /** Resets the hidden state, then validates, as fastai's {@code RNNLearner}. */
    @Override
    public List<Double> validate(DatasetType type) {
        reset();
        return super.validate(type);
    }

    /** Resets the hidden state, then predicts, as fastai's {@code RNNLearner.get_preds}; in data-set order. */
    @Override
    public Predictions getPreds(DatasetType type) {
        reset();
        return super.getPreds(type);
    }

    // --- the encoder's weights ---------------------------------------------------------------------

    /**
     * Saves the encoder's weights ({@code model[0].module}) to {@code modelPath()/name.safetensors} with
     * fastai's encoder keys, as fastai's {@code save_encoder}; a language model's {@code loadEncoder}
     * reads it.
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
     * Loads the encoder saved by a language model's {@link LanguageLearner#saveEncoder} (fastai's {@code
     * learn.load_encoder('fine_tuned_enc')}), then freezes all but the head, as fastai's.
     *
     * @param name the file name without extension, in {@code modelPath()}
     * @throws IOException if the file is missing, or was saved with another vocab (the message names
     *     both vocab sizes) or model size (both shapes)
     */
    public void loadEncoder(String name) throws IOException {
        loadEncoder(modelPath().resolve(name + ".safetensors"));
    }

    /**
     * Loads an encoder file, then freezes all but the head.
     *
     * @param file a file written by {@code saveEncoder}
     * @throws IOException as {@link #loadEncoder(String)}
     */
    public void loadEncoder(Path file) throws IOException {
        LanguageLearner.loadEncoderInto(encoder(), file);
        freeze();
    }

    // --- prediction --------------------------------------------------------------------------------

    /**
     * The ids the model reads for a text (fastai's {@code data.one_item(text)}): fastai's tokenizer,
     * {@code xxbos} first, unknown tokens as {@code xxunk} (0); an empty text gives {@code [xxbos]}.
     *
     * @param text the text
     * @return its ids
     */
    public int[] textIds(String text) {
        return TextIds.of(vocab, text);
    }

    /**
     * Predicts one text, as fastai's {@code learn.predict(text)}: the class, its index and every class's
     * probability, printed as fastai prints them ({@code (Category pos, tensor(1), tensor([0.0213,
     * 0.9787]))}). An empty text is read as {@code [xxbos]} (see the class comment).
     *
     * @param text the text
     * @return the prediction
     */
    public ClassPrediction predict(String text) {
        return predictIds(List.of(TextIds.of(vocab, text))).get(0);
    }

    /**
     * Predicts many texts, as fastai predicts a test set: sorted by length (longest first), {@link
     * #predictBs()} per forward pass, padded at the start; the results in the given order. Threads may share
     * a learner: its predictions run one at a time (the encoder's hidden state lives in the model).
     *
     * @param texts the texts
     * @return one prediction per text, in order
     */
    public List<ClassPrediction> predict(List<String> texts) {
        return predictIds(TextIds.of(vocab, texts));
    }

    /**
     * Predicts the texts of a table column (fastai's {@code add_test(df[col])} then {@code get_preds}).
     * A missing value is an empty text.
     *
     * @param table the table
     * @param textColumn the column holding the texts
     * @return one prediction per row, in order
     * @throws IllegalArgumentException naming the column and the table's columns when it is absent
     */
    public List<ClassPrediction> predict(Table table, String textColumn) {
        if (!table.columnNames().contains(textColumn)) {
            throw new IllegalArgumentException("the table " + table.name() + " has no column '" + textColumn
                    + "' (the texts to classify); its columns are " + table.columnNames());
        }
        List<String> texts = new ArrayList<>(table.rowCount());
        var col = table.column(textColumn);
        for (int r = 0; r < table.rowCount(); r++) {
            texts.add(col.isMissing(r) ? "" : col.getString(r));
        }
        return predict(texts);
    }

    /*
     * synchronized: the encoder carries its hidden state from chunk to chunk inside the model, so two threads
     * predicting with one learner at once (Spark's tasks share the learner an executor loaded) would mix
     * their states and get wrong probabilities without an error
     */
    private synchronized List<ClassPrediction> predictIds(List<int[]> docs) {
        int n = docs.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> docs.get(i).length).reversed());
        ClassPrediction[] out = new ClassPrediction[n];
        for (int from = 0; from < n; from += predictBs) {
            int to = Math.min(n, from + predictBs);
            int width = docs.get(order[from]).length;
            int rows = to - from;
            long[] x = new long[rows * width];
            Arrays.fill(x, PadCollate.PAD_IDX);
            for (int r = 0; r < rows; r++) {
                int[] d = docs.get(order[from + r]);
                int dst = r * width + width - d.length; // pad first, as the training batches
                for (int t = 0; t < d.length; t++) {
                    x[dst + t] = d[t];
                }
            }
            reset();
            Predictions p = predictOn(m -> new NDList(m.create(x, new Shape(rows, width))));
            for (int r = 0; r < rows; r++) {
                out[order[from + r]] = ClassPrediction.of(classes, p.row(r));
            }
        }
        return Arrays.asList(out);
    }

    /**
     * Reads the texts from a column ({@link RecordHeader#TEXT}, {@value #DEFAULT_TEXT_COLUMN} by default).
     */
    @Override
    public RecordPredictor recordPredictor(RecordHeader header) {
        String column = header.column(RecordHeader.TEXT, DEFAULT_TEXT_COLUMN);
        int idx = header.require(List.of(column), "the text classifier (set it with --text-col)")[0];
        List<String> outputs = new ArrayList<>();
        outputs.add("prediction");
        classes.forEach(c -> outputs.add("p_" + c));
        return new RecordPredictor() {
            @Override
            public List<String> outputColumns() {
                return outputs;
            }

            @Override
            public List<String[]> predict(List<InputRecord> records) {
                List<String> texts = new ArrayList<>(records.size());
                for (InputRecord r : records) {
                    String f = r.fields()[idx];
                    texts.add(f == null ? "" : f);
                }
                List<String[]> out = new ArrayList<>(records.size());
                for (ClassPrediction p : TextClassifierLearner.this.predict(texts)) {
                    String[] row = new String[outputs.size()];
                    row[0] = p.label();
                    float[] probs = p.probs();
                    for (int c = 0; c < probs.length; c++) {
                        row[c + 1] = Float.toString(probs[c]);
                    }
                    out.add(row);
                }
                return out;
            }
        };
    }

    // --- export ------------------------------------------------------------------------------------

    @Override
    protected ExportContent exportContent() {
        JsonObject model = new JsonObject();
        model.addProperty("arch", "AWD_LSTM");
        model.addProperty("vocab_sz", vocab.size());
        model.addProperty("n_class", classes.size());
        model.add("config", config.toJson());
        model.addProperty("bptt", bptt());
        model.addProperty("max_len", maxLen());
        JsonArray lf = new JsonArray();
        for (int v : linFtrs) {
            lf.add(v);
        }
        model.add("lin_ftrs", lf);
        JsonArray pj = new JsonArray();
        for (double v : ps) {
            pj.add(v);
        }
        model.add("ps", pj);
        model.addProperty("numThreads", numThreads());
        JsonObject pipeline = new JsonObject();
        JsonArray itos = new JsonArray();
        vocab.itos().forEach(itos::add);
        pipeline.add("itos", itos);
        JsonArray cls = new JsonArray();
        classes.forEach(cls::add);
        pipeline.add("classes", cls);
        pipeline.addProperty("tokenizer", TextExports.TOKENIZER);
        pipeline.addProperty("pad_idx", PadCollate.PAD_IDX);
        pipeline.addProperty("pad_first", true);
        pipeline.addProperty("bs", predictBs);
        return new ExportContent(EXPORT_KIND, TextExports.MODULE, model, pipeline);
    }

    int[] linFtrs() {
        return linFtrs.clone();
    }

    double[] ps() {
        return ps.clone();
    }
}
