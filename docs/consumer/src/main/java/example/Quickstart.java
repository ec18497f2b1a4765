package example;

import java.nio.file.Path;

import org.fastdjl.collab.data.CollabDataBunch;
import org.fastdjl.collab.learner.Collab;
import org.fastdjl.collab.learner.CollabLearner;
import org.fastdjl.core.Fastdjl;
import org.fastdjl.tabular.data.TabularCsv;

import tech.tablesaw.api.Table;

/** The README's first example as a program: {@code java -Dai.djl.offline=true example.Quickstart DIR}. */
public final class Quickstart {

    private Quickstart() {}

    /**
     * Trains the lesson's collab model on {@code DIR/ratings.csv}.
     *
     * @param args the data folder
     * @throws Exception if the data cannot be read
     */
    public static void main(String[] args) throws Exception {
        Fastdjl.setSeed(42);
        Path path = Path.of(args.length > 0 ? args[0] : ".");
        Table ratings = TabularCsv.read(path.resolve("ratings.csv"));
        CollabDataBunch data = CollabDataBunch.fromTable(ratings).optSeed(42).optPath(path).build();
        try (CollabLearner learn = Collab.learner(data).optNFactors(50).optYRange(0f, 5.5f).build()) {
            learn.fitOneCycle(3, 5e-3);
        }
    }
}
