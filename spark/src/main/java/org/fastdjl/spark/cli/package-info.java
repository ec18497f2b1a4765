/**
 * The {@code spark-*} commands ({@link org.fastdjl.spark.cli.SparkMain}): {@code spark-predict},
 * {@code spark-tokenize} and {@code spark-bench}, run by {@code ./fastdjl} on a local Spark or submitted to a
 * cluster with the module's shaded jar.
 */
package org.fastdjl.spark.cli;
