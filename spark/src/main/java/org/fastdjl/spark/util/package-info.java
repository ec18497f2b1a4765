/** Small helpers shared by the Spark jobs: executor failures reported as the errors they are. */
package org.fastdjl.spark.util;
