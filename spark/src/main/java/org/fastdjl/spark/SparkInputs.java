package org.fastdjl.spark;

import java.util.Locale;

import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import org.fastdjl.spark.predict.PredictOptions;

/**
 * Reads input files the way the rest of fastdjl reads them, with Spark: a CSV file with a header row (RFC
 * 4180: quotes doubled inside quoted fields, as pandas and Apache Commons CSV write them), every column
 * as text, and a {@code _corrupt_record} column where Spark's reader puts a line it cannot split into the
 * header's columns (so that prediction reports it instead of reading a shifted row); or Parquet, typed.
 *
 * <pre>{@code
 * Dataset<Row> rows = SparkInputs.read(spark, "new_rows.csv", null, false);   // csv by its extension
 * }</pre>
 */
public final class SparkInputs {

    private SparkInputs() {
    }

    /**
     * Reads a CSV file or folder of CSV files.
     *
     * @param spark the session
     * @param path a file, a folder or a glob, on any file system Spark reads
     * @param multiLine whether quoted fields may hold line breaks (then each file is read by one task, as
     *     Spark cannot split such a file)
     * @return the rows: the header's columns as strings, then {@value PredictOptions#SPARK_CORRUPT_RECORD}
     */
    public static Dataset<Row> csv(SparkSession spark, String path, boolean multiLine) {
        StructType header = csvReader(spark, multiLine).csv(path).schema();
        StructType schema = new StructType();
        for (String name : header.fieldNames()) {
            schema = schema.add(name, DataTypes.StringType, true);
        }
        schema = schema.add(PredictOptions.SPARK_CORRUPT_RECORD, DataTypes.StringType, true);
        return csvReader(spark, multiLine).schema(schema)
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", PredictOptions.SPARK_CORRUPT_RECORD)
                .csv(path);
    }

    private static DataFrameReader csvReader(SparkSession spark, boolean multiLine) {
        return spark.read().option("header", true).option("escape", "\"").option("multiLine", multiLine)
                .option("inferSchema", false);
    }

    /**
     * Reads CSV or Parquet.
     *
     * @param spark the session
     * @param path the input
     * @param format {@code csv} or {@code parquet}; {@code null} to tell by the path's ending
     *     ({@code .parquet} or a folder of Parquet files is Parquet, anything else CSV)
     * @param multiLine for CSV, whether quoted fields may hold line breaks
     * @return the rows
     */
    public static Dataset<Row> read(SparkSession spark, String path, String format, boolean multiLine) {
        String f = format != null ? format.toLowerCase(Locale.ROOT) : guessFormat(path);
        return switch (f) {
            case "csv" -> csv(spark, path, multiLine);
            case "parquet" -> spark.read().parquet(path);
            default -> throw new IllegalArgumentException("unknown input format '" + format + "': csv or parquet");
        };
    }

    /**
     * The format of a path by its name: Parquet for {@code *.parquet} or a local folder holding
     * {@code .parquet} files, CSV otherwise.
     *
     * @param path the input
     * @return {@code csv} or {@code parquet}
     */
    public static String guessFormat(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".parquet") || p.endsWith(".parquet/")) {
            return "parquet";
        }
        java.io.File f = new java.io.File(path);
        if (f.isDirectory()) {
            String[] names = f.list((d, n) -> n.endsWith(".parquet"));
            if (names != null && names.length > 0) {
                return "parquet";
            }
        }
        return "csv";
    }
}
