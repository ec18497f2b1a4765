package org.fastdjl.spark.cli;

import java.io.IOException;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * What the {@code spark-*} commands share: their Spark session, and output written beside its place and
 * renamed into it, on any file system Spark writes (local, HDFS, S3...), so a failed job leaves no
 * half-written output under the name asked for.
 */
final class Sessions {

    private Sessions() {
    }

    /**
     * The session: on {@code master} when given; else on the master {@code spark-submit} set; else on a
     * local Spark with every core ({@code local[*]}).
     *
     * @param app the application name
     * @param master a Spark master URL, or {@code null}
     * @return the session
     */
    static SparkSession start(String app, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(app);
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        if (System.getProperty("spark.ui.enabled") == null) {
            b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }

    /**
     * Spark's CSV writer set to write what it read: a header row, quotes doubled inside quoted fields (RFC
     * 4180, as pandas and Apache Commons CSV), leading and trailing spaces kept (Spark drops them by
     * default; the adult data's categories start with one).
     *
     * @param w the writer
     * @return the writer, for CSV
     */
    static org.apache.spark.sql.DataFrameWriter<org.apache.spark.sql.Row> csv(
            org.apache.spark.sql.DataFrameWriter<org.apache.spark.sql.Row> w) {
        return w.format("csv").option("header", true).option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", false).option("ignoreTrailingWhiteSpace", false);
    }

    /**
     * A fresh path beside {@code out} to write to first.
     *
     * @param out the output path
     * @return {@code out} with a unique temporary suffix
     */
    static String temporary(String out) {
        String base = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
        return base + ".tmp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Puts a finished output in place: removes what {@code out} held, renames {@code tmp} to it.
     *
     * @param spark the session (its Hadoop configuration)
     * @param tmp the finished output
     * @param out its name
     * @throws IOException if the rename fails
     */
    static void replace(SparkSession spark, String tmp, String out) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(tmp);
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = dst.getFileSystem(conf);
        if (fs.exists(dst) && !fs.delete(dst, true)) {
            throw new IOException("cannot remove the old " + out);
        }
        if (dst.getParent() != null) {
            fs.mkdirs(dst.getParent());
        }
        if (!fs.rename(src, dst)) {
            throw new IOException("cannot rename " + tmp + " to " + out);
        }
    }

    /**
     * Removes a temporary output after a failure, quietly.
     *
     * @param spark the session
     * @param tmp the temporary output
     */
    static void discard(SparkSession spark, String tmp) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(tmp);
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException | RuntimeException e) {
            // nothing more to do: the name asked for was never touched
        }
    }

    /**
     * Copies a local file into a folder of any file system.
     *
     * @param spark the session
     * @param local the file on the driver
     * @param dir the folder
     * @return the copy's path
     * @throws IOException if the copy fails
     */
    static String put(SparkSession spark, java.nio.file.Path local, String dir) throws IOException {
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(dir, local.getFileName().toString());
        FileSystem fs = dst.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), dst);
        return dst.toString();
    }
}
