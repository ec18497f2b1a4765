package org.fastdjl.core.data;

import java.util.List;

/**
 * A data set held as columns of primitive arrays: input fields {@code x} and target fields {@code y},
 * all with the same number of items.
 */
public final class ArrayDataset {

    private final List<ArrayField> x;
    private final List<ArrayField> y;
    private final int size;

    /**
     * Creates a data set.
     *
     * @param x the input fields, in the order the model takes them
     * @param y the target fields (empty for an unlabelled test set)
     * @throws IllegalArgumentException if the fields disagree on the number of items
     */
    public ArrayDataset(List<ArrayField> x, List<ArrayField> y) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException("a data set needs at least one input field");
        }
        this.x = List.copyOf(x);
        this.y = List.copyOf(y);
        this.size = x.get(0).length();
        for (ArrayField f : this.x) {
            check(f);
        }
        for (ArrayField f : this.y) {
            check(f);
        }
    }

    private void check(ArrayField f) {
        if (f.length() != size) {
            throw new IllegalArgumentException(
                    "field '" + f.name() + "' has " + f.length() + " items, but field '"
                            + x.get(0).name() + "' has " + size);
        }
    }

    /** @return the input fields */
    public List<ArrayField> x() {
        return x;
    }

    /** @return the target fields */
    public List<ArrayField> y() {
        return y;
    }

    /** @return the number of items */
    public int size() {
        return size;
    }
}
