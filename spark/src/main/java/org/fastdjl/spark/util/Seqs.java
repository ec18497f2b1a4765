package org.fastdjl.spark.util;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import scala.collection.immutable.ArraySeq;

/**
 * Array values of Spark rows. A {@code Row} holds an {@code array<...>} column as a Scala {@code Seq}
 * ({@code Row.getList} casts to it), and Spark may hand a row made by one function straight to the next
 * without converting it, so rows made here hold Scala sequences too: an {@link ArraySeq} over a Java
 * array, without copying (Scala 2.13, the line this module is built for).
 */
public final class Seqs {

    private Seqs() {
    }

    /**
     * An array column's value.
     *
     * @param values the elements (not copied)
     * @param <T> their type
     * @return a Scala sequence over them
     */
    public static <T> ArraySeq<T> of(T[] values) {
        return ArraySeq.unsafeWrapArray(values);
    }

    /**
     * The elements of an array column's value, however Spark holds it (a Scala sequence, a Java array or
     * list).
     *
     * @param value the value
     * @param <T> the element type
     * @return the elements, or an empty list for {@code null}
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof scala.collection.Seq<?> s) {
            List<T> out = new ArrayList<>(s.length());
            scala.collection.Iterator<?> it = s.iterator();
            while (it.hasNext()) {
                out.add((T) it.next());
            }
            return out;
        }
        if (value instanceof Object[] a) {
            return (List<T>) Arrays.asList(a);
        }
        if (value instanceof List<?> l) {
            return (List<T>) l;
        }
        throw new IllegalArgumentException("not an array value: " + value.getClass().getName());
    }
}
