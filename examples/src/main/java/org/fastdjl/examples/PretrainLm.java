package org.fastdjl.examples;

import org.fastdjl.core.callback.GradientClipping;
import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.optim.Lr;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextLMDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.learner.LanguageLearner;
import org.fastdjl.text.learner.PretrainedLm;
import org.fastdjl.text.learner.Text;
import org.fastdjl.text.nn.AwdLstm;
import org.fastdjl.text.nn.AwdLstmConfig;
import org.fastdjl.text.transform.SpecialTokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pretrains a language model on a plain-text corpus in WikiText's layout ({@code wiki.train.tokens},
 * {@code wiki.valid.tokens}) and writes a pretrained folder ({@link PretrainedLm}) that {@code
 * lesson4-imdb --pretrained} and {@code Text.languageModelLearner(...).optPretrained(folder)} load, as
 * fastai's ULMFiT example pretrains on WikiText-103:
 *
 * <pre>
 * articles = read_wiki('wiki.train.tokens')          # split at top-level titles, &lt;unk&gt; -&gt; xxunk
 * data = TextList.from_df(...).split_by_idx(valid).label_for_lm().databunch(bs=64, bptt=70)
 * learn = language_model_learner(data, AWD_LSTM, drop_mult=0.1, wd=0.1, pretrained=False,
 *                                metrics=[accuracy, Perplexity()], clip=0.1)
 * learn.fit_one_cycle(epochs, 5e-3, moms=(0.8,0.7), div_factor=10, wd=0.1)
 * </pre>
 */
public final class PretrainLm {

    /** fastai's {@code istitle}: a top-level article title line. */
    private static final Pattern TITLE = Pattern.compile("^ = [^=]* = $");

    /** {@code pretrain-lm}: its options, help and README row. */
    static final Command COMMAND = Command.builder("pretrain-lm", "trains a language model on a WikiText-layout "
                    + "corpus (`wiki.train.tokens`, `wiki.valid.tokens`) with fastai's ULMFiT-example recipe and writes "
                    + "a pretrained folder (weights with fastai's keys, itos, config) for `--pretrained`")
            .inputDir("data", "the corpus folder (WikiText-2 is in ../shared/data/wikitext-2)", null).required()
            .choice("size", "the AWD-LSTM preset", "small", "tiny", "small", "full")
            .integer("epochs", "epochs of fit_one_cycle", 1, 1)
            .positiveNumber("lr", "the peak learning rate", "5e-3")
            .integer("bs", "the batch size", 64, 1)
            .integer("max-articles", "read only the first N training articles (and N/10 validation ones)", 1, "all")
            .integer("seed", "seed of the data order", 42, 0)
            .outputDirDefaultText("out", "the pretrained folder to write", "out/pretrained-lm-SIZE")
            .outputFile("report", "write the fit's JSON report here", null)
            .run(PretrainLm::run);

    private PretrainLm() {}

    /**
     * Runs the command from command-line arguments.
     *
     * @param argv the options of {@link #COMMAND}
     * @return the exit code
     * @throws Exception when the corpus is missing or the folder cannot be written
     */
    public static int run(List<String> argv) throws Exception {
        return COMMAND.run(argv);
    }

    /**
     * Runs the command.
     *
     * @param args the checked options
     * @return the exit code
     * @throws IOException when the corpus is missing or the folder cannot be written
     */
    static int run(Args args) throws IOException {
        Path data = args.path("data");
        AwdLstmConfig.Size size = AwdLstmConfig.Size.of(args.get("size"));
        Path out = args.path("out") != null ? args.path("out")
                : Path.of("out", "pretrained-lm-" + size.name().toLowerCase(Locale.ROOT));
        int epochs = args.getInt("epochs");
        int maxArticles = args.has("max-articles") ? args.getInt("max-articles") : Integer.MAX_VALUE;
        long t0 = System.nanoTime();

        List<String> train = readWiki(corpusFile(data, "wiki.train.tokens"));
        List<String> valid = readWiki(corpusFile(data, "wiki.valid.tokens"));
        train = train.subList(0, Math.min(maxArticles, train.size()));
        valid = valid.subList(0, Math.min(Math.max(1, maxArticles / 10), valid.size()));
        List<String> all = new ArrayList<>(train);
        all.addAll(valid);
        int[] validIdx = new int[valid.size()];
        for (int i = 0; i < validIdx.length; i++) {
            validIdx[i] = train.size() + i;
        }
        TextData d = TextList.fromTexts(all).splitByIdx(validIdx).labelForLm().process();
        TextLMDataBunch lm = TextLMDataBunch.builder(d).optBs(args.getInt("bs")).optSeed(args.getInt("seed")).build();
        System.out.printf(Locale.ROOT, "%s: %d train articles (%d tokens), %d valid (%d tokens), vocab %d; read and"
                        + " tokenized in %.1f s%n", data, train.size(), d.train().totalTokens(), valid.size(),
                d.valid().totalTokens(), lm.vocab().size(), (System.nanoTime() - t0) / 1e9);

        AwdLstmConfig config = AwdLstmConfig.lm().withSize(size);
        FitReport report = new FitReport().put("data", data.toAbsolutePath().toString())
                .put("size", size.name().toLowerCase(Locale.ROOT));
        try (LanguageLearner learn = Text.languageModelLearner(lm, config).optDropMult(0.1).optWd(0.1)
                .optCallbacks(new GradientClipping(0.1)).optPath(out).build()) {
            System.out.printf("%s, LSTM kernel: %s%n", learn.encoder(), AwdLstm.lstmKernel());
            learn.fitOneCycle(epochs, Lr.of(args.getDouble("lr")), new double[] {0.8, 0.7}, 10, 0.3,
                    Double.NaN, 0.1);
            report.addFit(learn.recorder(), "lm");
            // the sizes with fastai's dropouts: drop_mult applies again when the folder is loaded
            PretrainedLm.write(out, learn.lm(), lm.vocab(), config);
        }
        System.out.printf(Locale.ROOT, "pretrained language model written to %s (%s, %s, %s) in %.1f s%n", out,
                PretrainedLm.WEIGHTS, PretrainedLm.ITOS, PretrainedLm.CONFIG, (System.nanoTime() - t0) / 1e9);
        report.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        if (args.path("report") != null) {
            report.write(args.path("report"));
        }
        return 0;
    }

    private static Path corpusFile(Path folder, String name) throws IOException {
        Path f = folder.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(f.toString(), null, "the corpus folder " + folder + " has no " + name
                    + " (expected WikiText's wiki.train.tokens and wiki.valid.tokens)");
        }
        return f;
    }

    /**
     * fastai's {@code read_wiki}: the file cut into articles before each top-level title that follows a
     * blank line, {@code <unk>} replaced by {@code xxunk}.
     *
     * @param file a WikiText tokens file
     * @return the articles, each with its lines' newlines
     * @throws IOException if it cannot be read
     */
    static List<String> readWiki(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> articles = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            current.append(lines.get(i)).append('\n');
            if (i < lines.size() - 2 && lines.get(i + 1).equals(" ") && TITLE.matcher(lines.get(i + 2)).matches()) {
                articles.add(current.toString().replace("<unk>", SpecialTokens.UNK));
                current.setLength(0);
            }
        }
        articles.add(current.toString().replace("<unk>", SpecialTokens.UNK));
        return articles;
    }
}
