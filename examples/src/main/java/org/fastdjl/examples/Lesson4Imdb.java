package org.fastdjl.examples;

import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.io.URLs;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.learner.LanguageLearner;
import org.fastdjl.text.learner.Text;
import org.fastdjl.text.nn.AwdLstm;
import org.fastdjl.text.nn.AwdLstmConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 4, IMDB (course-v3 {@code lesson3-imdb.ipynb}), the language-model part, top to bottom:
 *
 * <pre>
 * data_lm = (TextList.from_csv(path, 'texts.csv', cols='text').split_from_df(col=2)     # IMDB_SAMPLE
 *            .label_for_lm().databunch(bs=64))
 *   or (TextList.from_folder(path).filter_by_folder(include=['train','test','unsup'])     # full IMDB
 *       .split_by_rand_pct(0.1).label_for_lm().databunch(bs=48))
 * learn = language_model_learner(data_lm, AWD_LSTM, drop_mult=0.3)     # pretrained: learn.validate()
 * learn.lr_find(); learn.recorder.plot()
 * learn.fit_one_cycle(1, 1e-2, moms=(0.8,0.7))
 * learn.unfreeze(); learn.fit_one_cycle(10, 1e-3, moms=(0.8,0.7))
 * learn.predict("I liked this movie because", 40, temperature=0.75)    # twice
 * learn.save_encoder('fine_tuned_enc')
 * </pre>
 *
 * The processed language-model data is kept in the output folder and reloaded on the next run (unless
 * the texts changed or {@code --fresh}). Without {@code --pretrained} the model starts from random
 * weights (fastai downloads WikiText-103's; {@code ./fastdjl pretrain-lm} makes such a folder here).
 */
public final class Lesson4Imdb {

    /** {@code lesson4-imdb}: its options, help and README row. */
    static final Command COMMAND = Command.builder("lesson4-imdb", "the IMDB notebook's language model: LM data "
                    + "(IMDB_SAMPLE's CSV split by `is_valid`, bs 64; or the full IMDB folders with a seeded 10% split, "
                    + "bs 48), `language_model_learner(drop_mult=0.3)` (with `--pretrained`, `validate()` first), "
                    + "`lr_find` and its plot, `fit_one_cycle(1, 1e-2, moms=(0.8,0.7))`, `unfreeze()`, "
                    + "`fit_one_cycle(N, 1e-3, ...)`, two `predict(..., 40, temperature=0.75)`, `save_encoder`")
            .inputDir("data", "the folder holding texts.csv (IMDB_SAMPLE) or train/, test/, unsup/ (IMDB)",
                    "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .choice("size", "the AWD-LSTM preset (docs/text-lm.md)", "full", "tiny", "small", "full")
            .text("pretrained", "DIR", "a pretrained language-model folder: pretrain-lm's, or fastai's *.pth + itos*.pkl",
                    false)
            .integer("epochs", "epochs of the unfrozen fit_one_cycle (the notebook's 10)", 10, 0)
            .integer("seed", "seed of the data order and of the random split", 42, 0)
            .outputDir("out", "where data_lm.fdjl, lr_find.png and models/fine_tuned_enc.safetensors go",
                    "out/lesson4-imdb")
            .outputFile("report", "write the fits' JSON report here", null)
            .flag("no-lr-find", "skip lr_find and its plot")
            .flag("fresh", "tokenize again even when OUT/data_lm.fdjl was made from the same texts")
            .run(Lesson4Imdb::run);

    private Lesson4Imdb() {}

    /**
     * Runs the example from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception if the data cannot be read or the outputs written
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the example.
     *
     * @param args the checked options
     * @return the exit code
     * @throws IOException if the data cannot be read or the outputs written
     */
    static int run(Args args) throws IOException {
        Path out = args.path("out");
        AwdLstmConfig.Size size = AwdLstmConfig.Size.of(args.get("size"));
        int epochs = args.getInt("epochs");
        long seed = args.getInt("seed");
        long t0 = System.nanoTime();

        // path = untar_data(URLs.IMDB_SAMPLE)  (or the full IMDB folder)
        Path path = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.IMDB_SAMPLE);
        TextLMDataBunch dataLm = lmData(path, out, seed, args.has("fresh"));
        TextData d = dataLm.data();
        System.out.printf(Locale.ROOT, "language model data: train %d texts (%d tokens), valid %d (%d tokens), vocab %d,"
                        + " bs %d, bptt %d%n", d.train().size(), d.train().totalTokens(), d.valid().size(),
                d.valid().totalTokens(), dataLm.vocab().size(), dataLm.train().batchSize(), dataLm.bptt());

        FitReport report = new FitReport().put("data", path.toAbsolutePath().toString()).put("size",
                size.name().toLowerCase(Locale.ROOT));
        // learn = language_model_learner(data_lm, AWD_LSTM, drop_mult=0.3)
        Text.Builder builder = args.path("pretrained") != null
                ? Text.languageModelLearner(dataLm).optPretrained(args.path("pretrained"))
                : Text.languageModelLearner(dataLm, AwdLstmConfig.lm().withSize(size));
        try (LanguageLearner learn = builder.optDropMult(0.3).optPath(out).build()) {
            System.out.printf("%s, %d parameters, LSTM kernel: %s, libtorch threads: %s%n", learn.lm().getChildren()
                    .get(0).getValue(), parameterCount(learn), AwdLstm.lstmKernel(),
                    learn.numThreads() == 0 ? "all cores" : learn.numThreads());
            if (args.path("pretrained") != null) {
                // how well the pretrained model knows the new texts, before any training
                List<Double> v = learn.validate();
                System.out.printf(Locale.ROOT, "pretrained from %s: valid_loss %.6f, accuracy %.6f before fine-tuning%n",
                        args.path("pretrained"), v.get(0), v.get(1));
                Map<String, Double> before = new LinkedHashMap<>();
                before.put("valid_loss", v.get(0));
                before.put("accuracy", v.get(1));
                report.put("validate_before_fit", before);
            }

            // learn.lr_find(); learn.recorder.plot(skip_end=15)
            if (!args.has("no-lr-find")) {
                double suggestion = learn.lrFind();
                Path plot = learn.recorder().plot(out.resolve("lr_find.png"));
                System.out.printf(Locale.ROOT, "lr_find: plot in %s, steepest descent at %.2e%n", plot, suggestion);
            }

            // learn.fit_one_cycle(1, 1e-2, moms=(0.8,0.7))
            double[] moms = {0.8, 0.7};
            learn.fitOneCycle(1, Lr.of(1e-2), moms, 25, 0.3, Double.NaN, Double.NaN);
            report.addFit(learn.recorder(), "lm");

            // learn.unfreeze(); learn.fit_one_cycle(10, 1e-3, moms=(0.8,0.7))
            learn.unfreeze();
            if (epochs > 0) {
                learn.fitOneCycle(epochs, Lr.of(1e-3), moms, 25, 0.3, Double.NaN, Double.NaN);
                report.addFit(learn.recorder(), "lm");
            }

            // TEXT = "I liked this movie because"; N_WORDS = 40; N_SENTENCES = 2
            for (int i = 0; i < 2; i++) {
                System.out.println(learn.predict("I liked this movie because", 40, 0.75));
            }

            // learn.save_encoder('fine_tuned_enc')
            Path enc = learn.saveEncoder("fine_tuned_enc");
            System.out.println("encoder saved to " + enc);
        }
        report.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        if (args.path("report") != null) {
            report.write(args.path("report"));
            System.out.println("report written to " + args.path("report"));
        }
        return 0;
    }

    /**
     * The language-model data of either IMDB layout, from the output folder when it was processed
     * before from the same texts.
     */
    static TextLMDataBunch lmData(Path path, Path out, long seed, boolean fresh) throws IOException {
        boolean csv = Files.isRegularFile(path.resolve("texts.csv"));
        if (!csv && !Files.isDirectory(path.resolve("train"))) {
            throw new IOException("neither texts.csv (IMDB_SAMPLE) nor train/, test/, unsup/ folders (IMDB) in " + path);
        }
        TextList texts = csv ? TextList.fromCsv(path, "texts.csv", "text") : TextList.fromFolder(path, "train", "test",
                "unsup");
        int bs = csv ? 64 : 48; // the data-block notebook's 64 on the sample, the notebook's 48 on full IMDB
        Path saved = out.resolve("data_lm.fdjl");
        TextData d = null;
        if (!fresh && Files.exists(saved)) {
            TextData loaded = TextData.load(saved);
            if (loaded.origin().equals(texts.origin()) && loaded.isLanguageModel()) {
                System.out.println("loaded the processed language-model data from " + saved);
                d = loaded;
            }
        }
        if (d == null) {
            long t0 = System.nanoTime();
            d = csv ? texts.splitFromCol(2).labelForLm().process()
                    : texts.splitByRandPct(0.1, seed).labelForLm().process();
            System.out.printf(Locale.ROOT, "tokenized and numericalized %d texts in %.1f s%n",
                    d.train().size() + d.valid().size(), (System.nanoTime() - t0) / 1e9);
            d.save(saved);
        }
        return TextLMDataBunch.builder(d).optBs(bs).optSeed(seed).build();
    }

    static long parameterCount(LanguageLearner learn) {
        long n = 0;
        for (var p : learn.lm().getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }
}
