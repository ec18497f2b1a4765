package org.fastdjl.text.interpret;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.interpret.ClassificationInterpretation;
import org.fastdjl.core.interpret.TopLoss;
import org.fastdjl.core.io.AtomicFiles;
import org.fastdjl.core.util.TextTable;
import org.fastdjl.text.learner.TextClassifierLearner;
import org.fastdjl.text.nn.AwdLstm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * fastai v1's {@code TextClassificationInterpretation}: a {@link ClassificationInterpretation} of a text
 * classifier's predictions on a data set (the validation set by default), with the texts of the top
 * losses and the intrinsic attention of a text.
 *
 * <pre>{@code
 * TextClassificationInterpretation interp = TextClassificationInterpretation.fromLearner(learn);
 * interp.printConfusionMatrix();                         // and plotConfusionMatrix(Path.of("cm.png"))
 * System.out.print(interp.formatTopLosses(5));           // show_top_losses(5)
 * IntrinsicAttention a = interp.intrinsicAttention("I really loved that movie, it was awesome!");
 * interp.writeIntrinsicAttention(Path.of("attention.html"), List.of("I really loved that movie!"));
 * }</pre>
 *
 * <p><b>Intrinsic attention</b> (fastai's {@code intrinsic_attention(text, class_id)}): the text is
 * tokenized as the training texts were and embedded (no dropout); the embeddings are made a leaf that
 * requires a gradient; the LSTMs run from them in one pass and the head pools them without padding, every
 * dropout and BatchNorm in evaluation mode; the softmax probability of the class ({@code classId}, or the
 * predicted one) is differentiated with respect to the embeddings; each token's weight is the sum of the
 * absolute gradient over its embedding, divided by the largest. The model's parameters get no gradient
 * from it (they are zeroed afterwards), so a later fit is unaffected.
 */
public final class TextClassificationInterpretation {

    /** fastai's {@code show_top_losses(max_len=70)}: tokens shown per text. */
    public static final int TOP_LOSS_MAX_LEN = 70;

    private final TextClassifierLearner learn;
    private final ClassificationInterpretation base;

    private TextClassificationInterpretation(TextClassifierLearner learn, DatasetType type) {
        this.learn = learn;
        this.base = ClassificationInterpretation.fromLearner(learn, type);
    }

    /**
     * Interprets the validation set, as fastai's {@code TextClassificationInterpretation.from_learner(learn)}.
     *
     * @param learn a trained text classifier with its data
     * @return the interpretation
     */
    public static TextClassificationInterpretation fromLearner(TextClassifierLearner learn) {
        return fromLearner(learn, DatasetType.VALID);
    }

    /**
     * Interprets one data set.
     *
     * @param learn a trained text classifier with its data
     * @param type a data set with targets
     * @return the interpretation
     */
    public static TextClassificationInterpretation fromLearner(TextClassifierLearner learn, DatasetType type) {
        return new TextClassificationInterpretation(learn, type);
    }

    /** @return the general interpretation (confusion matrix, most confused, top losses), data-set order */
    public ClassificationInterpretation base() {
        return base;
    }

    /**
     * The confusion matrix: {@code cm[a][p]} texts of class {@code a} predicted as {@code p}.
     *
     * @return the counts, actual classes by row
     */
    public int[][] confusionMatrix() {
        return base.confusionMatrix();
    }

    /** @return the confusion matrix as a table, actual classes down, predicted across */
    public String formatConfusionMatrix() {
        return base.formatConfusionMatrix();
    }

    /**
     * Prints the confusion matrix.
     *
     * @param out where to print
     */
    public void printConfusionMatrix(PrintStream out) {
        base.printConfusionMatrix(out);
    }

    /** Prints the confusion matrix on standard output. */
    public void printConfusionMatrix() {
        base.printConfusionMatrix();
    }

    /**
     * Draws the confusion matrix as fastai's {@code plot_confusion_matrix}.
     *
     * @param png the PNG file, written atomically
     * @return the file
     */
    public Path plotConfusionMatrix(Path png) {
        return base.plotConfusionMatrix(png);
    }

    /**
     * The texts with the highest loss, the highest first: each with its index in the data set, the actual
     * and predicted classes, the loss, the probability of the actual class and its text (its first 70
     * tokens) and class.
     *
     * @param k how many
     * @return the texts
     */
    public List<TopLoss> topLosses(int k) {
        return base.topLosses(k);
    }

    /**
     * fastai's {@code show_top_losses(k, max_len=70)} as a text table: Text (its first 70 tokens),
     * Prediction, Actual, Loss, Probability (of the actual class).
     *
     * @param k how many rows
     * @return the table
     */
    public String formatTopLosses(int k) {
        List<List<String>> rows = new ArrayList<>();
        for (TopLoss t : base.topLosses(k)) {
            String text = t.item().isEmpty() ? "" : t.item().get(0);
            rows.add(List.of(text, t.predicted(), t.actual(), String.format(Locale.ROOT, "%.2f", t.loss()),
                    String.format(Locale.ROOT, "%.2f", t.probability())));
        }
        return TextTable.format(List.of("Text", "Prediction", "Actual", "Loss", "Probability"), rows);
    }

    // --- intrinsic attention -------------------------------------------------------------------------

    /**
     * The intrinsic attention of a text with respect to the class the model predicts for it.
     *
     * @param text the text
     * @return its tokens and their weights
     */
    public IntrinsicAttention intrinsicAttention(String text) {
        return intrinsicAttention(learn, text, -1);
    }

    /**
     * The intrinsic attention of a text with respect to a class.
     *
     * @param text the text
     * @param classId the class, or -1 for the predicted one
     * @return its tokens and their weights
     */
    public IntrinsicAttention intrinsicAttention(String text, int classId) {
        return intrinsicAttention(learn, text, classId);
    }

    /**
     * fastai's {@code intrinsic_attention(text, class_id)} on any text classifier (a loaded export too).
     *
     * @param learn the classifier
     * @param text the text
     * @param classId the class, or -1 for the predicted one
     * @return its tokens and their weights
     * @throws IllegalArgumentException for a class index out of range
     */
    public static IntrinsicAttention intrinsicAttention(TextClassifierLearner learn, String text, int classId) {
        int nClass = learn.classes().size();
        if (classId < -1 || classId >= nClass) {
            throw new IllegalArgumentException("classId must be -1 (the predicted class) or in [0, " + nClass
                    + "), got " + classId);
        }
        int[] ids = learn.textIds(text);
        AwdLstm enc = learn.encoder();
        ParameterStore ps = learn.parameterStore();
        learn.reset();
        Object[] res;
        try {
            res = learn.inference(m -> {
                long[] x = Arrays.stream(ids).asLongStream().toArray();
                NDArray xb = m.create(x, new Shape(1, x.length));
                NDArray emb = enc.encoderDp().lookup(ps, xb, false).stopGradient();
                emb.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList lstm = enc.forwardEmbeddings(ps, emb, false);
                    NDList headIn = new NDList(lstm);
                    headIn.add(m.zeros(new Shape(1, x.length), DataType.BOOLEAN));
                    NDArray probs = learn.head().forward(ps, headIn, false).head().softmax(-1);
                    float[] p = probs.toFloatArray();
                    int cls = classId >= 0 ? classId : argMax(p);
                    gc.backward(probs.get(0, cls));
                    float[] attn = emb.getGradient().abs().sum(new int[] {2}).toFloatArray();
                    return new Object[] {attn, cls, p[cls]};
                }
            });
        } finally {
            zeroModelGrads(learn);
            learn.reset();
        }
        float[] attn = (float[]) res[0];
        float max = 0;
        for (float a : attn) {
            max = Math.max(max, a);
        }
        for (int i = 0; i < attn.length; i++) {
            attn[i] = max > 0 ? attn[i] / max : 0;
        }
        int cls = (int) res[1];
        return new IntrinsicAttention(learn.vocab().tokens(ids), attn, cls, learn.classes().get(cls), (float) res[2]);
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The backward pass reached the trainable parameters too: their gradients go back to zero. */
    private static void zeroModelGrads(TextClassifierLearner learn) {
        for (Pair<String, Parameter> p : learn.model().getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a != null && a.hasGradient() && a instanceof PtNDArray pt) {
                JniUtils.zeroGrad(pt);
            }
        }
    }

    /**
     * fastai's {@code html_intrinsic_attention}: the tokens in monospace, each in a span whose background
     * is {@code RdYlGn(weight)} at half its opacity, with the weight (3 decimals) as its title.
     *
     * @param attention a text's attention
     * @return the HTML fragment
     */
    public static String html(IntrinsicAttention attention) {
        StringBuilder sb = new StringBuilder("<span style=\"font-family: monospace;\">");
        List<String> toks = attention.tokens();
        for (int i = 0; i < toks.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            float a = attention.weights()[i];
            int[] c = RdYlGn.rgb(a);
            sb.append(String.format(Locale.ROOT, "<span title=\"%.3f\" style=\"background-color: rgba(%d, %d, %d, 0.5);\">",
                    a, c[0], c[1], c[2])).append(escape(toks.get(i))).append("</span>");
        }
        return sb.append("</span>").toString();
    }

    /**
     * fastai's {@code html_intrinsic_attention(text, class_id)}.
     *
     * @param text the text
     * @return the HTML fragment
     */
    public String htmlIntrinsicAttention(String text) {
        return html(intrinsicAttention(text));
    }

    /**
     * Writes one HTML page with the intrinsic attention of each text (its predicted class and probability
     * above it), atomically.
     *
     * @param file the page
     * @param texts the texts
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path writeIntrinsicAttention(Path file, List<String> texts) throws IOException {
        return writeIntrinsicAttention(learn, file, texts);
    }

    /**
     * Writes the intrinsic attention page of any text classifier (a loaded export too).
     *
     * @param learn the classifier
     * @param file the page
     * @param texts the texts
     * @return the file
     * @throws IOException if it cannot be written
     */
    public static Path writeIntrinsicAttention(TextClassifierLearner learn, Path file, List<String> texts)
            throws IOException {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Intrinsic attention</title></head>\n<body>\n<h1>Intrinsic attention</h1>\n<p>Each token is"
                + " shaded by the gradient of the predicted class's probability with respect to its embedding"
                + " (normalised to the largest: red 0, yellow 0.5, green 1; hover for the value).</p>\n");
        for (String t : texts) {
            IntrinsicAttention a = intrinsicAttention(learn, t, -1);
            page.append(String.format(Locale.ROOT, "<h3>%s (p = %.4f)</h3>\n<p>", escape(a.className()),
                    a.probability())).append(html(a)).append("</p>\n");
        }
        page.append("</body></html>\n");
        AtomicFiles.writeString(file, page.toString());
        return file;
    }

    /** Python's {@code html.escape(s)}: {@code & < > " '}. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#x27;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Text" + base;
    }
}
