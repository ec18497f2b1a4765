/**
 * Corpus preparation on Spark: fastai's tokenizer on the executors ({@link org.fastdjl.spark.text.SparkTokens}),
 * the vocab counted with Spark in fastai's order, and the language-model data of a whole corpus
 * ({@link org.fastdjl.spark.text.SparkCorpus}), equal to what one JVM makes of the same rows.
 */
package org.fastdjl.spark.text;
