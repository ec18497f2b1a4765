package org.fastdjl.text.learner;

import ai.djl.ndarray.types.Shape;

import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.LearnerOptions;
import org.fastdjl.core.metrics.Metric;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.core.util.NativeAllocator;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.SequentialRNN;

import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link TextClassifierLearner}: fastai v1's {@code text_classifier_learner(data, AWD_LSTM, bptt=70,
 * max_len=70*20, config, drop_mult=1., lin_ftrs=None, ps=None)} with its {@code RNNLearner} defaults
 * (accuracy, AR alpha 2, TAR beta 1, no gradient clipping) and fastai's classifier split into layer groups.
 * The learner is frozen on creation (only the head trains, BatchNorm stays trainable), as fastai's is
 * after loading pretrained weights; {@link TextClassifierLearner#loadEncoder} then brings in the
 * fine-tuned encoder (and freezes again). Start from {@link Text#classifierLearner}.
 *
 * <pre>{@code
 * TextClassifierLearner learn = Text.classifierLearner(dataClas, AwdLstmConfig.classifier())
 *         .optDropMult(0.5)      // the lesson's
 *         .optLinFtrs(50)        // fastai's defaults from here on
 *         .optPs(0.1)
 *         .optBptt(70)
 *         .optMaxLen(1400)
 *         .build();
 * }</pre>
 */
public final class TextClassifierBuilder extends LearnerOptions<TextClassifierBuilder> {

    private final TextClasDataBunch data;
    private final AwdLstmConfig config;
    private double dropMult = 1;
    private int[] linFtrs = {AwdLstmModels.CLAS_LIN_FTRS};
    private double[] ps;
    private int bptt = AwdLstmModels.CLAS_BPTT;
    private int maxLen = AwdLstmModels.CLAS_MAX_LEN;
    private double alpha = RNNTrainer.DEFAULT_ALPHA;
    private double beta = RNNTrainer.DEFAULT_BETA;
    private boolean threadsGiven;
    private boolean metricsGiven;

    TextClassifierBuilder(TextClasDataBunch data, AwdLstmConfig config) {
        super(0);
        this.data = data;
        this.config = config;
    }

    @Override
    protected TextClassifierBuilder self() {
        return this;
    }

    /**
     * Multiplies every dropout of the encoder's config, and the head's first one (its {@code output_p}),
     * as fastai's {@code drop_mult} (default 1; the lesson's 0.5). The head's other dropouts ({@link
     * #optPs}) are not scaled, as in fastai.
     *
     * @param dropMult at least 0
     * @return this builder
     */
    public TextClassifierBuilder optDropMult(double dropMult) {
        if (!(dropMult >= 0)) {
            throw new IllegalArgumentException("dropMult must be >= 0, got " + dropMult);
        }
        this.dropMult = dropMult;
        return this;
    }

    /**
     * The head's hidden sizes (fastai's {@code lin_ftrs}, default {@code [50]}).
     *
     * @param linFtrs the sizes, each at least 1; none for a head of one BatchNorm-Dropout-Linear block
     * @return this builder
     */
    public TextClassifierBuilder optLinFtrs(int... linFtrs) {
        for (int v : linFtrs) {
            if (v < 1) {
                throw new IllegalArgumentException("linFtrs must be >= 1, got " + Arrays.toString(linFtrs));
            }
        }
        this.linFtrs = linFtrs.clone();
        return this;
    }

    /**
     * The dropout of each hidden block of the head (fastai's {@code ps}, default 0.1 for each of {@link
     * #optLinFtrs}); give one value per hidden size.
     *
     * @param ps the dropouts, each in [0, 1)
     * @return this builder
     */
    public TextClassifierBuilder optPs(double... ps) {
        this.ps = ps.clone();
        return this;
    }

    /**
     * The encoder's chunk length (fastai's {@code bptt}, 70).
     *
     * @param bptt at least 1
     * @return this builder
     */
    public TextClassifierBuilder optBptt(int bptt) {
        if (bptt < 1) {
            throw new IllegalArgumentException("bptt must be >= 1, got " + bptt);
        }
        this.bptt = bptt;
        return this;
    }

    /**
     * How many of a text's last tokens keep their outputs and gradient (fastai's {@code max_len}, 1400).
     *
     * @param maxLen at least 1
     * @return this builder
     */
    public TextClassifierBuilder optMaxLen(int maxLen) {
        if (maxLen < 1) {
            throw new IllegalArgumentException("maxLen must be >= 1, got " + maxLen);
        }
        this.maxLen = maxLen;
        return this;
    }

    /**
     * Sets the activation regularization weight (fastai's {@code alpha}, 2).
     *
     * @param alpha at least 0
     * @return this builder
     */
    public TextClassifierBuilder optAlpha(double alpha) {
        this.alpha = alpha;
        return this;
    }

    /**
     * Sets the temporal activation regularization weight (fastai's {@code beta}, 1).
     *
     * @param beta at least 0
     * @return this builder
     */
    public TextClassifierBuilder optBeta(double beta) {
        this.beta = beta;
        return this;
    }

    /**
     * Sets libtorch's intra-op threads (default: one for models with a hidden size under 256, all cores
     * above).
     *
     * @param numThreads the count, 0 for the engine's
     * @return this builder
     */
    @Override
    public TextClassifierBuilder optNumThreads(int numThreads) {
        threadsGiven = true;
        return super.optNumThreads(numThreads);
    }

    /**
     * Replaces the default metric (accuracy).
     *
     * @param metrics the metrics
     * @return this builder
     */
    @Override
    public TextClassifierBuilder optMetrics(Metric... metrics) {
        metricsGiven = true;
        return super.optMetrics(metrics);
    }

    /**
     * Builds the model and the learner, frozen to its last layer group.
     *
     * @return the learner
     * @throws IllegalArgumentException when the data has fewer than two classes, or {@code ps} does not
     *     have one value per hidden size
     */
    public TextClassifierLearner build() {
        List<String> classes = data.classes();
        if (classes.size() < 2) {
            throw new IllegalArgumentException("the classifier data has a single class, '" + classes.get(0)
                    + "': every training label is the same, and a classifier needs at least two classes (check the"
                    + " label column given to labelFromCol, or the folders of labelFromFolder)");
        }
        double[] drops = ps;
        if (drops == null) {
            drops = new double[linFtrs.length];
            Arrays.fill(drops, AwdLstmModels.CLAS_PS);
        }
        AwdLstmConfig used = config.dropMult(dropMult);
        SequentialRNN model = AwdLstmModels.textClassifier(data.vocab().size(), classes.size(), used, bptt, maxLen,
                linFtrs, drops);
        if (used.nHid() >= Text.ONE_THREAD_BELOW_HIDDEN) {
            NativeAllocator.warnIfUntuned("a text classifier with %d hidden units".formatted(used.nHid()));
        }
        if (!threadsGiven) {
            super.optNumThreads(used.nHid() < Text.ONE_THREAD_BELOW_HIDDEN ? 1 : 0);
        }
        if (!metricsGiven) {
            super.optMetrics(Metrics.accuracy());
        }
        Learner.Builder b = configure(Learner.builder(data, model)
                .optLayerGroups(AwdLstmModels.clasSplit(model))
                .optInputShapes(new Shape(Math.max(2, data.train().batchSize()), Math.min(bptt, 8))))
                .optCallbacks(new RNNTrainer(alpha, beta));
        TextClassifierLearner learn = new TextClassifierLearner(b, model, data.vocab(), classes, used, linFtrs, drops,
                data.valid().batchSize());
        learn.freeze();
        return learn;
    }
}
