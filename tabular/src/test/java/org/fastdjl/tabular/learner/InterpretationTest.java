package org.fastdjl.tabular.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.fastdjl.core.Fastdjl;
import org.fastdjl.core.data.DatasetType;
import org.fastdjl.core.interpret.ClassificationInterpretation;
import org.fastdjl.core.interpret.TopLoss;
import org.fastdjl.core.learner.ModelSummary;
import org.fastdjl.core.learner.Predictions;
import org.fastdjl.tabular.GeneratedTables;
import org.fastdjl.tabular.data.EmbeddingSize;
import org.fastdjl.tabular.data.TabularDataBunch;
import org.fastdjl.tabular.data.TabularList;
import org.fastdjl.tabular.data.TabularSplit;
import org.fastdjl.tabular.transform.Categorify;
import org.fastdjl.tabular.transform.FillMissing;
import org.fastdjl.tabular.transform.Normalize;

/** Interpretation, summary and show_results on a tabular learner: decoded rows, fastai's layer counts. */
class InterpretationTest {

    @AfterEach
    void forgetTheSeed() {
        Fastdjl.clearSeed();
    }

    private static TabularDataBunch data() {
        Fastdjl.setSeed(3);
        return TabularList.fromTable(GeneratedTables.adultLike(400, 2)).catNames("color", "size").contNames("x", "z")
                .procs(FillMissing::new, Categorify::new, Normalize::new).splitByIdxRange(300, 400)
                .labelFromCol("target").databunch(32);
    }

    @Test
    void interpretationDecodesTheValidationRows() {
        TabularDataBunch data = data();
        try (TabularLearner learn = Tabular.learner(data).optLayers(20, 10).optSilent(true).build()) {
            learn.fit(2, 1e-2);
            ClassificationInterpretation interp = ClassificationInterpretation.fromLearner(learn);
            assertEquals(data.classes(), interp.classes());
            // a hand count from the predictions and the labels of the validation split
            Predictions p = learn.getPreds(DatasetType.VALID);
            int[] labels = data.tabularData().valid().labelIndices();
            int[][] expected = new int[2][2];
            int[] best = p.argMax();
            for (int i = 0; i < labels.length; i++) {
                expected[labels[i]][best[i]]++;
            }
            int[][] cm = interp.confusionMatrix();
            assertEquals(List.of(expected[0][0], expected[0][1], expected[1][0], expected[1][1]),
                    List.of(cm[0][0], cm[0][1], cm[1][0], cm[1][1]));

            List<TopLoss> top = interp.topLosses(3);
            TabularSplit valid = data.tabularData().valid();
            for (TopLoss t : top) {
                List<String> row = t.item();
                assertEquals(data.formatter().columns().size(), row.size());
                // the decoded row is the one at that index: its category and target
                assertEquals(data.tabularData().decodeRow(valid, t.index()).categories().get("color"), row.get(0));
                assertEquals(t.actual(), row.get(row.size() - 1));
            }
            assertTrue(top.get(0).loss() >= top.get(1).loss() && top.get(1).loss() >= top.get(2).loss());
            String results = learn.formatResults(DatasetType.VALID, 3);
            assertTrue(results.split("\n")[0].endsWith("target  prediction"), results);
        }
    }

    @Test
    void summaryCountsTheTabularModelAsFastai() {
        TabularDataBunch data = data();
        try (TabularLearner learn = Tabular.learner(data).optLayers(20, 10).optSilent(true).build()) {
            long emb = 0;
            int width = 0;
            for (EmbeddingSize e : data.tabularData().embeddingSizes()) {
                emb += (long) e.cardinality() * e.size();
                width += e.size();
            }
            int nCont = data.contNames().size();
            int in = width + nCont;
            // embeddings, BatchNorm on the continuous inputs, Linear-ReLU-BN, Linear-ReLU-BN, Linear to 2
            long expected = emb + 2L * nCont + (in * 20L + 20) + 40 + (20 * 10L + 10) + 20 + (10 * 2L + 2);
            ModelSummary s = ModelSummary.of(learn);
            assertEquals(expected, s.totalParams());
            assertEquals(expected, s.trainableParams());
            assertEquals("[2]", s.layers().get(s.layers().size() - 1).shapeText());
            assertTrue(learn.summary().startsWith("TabularModel\n"), learn.summary());
        }
    }
}
