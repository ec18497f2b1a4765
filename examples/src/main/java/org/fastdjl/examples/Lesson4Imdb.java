package org.fastdjl.examples;

import org.fastdjl.core.Fastdjl;
import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.io.URLs;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.learner.LanguageLearner;
import org.fastdjl.text.interpret.IntrinsicAttention;
import org.fastdjl.text.interpret.TextClassificationInterpretation;
import org.fastdjl.text.learner.Text;
import org.fastdjl.text.learner.TextClassifierLearner;
import org.fastdjl.text.nn.AwdLstm;
import org.fastdjl.text.nn.AwdLstmConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 4, IMDB (course-v3 {@code lesson3-imdb.ipynb}): the language model, then the classifier, top to
 * bottom:
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
 *
 * data_clas = (TextList.from_csv(path, 'texts.csv', cols='text', vocab=data_lm.vocab)    # IMDB_SAMPLE
 *              .split_from_df(col=2).label_from_df(cols=0).databunch(bs=32))
 *   or (TextList.from_folder(path, vocab=data_lm.vocab).split_by_folder(valid='test')   # full IMDB
 *       .label_from_folder(classes=['neg', 'pos']).databunch(bs=48))
 * learn = text_classifier_learner(data_clas, AWD_LSTM, drop_mult=0.5)
 * learn.load_encoder('fine_tuned_enc')
 * learn.fit_one_cycle(1, 2e-2, moms=(0.8,0.7)); learn.save('first')
 * learn.freeze_to(-2); learn.fit_one_cycle(1, slice(1e-2/(2.6**4),1e-2), moms=(0.8,0.7)); learn.save('second')
 * learn.freeze_to(-3); learn.fit_one_cycle(1, slice(5e-3/(2.6**4),5e-3), moms=(0.8,0.7)); learn.save('third')
 * learn.unfreeze(); learn.fit_one_cycle(2, slice(1e-3/(2.6**4),1e-3), moms=(0.8,0.7))
 * learn.predict("I really loved that movie, it was awesome!")
 * interp = TextClassificationInterpretation.from_learner(learn)    # confusion matrix, top losses,
 * interp.show_intrinsic_attention("I really loved that movie, it was awesome!")   # attention
 * learn.export()
 * </pre>
 *
 * The processed language-model data is kept in the output folder and reloaded on the next run (unless
 * the texts changed or {@code --fresh}). Without {@code --pretrained} the model starts from random
 * weights (fastai downloads WikiText-103's; {@code ./fastdjl pretrain-lm} makes such a folder here).
 * The classifier takes the language model's sizes; the report's epochs carry {@code "stage": "lm"} or
 * {@code "stage": "classifier"}.
 */
public final class Lesson4Imdb {

    /** {@code lesson4-imdb}: its options, help and README row. */
    static final Command COMMAND = Command.builder("lesson4-imdb", "the IMDB notebook end to end. Language model: "
                    + "LM data (IMDB_SAMPLE's CSV split by `is_valid`, bs 64; or the full IMDB folders `train`, `test`, "
                    + "`unsup` with a seeded 10% split, bs 48), `language_model_learner(drop_mult=0.3)` (with "
                    + "`--pretrained`, `validate()` first), `lr_find` and its plot, `fit_one_cycle(1, 1e-2, "
                    + "moms=(0.8,0.7))`, `unfreeze()`, `fit_one_cycle(N, 1e-3, ...)`, two `predict(..., 40, "
                    + "temperature=0.75)`, `save_encoder`. Classifier: data on the LM's vocab (`is_valid`, bs 32; or "
                    + "`train`/`test`, bs 48), `text_classifier_learner(drop_mult=0.5)`, `load_encoder`, "
                    + "`fit_one_cycle(1, 2e-2)`, `freeze_to(-2)`, `freeze_to(-3)`, `unfreeze()` with the notebook's "
                    + "sliced rates (1 + 1 + 1 + 2 epochs), `predict`, confusion matrix, top losses, intrinsic "
                    + "attention, `export`")
            .inputDir("data", "the folder holding texts.csv (IMDB_SAMPLE) or train/, test/, unsup/ (IMDB)",
                    "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .choice("size", "the AWD-LSTM preset (docs/text-lm.md)", "full", "tiny", "small", "full")
            .text("pretrained", "DIR", "a pretrained language-model folder: pretrain-lm's, or fastai's *.pth + itos*.pkl",
                    false)
            .integer("epochs", "epochs of the unfrozen fit_one_cycle (the notebook's 10)", 10, 0)
            .integer("seed", "seed of the data order, the random split and the weights (Fastdjl.setSeed)", 42, 0)
            .outputDir("out", "where data_lm.fdjl, lr_find.png, models/ (fine_tuned_enc, first, second, third),"
                    + " confusion_matrix.png, attention.html and export.fdjl go", "out/lesson4-imdb")
            .outputFile("report", "write the fits' JSON report here", null)
            .flag("no-lr-find", "skip lr_find and its plot")
            .flag("no-classifier", "stop after the language model (its encoder saved)")
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
        Fastdjl.setSeed((int) seed); // the weights' initialisation and the dropout masks too: a run repeats
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
        AwdLstmConfig lmConfig;
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
            lmConfig = learn.config();
        }
        if (!args.has("no-classifier")) {
            classifier(path, out, dataLm, lmConfig, seed, report);
        }
        report.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        if (args.path("report") != null) {
            report.write(args.path("report"));
            System.out.println("report written to " + args.path("report"));
        }
        return 0;
    }

    /** The sentence the notebook classifies. */
    static final String REVIEW = "I really loved that movie, it was awesome!";

    /**
     * The notebook's classifier part: data on the language model's vocab, {@code text_classifier_learner}
     * with the LM's sizes and {@code drop_mult=0.5}, the fine-tuned encoder, gradual unfreezing over 1 + 1
     * + 1 + 2 epochs with the notebook's sliced rates, a prediction, the interpretation's outputs and
     * the export.
     */
    static void classifier(Path path, Path out, TextLMDataBunch dataLm, AwdLstmConfig lmConfig, long seed,
            FitReport report) throws IOException {
        ClassifierRecipe recipe = ClassifierRecipe.forConfig(lmConfig);
        TextClasDataBunch dataClas = clasData(path, dataLm, seed, recipe.bs());
        if (recipe != ClassifierRecipe.FASTAI) {
            System.out.printf(Locale.ROOT, "%nthe tiny preset's classifier recipe: bs %d, every learning rate x%.0f, every"
                    + " stage's epochs x%d (the stages, slices and moms are the notebook's; small and full use fastai's"
                    + " recipe)%n", recipe.bs(), recipe.lrMult(), recipe.epochMult());
        }
        double k = recipe.lrMult();
        int e = recipe.epochMult();
        TextData d = dataClas.data();
        System.out.printf(Locale.ROOT, "%nclassifier data: train %d texts, valid %d, classes %s, bs %d (valid majority"
                        + " class %.3f)%n", d.train().size(), d.valid().size(), dataClas.classes(),
                dataClas.train().batchSize(), majority(d.valid().labels(), dataClas.classes().size()));
        double[] moms = {0.8, 0.7};
        // learn = text_classifier_learner(data_clas, AWD_LSTM, drop_mult=0.5); learn.load_encoder('fine_tuned_enc')
        try (TextClassifierLearner learn = Text.classifierLearner(dataClas,
                AwdLstmConfig.classifier().withSizesOf(lmConfig)).optDropMult(0.5).optPath(out).build()) {
            learn.loadEncoder("fine_tuned_enc");
            System.out.printf("%s, %d layer groups, frozen to the head%n", learn.multiBatchEncoder(),
                    learn.layerGroups().size());
            // learn.fit_one_cycle(1, 2e-2, moms=(0.8,0.7)); learn.save('first')
            learn.fitOneCycle(e, Lr.of(2e-2 * k), moms, 25, 0.3, Double.NaN, Double.NaN);
            report.addFit(learn.recorder(), "classifier");
            learn.save("first");
            // learn.freeze_to(-2); learn.fit_one_cycle(1, slice(1e-2/(2.6**4),1e-2), moms=(0.8,0.7))
            learn.freezeTo(-2);
            learn.fitOneCycle(e, Lr.slice(1e-2 * k / Math.pow(2.6, 4), 1e-2 * k), moms, 25, 0.3, Double.NaN, Double.NaN);
            report.addFit(learn.recorder(), "classifier");
            learn.save("second");
            // learn.freeze_to(-3); learn.fit_one_cycle(1, slice(5e-3/(2.6**4),5e-3), moms=(0.8,0.7))
            learn.freezeTo(-3);
            learn.fitOneCycle(e, Lr.slice(5e-3 * k / Math.pow(2.6, 4), 5e-3 * k), moms, 25, 0.3, Double.NaN, Double.NaN);
            report.addFit(learn.recorder(), "classifier");
            learn.save("third");
            // learn.unfreeze(); learn.fit_one_cycle(2, slice(1e-3/(2.6**4),1e-3), moms=(0.8,0.7))
            learn.unfreeze();
            learn.fitOneCycle(2 * e, Lr.slice(1e-3 * k / Math.pow(2.6, 4), 1e-3 * k), moms, 25, 0.3, Double.NaN, Double.NaN);
            report.addFit(learn.recorder(), "classifier");
            List<Double> v = learn.validate();
            report.put("classifier_accuracy", v.get(1));
            System.out.printf(Locale.ROOT, "classifier: valid_loss %.6f, accuracy %.6f%n", v.get(0), v.get(1));

            // learn.predict("I really loved that movie, it was awesome!")
            System.out.println("predict(\"" + REVIEW + "\") = " + learn.predict(REVIEW));

            // interp = TextClassificationInterpretation.from_learner(learn)
            TextClassificationInterpretation interp = TextClassificationInterpretation.fromLearner(learn);
            System.out.println("\nconfusion matrix (validation set):");
            interp.printConfusionMatrix();
            Path cm = interp.plotConfusionMatrix(out.resolve("confusion_matrix.png"));
            System.out.println("plot in " + cm);
            System.out.println("\ntop losses (show_top_losses(5)):");
            System.out.print(interp.formatTopLosses(5));
            List<String> attention = new ArrayList<>();
            attention.add(REVIEW);
            interp.topLosses(2).forEach(t -> attention.add(rawText(t.item().get(0))));
            IntrinsicAttention a = interp.intrinsicAttention(REVIEW);
            System.out.println("\nintrinsic attention of the review (class " + a.className() + "): " + a);
            Path html = interp.writeIntrinsicAttention(out.resolve("attention.html"), attention);
            System.out.println("intrinsic attention of it and of the 2 top losses: " + html);

            // learn.export()
            Path exported = learn.export();
            System.out.println("exported to " + exported + " (./fastdjl predict --model " + exported
                    + " --input reviews.csv --text-col text)");
        }
    }

    /** A top loss's shown tokens back to words, for the attention page (the tokenizer reads them again). */
    private static String rawText(String tokens) {
        return tokens.replaceFirst("^xxbos ", "");
    }

    private static double majority(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        int best = 0;
        for (int c : counts) {
            best = Math.max(best, c);
        }
        return labels.length == 0 ? Double.NaN : (double) best / labels.length;
    }

    /** Which IMDB layout a folder holds. */
    enum Layout {
        /** fastai's IMDB_SAMPLE: {@code texts.csv} with {@code label,text,is_valid}. */
        CSV,
        /** fastai's full IMDB: {@code train/{neg,pos}}, {@code test/{neg,pos}}, {@code unsup/} of .txt files. */
        FOLDERS
    }

    /**
     * The layout of {@code --data}: {@code texts.csv}, or the full IMDB folders.
     *
     * @param path the folder
     * @return its layout
     * @throws IOException naming what was expected when it is neither
     */
    static Layout layout(Path path) throws IOException {
        if (Files.isRegularFile(path.resolve("texts.csv"))) {
            return Layout.CSV;
        }
        List<String> missing = new ArrayList<>();
        for (String f : List.of("train/neg", "train/pos", "test/neg", "test/pos")) {
            if (!Files.isDirectory(path.resolve(f))) {
                missing.add(f + "/");
            }
        }
        if (missing.isEmpty()) {
            return Layout.FOLDERS;
        }
        throw new IOException(path + " holds neither texts.csv (fastai's IMDB_SAMPLE) nor the full IMDB folders"
                + " train/{neg,pos}, test/{neg,pos} and unsup/ (missing: " + String.join(", ", missing) + ")");
    }

    /**
     * The classifier data on the language model's vocab: the CSV split by {@code is_valid} with labels
     * from its first column, bs 32; or {@code train/} for training and {@code test/} for validation,
     * labelled by folder ({@code neg}, {@code pos}), bs 48, as the notebook.
     */
    static TextClasDataBunch clasData(Path path, TextLMDataBunch dataLm, long seed, int bs) throws IOException {
        if (layout(path) == Layout.CSV) {
            TextData d = TextList.fromCsv(path, "texts.csv", "text").optVocab(dataLm.vocab()).splitFromCol(2)
                    .labelFromCol(0).process();
            return TextClasDataBunch.builder(d).optBs(bs > 0 ? bs : 32).optSeed(seed).build();
        }
        TextData d = TextList.fromFolder(path, "train", "test").optVocab(dataLm.vocab()).splitByFolder("train", "test")
                .labelFromFolder("neg", "pos").filterMissingY().process();
        return TextClasDataBunch.builder(d).optBs(bs > 0 ? bs : 48).optSeed(seed).build();
    }

    /**
     * The classifier's batch size, a factor on every learning rate and one on every stage's epochs.
     * fastai's recipe (the layout's batch size, the notebook's rates and 1 + 1 + 1 + 2 epochs) for the
     * small and full presets. The tiny preset exists for the main job's seconds-long run on the 200
     * embedded reviews, where the language model sees two batches an epoch and its encoder stays close to
     * its random start: fastai's recipe, made for a pretrained encoder and 25,000 reviews, leaves such a
     * classifier at the majority class (0.45-0.55 measured over 6 runs). So the tiny preset takes bs 8 (20
     * steps an epoch instead of 5), 10 times the notebook's rates and twice its epochs (2 + 2 + 2 + 4), with
     * the same stages, slices and momentums: 0.975-1.0 validation accuracy over 5 seeds (the majority
     * class is 0.55).
     *
     * @param bs the classifier's batch size, 0 for the layout's (32 on the CSV, 48 on the folders)
     * @param lrMult the factor on every learning rate of the schedule
     * @param epochMult the factor on every stage's epochs
     */
    record ClassifierRecipe(int bs, double lrMult, int epochMult) {
        /** fastai's notebook. */
        static final ClassifierRecipe FASTAI = new ClassifierRecipe(0, 1, 1);
        /** The tiny preset's. */
        static final ClassifierRecipe TINY = new ClassifierRecipe(8, 10, 2);

        /** The tiny preset's recipe for a language model of the tiny preset's sizes, else fastai's. */
        static ClassifierRecipe forConfig(AwdLstmConfig lm) {
            return AwdLstmConfig.lm().withSize(AwdLstmConfig.Size.TINY).sameShapes(lm) ? TINY : FASTAI;
        }
    }

    /**
     * The language-model data of either IMDB layout, from the output folder when it was processed
     * before from the same texts.
     */
    static TextLMDataBunch lmData(Path path, Path out, long seed, boolean fresh) throws IOException {
        boolean csv = layout(path) == Layout.CSV;
        TextList texts = csv ? TextList.fromCsv(path, "texts.csv", "text")
                : Files.isDirectory(path.resolve("unsup")) ? TextList.fromFolder(path, "train", "test", "unsup")
                : TextList.fromFolder(path, "train", "test");
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
