package org.fastdjl.spark.text;

import org.fastdjl.text.transform.Tokenizer;

/**
 * The one {@link Tokenizer} of this JVM (an executor's, or the driver's in local mode): fastai's defaults
 * on the calling thread. Built on first use, then shared by every task: it is immutable and thread-safe,
 * and its spaCy tables are read once.
 */
final class ExecutorTokenizer {

    private ExecutorTokenizer() {
    }

    /** Built on first use (class initialization is thread-safe and lazy). */
    private static final class Holder {
        static final Tokenizer TOKENIZER = Tokenizer.builder().cpus(1).build();
    }

    /** @return this JVM's tokenizer */
    static Tokenizer get() {
        return Holder.TOKENIZER;
    }
}
