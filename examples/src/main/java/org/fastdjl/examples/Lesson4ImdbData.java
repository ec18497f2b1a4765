package org.fastdjl.examples;

import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.URLs;
import org.fastdjl.text.data.TextClasDataBunch;
import org.fastdjl.text.data.TextData;
import org.fastdjl.text.data.TextDataBunch;
import org.fastdjl.text.data.TextList;
import org.fastdjl.text.transform.CsvTexts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 4, IMDB (course-v3 {@code lesson3-imdb.ipynb}, the part before the AWD-LSTM), top to bottom on
 * {@code texts.csv} ({@code label,text,is_valid}):
 *
 * <pre>
 * data_lm = (TextList.from_csv(path, 'texts.csv', cols='text')
 *            .split_from_df(col=2).label_for_lm().databunch())
 * data_lm.save('data_lm.pkl'); data_lm = load_data(path, 'data_lm.pkl')
 * data_lm.show_batch()
 * data_clas = (TextList.from_csv(path, 'texts.csv', cols='text', vocab=data_lm.vocab)
 *              .split_from_df(col=2).label_from_df(cols=0).databunch(bs=32))
 * data_clas.show_batch()
 * </pre>
 *
 * The processed language-model data is saved in the output folder; a second run loads it and skips
 * tokenizing, unless the CSV changed (its size and time are saved with it) or {@code --fresh} is given.
 */
public final class Lesson4ImdbData {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("lesson4-imdb-data", "the IMDB notebook's data part on "
                    + "`texts.csv`: language-model data (saved as `OUT/data_lm.fdjl` and reloaded on the next run "
                    + "without tokenizing), classifier data on the LM's vocab, `show_batch` of both, vocab size and "
                    + "batch counts")
            .inputDir("data", "the folder holding texts.csv", "fastai's IMDB_SAMPLE, fetched once into ~/.fastdjl/data")
            .outputDir("out", "where data_lm.fdjl is saved", "out/lesson4-imdb-data")
            .flag("fresh", "tokenize again even when OUT/data_lm.fdjl was made from the same texts.csv")
            .run(Lesson4ImdbData::run);

    private Lesson4ImdbData() {}

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
        Path path = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.IMDB_SAMPLE);
        Path out = args.path("out");
        Path csv = path.resolve("texts.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException("no texts.csv in " + path + "; expected fastai's IMDB sample (label,text,is_valid)");
        }

        // df = pd.read_csv(path/'texts.csv'); df.head()
        List<List<String>> head = CsvTexts.readColumns(csv, List.of("label", "text", "is_valid"));
        System.out.println("texts.csv: " + head.size() + " reviews; the first:");
        for (List<String> row : head.subList(0, Math.min(3, head.size()))) {
            String text = row.get(1).replace('\n', ' ');
            System.out.printf("  %-9s %-5s %s%n", row.get(0), row.get(2), text.length() > 90 ? text.substring(0, 90)
                    + "..." : text);
        }

        // data_lm = TextList.from_csv(...).split_from_df(col=2).label_for_lm().databunch(); data_lm.save(...)
        Path saved = out.resolve("data_lm.fdjl");
        TextList texts = TextList.fromCsv(path, "texts.csv", "text");
        TextDataBunch dataLm = null;
        if (Files.exists(saved) && !args.has("fresh")) {
            TextDataBunch loaded = TextDataBunch.loadData(saved); // load_data(path, 'data_lm.pkl')
            if (loaded.data().origin().equals(texts.origin())) {
                System.out.println("\nloaded the processed language-model data from " + saved + " (no tokenizing)");
                dataLm = loaded;
            } else {
                System.out.println("\n" + saved + " was made from another texts.csv: processing again");
            }
        }
        if (dataLm == null) {
            long t0 = System.nanoTime();
            TextData lm = texts.splitFromCol(2).labelForLm().process();
            System.out.printf(Locale.ROOT, "%ntokenized and numericalized %d reviews in %.2f s%n",
                    lm.train().size() + lm.valid().size(), (System.nanoTime() - t0) / 1e9);
            lm.save(saved);
            System.out.println("saved to " + saved);
            dataLm = TextDataBunch.loadData(saved);
        }
        TextData lm = dataLm.data();
        System.out.printf(Locale.ROOT, "language model: train %d reviews (%d tokens), valid %d (%d tokens)%n",
                lm.train().size(), lm.train().totalTokens(), lm.valid().size(), lm.valid().totalTokens());
        System.out.println("vocab size: " + dataLm.vocab().size());
        System.out.println("vocab.itos[:10]: " + dataLm.vocab().itos().subList(0, 10));
        System.out.printf("batches: train %d, valid %d (bs %d, bptt 70)%n", dataLm.train().numBatches(),
                dataLm.valid().numBatches(), dataLm.train().batchSize());
        System.out.println("\ndata_lm.show_batch()");
        dataLm.showBatch(5, DatasetType.TRAIN, System.out);

        // data_clas = TextList.from_csv(..., vocab=data_lm.vocab).split_from_df(col=2).label_from_df(cols=0)
        long t1 = System.nanoTime();
        TextClasDataBunch dataClas = (TextClasDataBunch) TextList.fromCsv(path, "texts.csv", "text")
                .optVocab(dataLm.vocab())
                .splitFromCol(2)
                .labelFromCol(0)
                .databunch(32);
        System.out.printf(Locale.ROOT, "%nclassifier data in %.2f s: classes %s, same vocab object as the language "
                + "model: %s%n", (System.nanoTime() - t1) / 1e9, dataClas.classes(), dataClas.vocab() == dataLm.vocab());
        System.out.printf("batches: train %d, valid %d (bs 32)%n", dataClas.train().numBatches(),
                dataClas.valid().numBatches());
        System.out.println("\ndata_clas.show_batch()");
        dataClas.showBatch(5, DatasetType.TRAIN, System.out);
        return 0;
    }
}
