/**
 * fastdjl on Apache Spark ({@link org.fastdjl.spark.FastdjlSpark}): distributed batch prediction with
 * exported learners and corpus preparation with fastai's tokenizer. The only module that pulls in Spark
 * (a {@code provided} dependency: a cluster brings its own).
 */
package org.fastdjl.spark;
