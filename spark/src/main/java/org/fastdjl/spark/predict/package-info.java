/**
 * Distributed batch prediction with exported learners ({@link org.fastdjl.spark.predict.SparkPredictor}):
 * the export shipped with {@code SparkContext.addFile}, loaded once per executor JVM, and every partition
 * predicted in batches by the learner's own record predictor.
 */
package org.fastdjl.spark.predict;
