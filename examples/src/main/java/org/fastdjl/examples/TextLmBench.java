package org.fastdjl.examples;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import org.fastdjl.core.callback.Callback;
import org.fastdjl.core.callback.FitState;
import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.learner.LanguageLearner;
import org.fastdjl.text.learner.RNNTrainer;
import org.fastdjl.text.learner.Text;
import org.fastdjl.text.learner.TextClassifierLearner;
import org.fastdjl.text.nn.AwdLstm;
import org.fastdjl.text.nn.AwdLstmConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fastdjl side of {@code ./fastdjl bench-text}: fastai's reference recipe on the IMDB sample, exactly
 * (full-size AWD-LSTM, no pretrained weights, split by {@code is_valid}, bs 64, bptt 70, drop_mult 0.3,
 * {@code fit_one_cycle(1, 1e-2, moms=(0.8,0.7))}), reporting the epoch with {@code "stage": "lm"}, the
 * training seconds and tokens; then the reference run's classifier step (the LM's encoder saved and loaded
 * into {@code text_classifier_learner(drop_mult=0.5)}, frozen so only the head trains, bs 64, {@code
 * fit_one_cycle(1, 2e-2, moms=(0.8,0.7))}) reported with {@code "stage": "classifier"}; with {@code
 * --profile N}, afterwards, where the time of an LM training step goes.
 */
public final class TextLmBench {

    private TextLmBench() {}

    /** Times the training part of each epoch (first batch to the start of validation). */
    static final class TrainTimer implements Callback {
        long start;
        double seconds;
        long tokens;
        private boolean inTrain;

        @Override
        public void epochBegin(FitState state) {
            start = System.nanoTime();
            inTrain = true;
        }

        @Override
        public void batchBegin(FitState state) {
            if (state.isTrain()) {
                tokens += state.batch().x().head().size();
            } else if (inTrain) {
                inTrain = false;
                seconds += (System.nanoTime() - start) / 1e9;
            }
        }
    }

    /** {@code bench-text-fit}: its options, help and README row. */
    static final Command COMMAND = Command.builder("bench-text-fit", "bench-text's fastdjl side in one process: the "
                    + "recipe's epoch, its training tokens/s and, with `--profile`, where a training step's time goes;"
                    + " then the classifier epoch")
            .inputDir("data", "the folder holding texts.csv", "../shared/data/imdb_sample")
            .choice("size", "the AWD-LSTM preset", "full", "tiny", "small", "full")
            .integer("epochs", "epochs of fit_one_cycle", 1, 1)
            .integer("threads", "libtorch intra-op threads", 0, "the learner's choice")
            .integer("profile", "after the fit, time the parts of this many training steps", 0, 0)
            .outputDir("out", "where data_lm.fdjl is kept", "out/bench-text")
            .outputFile("report", "write the JSON report here", null)
            .flag("no-classifier", "stop after the language model's epoch")
            .run(TextLmBench::run);

    /**
     * Runs the recipe from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if the data cannot be read
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the recipe.
     *
     * @param args the checked options
     * @return the exit code
     * @throws IOException if the data cannot be read
     */
    static int run(Args args) throws IOException {
        Path data = args.path("data") != null ? args.path("data") : Path.of("..", "shared", "data", "imdb_sample");
        Path out = args.path("out");
        AwdLstmConfig.Size size = AwdLstmConfig.Size.of(args.get("size"));
        TextLMDataBunch lm = Lesson4Imdb.lmData(data, out, 42, false);
        Text.Builder b = Text.languageModelLearner(lm, AwdLstmConfig.lm().withSize(size)).optDropMult(0.3).optPath(out);
        if (args.has("threads")) {
            b.optNumThreads(args.getInt("threads"));
        }
        TrainTimer timer = new TrainTimer();
        FitReport report = new FitReport();
        try (LanguageLearner learn = b.build()) {
            int threads = learn.numThreads() == 0 ? JniUtils.getNumThreads() : learn.numThreads();
            System.out.printf("%s, vocab %d, LSTM kernel %s, %d libtorch thread(s)%n", learn.encoder(),
                    lm.vocab().size(), AwdLstm.lstmKernel(), threads);
            learn.fitOneCycle(args.getInt("epochs"), Lr.of(1e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN,
                    Double.NaN, timer);
            report.addFit(learn.recorder(), "lm");
            report.put("train_seconds", timer.seconds).put("train_tokens", timer.tokens)
                    .put("tokens_per_second", timer.tokens / timer.seconds).put("threads", threads)
                    .put("lstm_kernel", AwdLstm.lstmKernel()).put("size", size.name().toLowerCase(Locale.ROOT));
            System.out.printf(Locale.ROOT, "training: %d tokens in %.1f s, %.0f tokens/s%n", timer.tokens,
                    timer.seconds, timer.tokens / timer.seconds);
            int steps = args.getInt("profile");
            if (steps > 0) {
                Map<String, Double> p = profile(learn, steps);
                System.out.println("where a training step's time goes (median of " + steps + " steps, seconds):");
                p.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-34s %8.3f%n", k, v));
                report.put("profile_seconds", p);
            }
            if (!args.has("no-classifier")) {
                learn.saveEncoder("bench_enc");
            }
        }
        if (!args.has("no-classifier")) {
            classifier(data, out, lm, size, args.has("threads") ? args.getInt("threads") : -1, report);
        }
        if (args.path("report") != null) {
            report.write(args.path("report"));
        }
        return 0;
    }

    /**
     * The reference run's classifier step: classifier data on the LM's vocab (split by {@code is_valid},
     * bs 64), {@code text_classifier_learner(drop_mult=0.5)} of the same size, the LM's encoder loaded
     * (frozen: only the head trains), {@code fit_one_cycle(1, 2e-2, moms=(0.8,0.7))}.
     */
    static void classifier(Path data, Path out, TextLMDataBunch lm, AwdLstmConfig.Size size, int threads,
            FitReport report) throws IOException {
        TextClasDataBunch clas = Lesson4Imdb.clasData(data, lm, 42, 64);
        var b = Text.classifierLearner(clas, AwdLstmConfig.classifier().withSize(size)).optDropMult(0.5).optPath(out);
        if (threads >= 0) {
            b.optNumThreads(threads);
        }
        TrainTimer timer = new TrainTimer();
        try (TextClassifierLearner learn = b.build()) {
            learn.loadEncoder("bench_enc");
            learn.fitOneCycle(1, Lr.of(2e-2), new double[] {0.8, 0.7}, 25, 0.3, Double.NaN, Double.NaN, timer);
            report.addFit(learn.recorder(), "classifier");
            report.put("classifier_train_seconds", timer.seconds).put("classifier_train_tokens", timer.tokens);
            System.out.printf(Locale.ROOT, "classifier training: %d tokens (padded) in %.1f s%n", timer.tokens,
                    timer.seconds);
        }
    }

    /**
     * Times the parts of a training step on real batches, as the fit loop runs them: the encoder's
     * forward (embedding and LSTMs), the decoder's (the projection to the vocab), the flattened
     * cross-entropy, AR/TAR, the backward pass (split into the decoder-and-loss part, measured on its own
     * graph, and the rest), the optimizer step.
     */
    static Map<String, Double> profile(LanguageLearner learn, int steps) {
        double[][] t = new double[7][steps];
        var ps = learn.parameterStore();
        var it = learn.data().train().iterator(learn.manager());
        for (int s = 0; s < steps && it.hasNext(); s++) {
            try (var batch = it.next(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDList x = batch.x();
                NDArray y = batch.y().head();
                long t0 = System.nanoTime();
                NDArray decLoss;
                long t1;
                long t2;
                long t3;
                long t4;
                long t5;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList enc = learn.encoder().forward(ps, x, true);
                    t1 = System.nanoTime();
                    NDList dec = learn.lm().decoder().forward(ps, enc, true);
                    dec.head().getFloat(0, 0, 0);
                    t2 = System.nanoTime();
                    NDArray loss = learn.lossFunc().compute(new NDList(dec.head()), new NDList(y));
                    loss.getFloat();
                    t3 = System.nanoTime();
                    int n = (enc.size()) / 2;
                    loss = loss.add(RNNTrainer.regularization(enc.get(n - 1), enc.get(2 * n - 1), 2, 1));
                    loss.getFloat();
                    t4 = System.nanoTime();
                    gc.backward(loss);
                    t5 = System.nanoTime();
                    // the decoder + loss backward alone, on a graph cut at the encoder's output
                    NDArray cut = enc.get(2 * n - 1).stopGradient();
                    NDList dec2 = learn.lm().decoder().forward(ps, new NDList(cut), true);
                    decLoss = learn.lossFunc().compute(new NDList(dec2.head()), new NDList(y));
                    long b0 = System.nanoTime();
                    gc.backward(decLoss);
                    t[5][s] = (System.nanoTime() - b0) / 1e9;
                }
                long o0 = System.nanoTime();
                learn.opt().zeroGrad(); // after the reported fit: a step's cost, whatever it moves
                learn.opt().step();
                t[6][s] = (System.nanoTime() - o0) / 1e9;
                t[0][s] = (t1 - t0) / 1e9;
                t[1][s] = (t2 - t1) / 1e9;
                t[2][s] = (t3 - t2) / 1e9;
                t[3][s] = (t4 - t3) / 1e9;
                t[4][s] = (t5 - t4) / 1e9;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("forward: embedding + LSTMs", med(t[0]));
        out.put("forward: decoder (linear to vocab)", med(t[1]));
        out.put("cross-entropy over the vocab", med(t[2]));
        out.put("AR + TAR", med(t[3]));
        out.put("backward: all", med(t[4]));
        out.put("  of which decoder + softmax/CE", med(t[5]));
        out.put("optimizer step (AdamW)", med(t[6]));
        return out;
    }

    private static double med(double[] xs) {
        double[] a = xs.clone();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
