package org.fastdjl.core.nn;

/** A model with state kept across batches (an RNN's hidden state) that can be cleared. */
public interface Resettable {

    /** Clears the state, as fastai's {@code model.reset()}. */
    void reset();
}
