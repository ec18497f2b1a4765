package org.fastdjl.text.learner;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.fastdjl.core.io.Weights;
import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.LearnerOptions;
import org.fastdjl.core.metrics.Metric;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.core.metrics.Perplexity;
import org.fastdjl.core.util.NativeAllocator;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.nn.AwdLstmModels;
import org.fastdjl.text.nn.SequentialRNN;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point of the text application's learners, fastai v1's {@code language_model_learner(data,
 * AWD_LSTM, config, drop_mult, pretrained, ...)} and {@code text_classifier_learner(data, AWD_LSTM,
 * bptt, max_len, config, drop_mult, lin_ftrs, ps)}.
 *
 * <pre>{@code
 * LanguageLearner learn = Text.languageModelLearner(dataLm, AwdLstmConfig.lm())
 *         .optDropMult(0.3)
 *         .optPretrained(Path.of("wt2-lm"))     // a folder written by ./fastdjl pretrain-lm
 *         .build();                             // frozen to the last layer group after loading
 * TextClassifierLearner clas = Text.classifierLearner(dataClas, AwdLstmConfig.classifier())
 *         .optDropMult(0.5)
 *         .build();                             // frozen: only the head trains
 * clas.loadEncoder("fine_tuned_enc");
 * }</pre>
 */
public final class Text {

    /**
     * Models with a hidden size below this train faster on one libtorch thread than on two: their
     * operations are too small to split and the JVM's compiler wants the other core (measured with
     * {@code ./fastdjl bench-text}; see docs/text-lm.md).
     */
    static final int ONE_THREAD_BELOW_HIDDEN = 256;

    private Text() {}

    /**
     * A language-model learner with fastai's {@code awd_lstm_lm_config} (or, with {@link
     * Builder#optPretrained}, the pretrained folder's sizes).
     *
     * @param data the language-model data
     * @return the builder
     */
    public static Builder languageModelLearner(TextLMDataBunch data) {
        return new Builder(Objects.requireNonNull(data, "data"), null);
    }

    /**
     * A language-model learner with a given AWD-LSTM config.
     *
     * @param data the language-model data
     * @param config the sizes and dropouts ({@code drop_mult} is applied on top)
     * @return the builder
     */
    public static Builder languageModelLearner(TextLMDataBunch data, AwdLstmConfig config) {
        return new Builder(Objects.requireNonNull(data, "data"), Objects.requireNonNull(config, "config"));
    }

    /**
     * A text classifier learner, fastai's {@code text_classifier_learner(data, AWD_LSTM, config=config)}.
     * Give the config the sizes of the language model whose encoder it will load ({@code
     * AwdLstmConfig.classifier().withSize(...)}).
     *
     * @param data the classifier data, on the language model's vocab
     * @param config the encoder's sizes and dropouts, fastai's {@link AwdLstmConfig#classifier()} ({@code
     *     drop_mult} is applied on top)
     * @return the builder
     */
    public static TextClassifierBuilder classifierLearner(TextClasDataBunch data, AwdLstmConfig config) {
        return new TextClassifierBuilder(Objects.requireNonNull(data, "data"), Objects.requireNonNull(config, "config"));
    }

    /**
     * A text classifier learner with fastai's {@code awd_lstm_clas_config} (the full-size AWD-LSTM).
     *
     * @param data the classifier data, on the language model's vocab
     * @return the builder
     */
    public static TextClassifierBuilder classifierLearner(TextClasDataBunch data) {
        return classifierLearner(data, AwdLstmConfig.classifier());
    }

    /**
     * Builds a {@link LanguageLearner}: fastai's {@code language_model_learner} with its {@code RNNLearner}
     * defaults (metrics accuracy and perplexity, AR alpha 2, TAR beta 1, the LM split into layer groups).
     */
    public static final class Builder extends LearnerOptions<Builder> {
        private final TextLMDataBunch data;
        private final AwdLstmConfig config;
        private double dropMult = 1;
        private Path pretrained;
        private Path pretrainedWeights;
        private Path pretrainedItos;
        private double alpha = RNNTrainer.DEFAULT_ALPHA;
        private double beta = RNNTrainer.DEFAULT_BETA;
        private boolean threadsGiven;
        private boolean metricsGiven;

        private Builder(TextLMDataBunch data, AwdLstmConfig config) {
            super(0);
            this.data = data;
            this.config = config;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Multiplies every dropout of the config (fastai's {@code drop_mult}; default 1, the lesson's 0.3).
         *
         * @param dropMult at least 0
         * @return this builder
         */
        public Builder optDropMult(double dropMult) {
            if (!(dropMult >= 0)) {
                throw new IllegalArgumentException("dropMult must be >= 0, got " + dropMult);
            }
            this.dropMult = dropMult;
            return this;
        }

        /**
         * Starts from a pretrained language model (a folder written by {@code ./fastdjl pretrain-lm}, see
         * {@link PretrainedLm}), its weights moved onto the data's vocab by {@link ConvertWeights}; the
         * learner is then frozen to its last layer group, as fastai's.
         *
         * @param folder the pretrained folder
         * @return this builder
         */
        public Builder optPretrained(Path folder) {
            this.pretrained = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Starts from a pretrained language model given as two files, fastai's {@code pretrained_fnames}:
         * the weights ({@code lstm_fwd.pth}, any PyTorch state dict with fastai's AWD-LSTM keys, or a
         * {@code .safetensors} file) and the vocab they were trained on ({@code itos_wt103.pkl}, or an
         * {@code itos.json}); the sizes are read from the weights' shapes, the weights moved onto the
         * data's vocab by {@link ConvertWeights}, and the learner frozen to its last layer group.
         *
         * <pre>{@code
         * Path wt103 = Downloads.untarData(URLs.WT103_FWD, false);   // fetched once when online
         * Text.languageModelLearner(dataLm).optDropMult(0.3)
         *         .optPretrainedFnames(wt103.resolve("lstm_fwd.pth"), wt103.resolve("itos_wt103.pkl")).build();
         * }</pre>
         *
         * @param weights the state dict
         * @param itos the vocab
         * @return this builder
         */
        public Builder optPretrainedFnames(Path weights, Path itos) {
            this.pretrainedWeights = Objects.requireNonNull(weights, "weights");
            this.pretrainedItos = Objects.requireNonNull(itos, "itos");
            return this;
        }

        /**
         * Sets the activation regularization weight (fastai's {@code alpha}, 2).
         *
         * @param alpha at least 0
         * @return this builder
         */
        public Builder optAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the temporal activation regularization weight (fastai's {@code beta}, 1).
         *
         * @param beta at least 0
         * @return this builder
         */
        public Builder optBeta(double beta) {
            this.beta = beta;
            return this;
        }

        /**
         * Sets libtorch's intra-op threads (default: one for models with a hidden size under 256, all
         * cores above, the faster of the two here).
         *
         * @param numThreads the count, 0 for the engine's
         * @return this builder
         */
        @Override
        public Builder optNumThreads(int numThreads) {
            threadsGiven = true;
            return super.optNumThreads(numThreads);
        }

        /**
         * Replaces the default metrics (accuracy and perplexity).
         *
         * @param metrics the metrics
         * @return this builder
         */
        @Override
        public Builder optMetrics(Metric... metrics) {
            metricsGiven = true;
            return super.optMetrics(metrics);
        }

        /**
         * Builds the model and the learner, and loads the pretrained weights if any.
         *
         * @return the learner
         * @throws IOException when the pretrained folder is missing, incomplete, or of other sizes than
         *     the config given (the message names the folder and both sizes)
         */
        public LanguageLearner build() throws IOException {
            try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
                if (pretrained != null && pretrainedWeights != null) {
                    throw new IllegalStateException("give either optPretrained(folder) or optPretrainedFnames(weights, "
                            + "itos), not both");
                }
                PretrainedLm pre = pretrained != null ? PretrainedLm.read(pretrained, cpu)
                        : pretrainedWeights != null ? PretrainedLm.read(pretrainedWeights, pretrainedItos, cpu) : null;
                Object source = pretrained != null ? pretrained : pretrainedWeights;
                AwdLstmConfig base = config;
                if (pre != null) {
                    if (base == null) {
                        base = pre.config();
                    } else if (!base.sameShapes(pre.config())) {
                        throw new IOException("the pretrained model in " + source + " has " + pre.config()
                                .describeShapes() + " but the config asks for " + base.describeShapes()
                                + ": pass the folder's config, or none");
                    }
                }
                if (base == null) {
                    base = AwdLstmConfig.lm();
                }
                AwdLstmConfig used = base.dropMult(dropMult);
                SequentialRNN model = AwdLstmModels.languageModel(data.vocab().size(), used);
                if (used.nHid() >= ONE_THREAD_BELOW_HIDDEN) {
                    NativeAllocator.warnIfUntuned("a language model with %d hidden units".formatted(used.nHid()));
                }
                if (!threadsGiven) {
                    super.optNumThreads(used.nHid() < ONE_THREAD_BELOW_HIDDEN ? 1 : 0);
                }
                if (!metricsGiven) {
                    super.optMetrics(Metrics.accuracy(), new Perplexity());
                }
                Learner.Builder b = configure(Learner.builder(data, model)
                        .optLayerGroups(AwdLstmModels.lmSplit(model))
                        .optInputShapes(new Shape(data.train().batchSize(), data.bptt())))
                        .optCallbacks(new RNNTrainer(alpha, beta));
                LanguageLearner learn = new LanguageLearner(b, data, model, used);
                if (pre != null) {
                    try {
                        Map<String, NDArray> converted = ConvertWeights.convert(pre.weights(), pre.itos(),
                                data.vocab().itos());
                        Weights.loadStateDict(model, converted, "the pretrained weights in " + source);
                    } catch (IllegalArgumentException e) {
                        learn.close();
                        throw new IOException(source + ": " + e.getMessage(), e);
                    } catch (IOException | RuntimeException e) {
                        learn.close();
                        throw e;
                    }
                    learn.freeze();
                }
                return learn;
            }
        }
    }
}
