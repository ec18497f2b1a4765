package org.fastdjl.examples;

import org.fastdjl.core.Fastdjl;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.interpret.ClassificationInterpretation;
import org.fastdjl.core.io.Downloads;
import org.fastdjl.core.io.FitReport;
import org.fastdjl.core.io.URLs;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.core.metrics.Metrics;
import org.fastdjl.core.util.Breakdown;
import org.fastdjl.tabular.data.TabularCsv;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.learner.Tabular;
import org.fastdjl.tabular.learner.TabularLearner;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 4, tabular data (course-v3 {@code lesson4-tabular.ipynb}), top to bottom: the adult census
 * sample, {@code FillMissing, Categorify, Normalize}, rows 800-999 for validation and again as a test
 * set, {@code show_batch(rows=10)}, {@code tabular_learner(data, layers=[200,100], metrics=accuracy)},
 * {@code fit(1, 1e-2)} and {@code predict} on the first row.
 */
public final class Lesson4Tabular {

    /** The lesson's validation (and test) rows: 800 to 999. */
    static final int VALID_FROM = 800;
    static final int VALID_TO = 1000;

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("lesson4-tabular", "the tabular notebook on the adult sample: "
                    + "FillMissing, Categorify, Normalize, rows 800-999 for validation and test, "
                    + "`tabular_learner(layers=[200,100], metrics=accuracy)`, `fit(1, 1e-2)`, `predict`")
            .inputDir("data", "the folder holding adult.csv", "fastai's ADULT_SAMPLE, fetched once into ~/.fastdjl/data")
            .integer("epochs", "epochs of fit", 1, 1)
            .positiveNumber("lr", "the learning rate of fit", "1e-2")
            .integer("seed", "seed the whole run (Fastdjl.setSeed: weights, dropout, shuffles) so it repeats exactly",
                    0, "unseeded, as the notebook")
            .outputDir("out", "where the plots (confusion_matrix.png, losses.png, metrics.png) and the exported learner "
                    + "(export.fdjl) go", "out/lesson4-tabular")
            .outputFile("report", "write the fit's JSON report here", null)
            .run(Lesson4Tabular::run);

    private Lesson4Tabular() {}

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
        if (args.has("seed")) {
            Fastdjl.setSeed(args.getInt("seed"));
        }
        long t0 = System.nanoTime();

        // path = untar_data(URLs.ADULT_SAMPLE); df = pd.read_csv(path/'adult.csv')
        Path path = args.path("data") != null ? args.path("data") : Downloads.untarData(URLs.ADULT_SAMPLE);
        Path csv = path.resolve("adult.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException("no adult.csv in " + path + " (expected fastai's ADULT_SAMPLE folder)");
        }
        Table df = TabularCsv.read(csv);
        if (df.rowCount() < VALID_TO) {
            throw new IllegalArgumentException(csv + " has " + df.rowCount() + " data rows; the lesson takes rows "
                    + VALID_FROM + "-" + (VALID_TO - 1) + " for validation and test, so it needs at least "
                    + String.format(Locale.ROOT, "%,d", VALID_TO) + " rows");
        }
        Breakdown.lap("data read");

        String depVar = "salary";
        List<String> catNames = List.of("workclass", "education", "marital-status", "occupation", "relationship",
                "race");
        List<String> contNames = List.of("age", "fnlwgt", "education-num");

        // test = TabularList.from_df(df.iloc[800:1000].copy(), path=path, cat_names=cat_names, cont_names=cont_names)
        Table test = df.inRange(VALID_FROM, VALID_TO);

        // data = (TabularList.from_df(df, path=path, cat_names=cat_names, cont_names=cont_names, procs=procs)
        //         .split_by_idx(list(range(800,1000))).label_from_df(cols=dep_var).add_test(test).databunch())
        TabularDataBunch data = TabularList.fromTable(df)
                .catNames(catNames)
                .contNames(contNames)
                .procs(FillMissing::new, Categorify::new, Normalize::new)
                .splitByIdxRange(VALID_FROM, VALID_TO)
                .labelFromCol(depVar)
                .addTest(test)
                .databunch();
        Breakdown.lap("processing (procs, data bunch)");

        // data.show_batch(rows=10)
        data.showBatch(10);
        Breakdown.lap("show_batch");

        // learn = tabular_learner(data, layers=[200,100], metrics=accuracy); learn.fit(1, 1e-2)
        FitReport report = new FitReport().put("data", path.toAbsolutePath().toString());
        try (TabularLearner learn = Tabular.learner(data)
                .optLayers(200, 100)
                .optMetrics(Metrics.accuracy())
                .optPath(out)
                .build()) {
            Breakdown.lap("model build");
            long fit0 = System.nanoTime();
            learn.fit(args.getInt("epochs"), args.getDouble("lr"));
            report.put("fit_seconds", (System.nanoTime() - fit0) / 1e9);
            report.addFit(learn.recorder(), "fit");

            // row = df.iloc[0]; learn.predict(row)
            System.out.println(learn.predict(df.row(0)));

            // the test set added above: predictions for its 200 rows, in order
            Predictions testPreds = learn.getPreds(DatasetType.TEST);
            System.out.printf(Locale.ROOT, "test set predictions: %s; first row %s%n", testPreds.shape(),
                    learn.predict(test.row(0)).label());
            Breakdown.lap("predict, get_preds");

            // learn.show_results(); interp = ClassificationInterpretation.from_learner(learn)
            System.out.println("\nlearn.show_results(rows=5)");
            learn.showResults(5);
            ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
            System.out.println("\ninterp.plot_confusion_matrix() (validation rows):");
            interp.printConfusionMatrix();
            interp.plotConfusionMatrix(out.resolve("confusion_matrix.png"));
            System.out.println("interp.most_confused(min_val=1): " + interp.mostConfused(1));
            System.out.println("\ninterp.plot_tab_top_losses(5)");
            System.out.print(interp.formatTopLosses(5));
            Breakdown.lap("show_results, interpretation");
            learn.recorder().plotLosses(out.resolve("losses.png"));
            learn.recorder().plotMetrics(out.resolve("metrics.png"));
            System.out.println("plots written to " + out);
            Breakdown.lap("plots and files");

            // learn.export(): everything prediction needs, for Learners.load and ./fastdjl predict
            System.out.println("learner exported to " + learn.export());
            Breakdown.lap("export");
        }
        report.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        if (args.path("report") != null) {
            report.write(args.path("report"));
            System.out.println("report written to " + args.path("report"));
            Breakdown.lap("plots and files");
        }
        return 0;
    }
}
