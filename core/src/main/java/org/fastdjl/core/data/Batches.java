package org.fastdjl.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/** The iterator every loader's pass returns: a known number of batches, each made when asked for. */
public final class Batches {

    private Batches() {}

    /**
     * Iterates batches {@code 0 .. count-1}, making each on demand.
     *
     * @param count the number of batches
     * @param make makes batch {@code i}
     * @return the iterator
     */
    public static Iterator<Batch> of(int count, IntFunction<Batch> make) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return make.apply(next++);
            }
        };
    }
}
