package org.fastdjl.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

/**
 * One real Spark in {@code local[2]} mode for all the tests of this module (starting one takes seconds):
 * made on first use, stopped when the test JVM exits.
 */
public final class LocalSpark {

    private static SparkSession spark;

    private LocalSpark() {
    }

    /** @return the shared session */
    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("fastdjl-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            SparkSession s = spark;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return spark;
    }

    /**
     * The IMDB sample folder of the shared data, or the test is skipped with a message.
     *
     * @return the folder holding {@code texts.csv}
     */
    public static Path imdbSample() {
        String data = System.getProperty("fastdjl.data");
        assumeTrue(data != null, "system property fastdjl.data is not set; skipping a test that needs the IMDB sample");
        Path dir = Path.of(data, "imdb_sample");
        assumeTrue(Files.isRegularFile(dir.resolve("texts.csv")),
                dir + "/texts.csv is absent; skipping a test that needs the IMDB sample");
        return dir;
    }
}
