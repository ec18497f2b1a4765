package org.fastdjl.spark.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import org.fastdjl.spark.util.Seqs;
import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Tokenizer;
import org.fastdjl.text.transform.Vocab;

/**
 * fastai's tokenizer, vocab and numericalization over Spark {@code Dataset}s: each executor tokenizes its
 * partitions with the very {@link Tokenizer} of one JVM (fastai's rules, spaCy's English tokenizer), the
 * tokens are counted with Spark, and the vocab comes out as {@link Vocab#create} makes it.
 *
 * <h2>The vocab's order, distributed</h2>
 * {@code Vocab.create} sorts tokens by count and breaks ties by first appearance, as Python's
 * {@code Counter.most_common}. Each partition counts its tokens and keeps, for each, where it first
 * appeared: the document's place in the data set (its order column, or its partition and row within the
 * partition) and the token's position in the document. Spark sums the counts and takes the smallest
 * place per token, then sorts by (count descending, first place ascending): the same total order as one
 * JVM's, whatever the partitioning.
 */
public final class SparkTokens {

    /** The bits that hold the row within a partition in a place made from (partition, row). */
    static final int ROW_BITS = 33;

    private SparkTokens() {
    }

    /**
     * Adds a column of tokens, fastai's data-block tokenization of the text columns joined
     * ({@code xxbos} first by default): the same tokens as {@code ./fastdjl tokenize} and
     * {@code TokenizeProcessor}. A missing text is empty and becomes {@code [xxbos]}, as fastai keeps it.
     * Narrow: the partitions and the row order stay as they are.
     *
     * @param texts the documents
     * @param o the text columns and tokenization settings
     * @return the input's columns, then {@link TextOptions#tokensCol()} ({@code array<string>})
     * @throws IllegalArgumentException naming an absent text column (with the columns there are) or a tokens
     *     column that already exists
     */
    public static Dataset<Row> tokenize(Dataset<Row> texts, TextOptions o) {
        int[] idx = columns(texts.schema(), o.textCols(), "text");
        if (Arrays.asList(texts.columns()).contains(o.tokensCol())) {
            throw new IllegalArgumentException("the input already has a column '" + o.tokensCol()
                    + "'; choose another tokens column");
        }
        StructType out = texts.schema().add(o.tokensCol(), DataTypes.createArrayType(DataTypes.StringType, false), false);
        boolean mark = o.markFields();
        boolean bos = o.includeBos();
        boolean eos = o.includeEos();
        return texts.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new MappedIterator<>(rows, r -> {
            Object[] values = new Object[r.length() + 1];
            for (int i = 0; i < r.length(); i++) {
                values[i] = r.get(i);
            }
            values[r.length()] = Seqs.of(tokens(fields(r, idx), mark, bos, eos).toArray(new String[0]));
            return RowFactory.create(values);
        }), Encoders.row(out));
    }

    /** The text fields of a row, a missing one empty. */
    static List<String> fields(Row r, int[] idx) {
        List<String> f = new ArrayList<>(idx.length);
        for (int i : idx) {
            Object v = r.get(i);
            f.add(v == null ? "" : v.toString());
        }
        return f;
    }

    /** The tokens of one document, with this JVM's tokenizer. */
    static List<String> tokens(List<String> fields, boolean mark, boolean bos, boolean eos) {
        return ExecutorTokenizer.get().processText(TokenizeProcessor.joinTexts(fields, mark, bos, eos));
    }

    /**
     * fastai's {@code Vocab.create} over a column of tokens, ties broken by the order of the data set as
     * Spark holds it (partition by partition, row by row): right for the output of {@link #tokenize} on
     * data read in order.
     *
     * @param docs the documents
     * @param tokensCol their tokens ({@code array<string>})
     * @param maxVocab the most tokens to keep, specials included
     * @param minFreq the fewest occurrences for a token to be kept
     * @return the vocab, equal to {@code Vocab.create} of the same documents in the same order
     */
    public static Vocab vocab(Dataset<Row> docs, String tokensCol, int maxVocab, int minFreq) {
        return vocab(docs, tokensCol, null, maxVocab, minFreq);
    }

    /**
     * fastai's {@code Vocab.create} over a column of tokens, ties broken by first appearance in the order
     * given by a column (a document number): right whatever the partitioning, such as after a repartition.
     *
     * @param docs the documents
     * @param tokensCol their tokens ({@code array<string>})
     * @param orderCol a {@code long} column giving the documents' order, or {@code null} for the data
     *     set's own order
     * @param maxVocab the most tokens to keep, specials included
     * @param minFreq the fewest occurrences for a token to be kept
     * @return the vocab
     */
    public static Vocab vocab(Dataset<Row> docs, String tokensCol, String orderCol, int maxVocab, int minFreq) {
        if (maxVocab < 1 || minFreq < 1) {
            throw new IllegalArgumentException("maxVocab and minFreq must be at least 1, got " + maxVocab + " and "
                    + minFreq);
        }
        int tokIdx = columns(docs.schema(), List.of(tokensCol), "tokens")[0];
        int orderIdx = orderCol == null ? -1 : columns(docs.schema(), List.of(orderCol), "order")[0];
        StructType counted = new StructType()
                .add("token", DataTypes.StringType, false)
                .add("count", DataTypes.LongType, false)
                .add("doc", DataTypes.LongType, false)
                .add("pos", DataTypes.IntegerType, false);
        Dataset<Row> partial = docs.mapPartitions(
                (MapPartitionsFunction<Row, Row>) rows -> countPartition(rows, tokIdx, orderIdx), Encoders.row(counted));
        List<Row> top = partial.groupBy("token")
                .agg(sum("count").as("n"), min(struct(col("doc"), col("pos"))).as("first"))
                .filter(col("n").geq(minFreq))
                .orderBy(col("n").desc(), col("first").asc())
                .limit(maxVocab)
                .select("token")
                .collectAsList();
        List<String> mostCommon = new ArrayList<>(top.size());
        for (Row r : top) {
            mostCommon.add(r.getString(0));
        }
        return Vocab.fromMostCommon(mostCommon, maxVocab);
    }

    /** One partition's counts and first places, one row per distinct token. */
    private static Iterator<Row> countPartition(Iterator<Row> rows, int tokIdx, int orderIdx) {
        long partition = TaskContext.getPartitionId();
        Map<String, long[]> counts = new LinkedHashMap<>();
        long row = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            long doc = orderIdx >= 0 ? r.getLong(orderIdx) : (partition << ROW_BITS) | row;
            row++;
            List<String> toks = Seqs.<String>list(r.get(tokIdx));
            for (int p = 0; p < toks.size(); p++) {
                long[] c = counts.get(toks.get(p));
                if (c == null) {
                    counts.put(toks.get(p), new long[] {1, doc, p});
                } else {
                    c[0]++;
                    if (doc < c[1] || doc == c[1] && p < c[2]) {
                        c[1] = doc;
                        c[2] = p;
                    }
                }
            }
        }
        List<Row> out = new ArrayList<>(counts.size());
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            out.add(RowFactory.create(e.getKey(), c[0], c[1], (int) c[2]));
        }
        return out.iterator();
    }

    /**
     * Replaces tokens by their ids in a vocab ({@code xxunk}'s 0 for unknown tokens), as
     * {@link Vocab#numericalize}; the vocab is broadcast once.
     *
     * @param docs the documents
     * @param tokensCol their tokens ({@code array<string>})
     * @param vocab the vocab
     * @param idsCol the name of the ids column ({@code array<int>}) that replaces the tokens column
     * @return the input with the tokens column replaced by the ids column, in the same place
     */
    public static Dataset<Row> numericalize(Dataset<Row> docs, String tokensCol, Vocab vocab, String idsCol) {
        int tokIdx = columns(docs.schema(), List.of(tokensCol), "tokens")[0];
        StructField[] fields = docs.schema().fields().clone();
        fields[tokIdx] = new StructField(idsCol, DataTypes.createArrayType(DataTypes.IntegerType, false), false,
                org.apache.spark.sql.types.Metadata.empty());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(docs.sparkSession().sparkContext());
        Broadcast<String[]> itos = jsc.broadcast(vocab.itos().toArray(new String[0]));
        return docs.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            Vocab v = new Vocab(Arrays.asList(itos.value()));
            return new MappedIterator<>(rows, r -> {
                Object[] values = new Object[r.length()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(i);
                }
                int[] ids = v.numericalize(Seqs.<String>list(r.get(tokIdx)));
                Integer[] boxed = new Integer[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    boxed[i] = ids[i];
                }
                values[tokIdx] = Seqs.of(boxed);
                return RowFactory.create(values);
            });
        }, Encoders.row(new StructType(fields)));
    }

    /** The indices of columns, or one error naming every absent one and the columns there are. */
    static int[] columns(StructType schema, List<String> names, String what) {
        List<String> have = Arrays.asList(schema.fieldNames());
        int[] idx = new int[names.size()];
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = have.indexOf(names.get(i));
            if (idx[i] < 0) {
                absent.add("'" + names.get(i) + "'");
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("the input has no " + what + " column " + String.join(", ", absent)
                    + "; its columns are " + have);
        }
        return idx;
    }

    /** An iterator that maps another lazily, row by row, so a partition is never held whole. */
    static final class MappedIterator<A, B> implements Iterator<B> {
        private final Iterator<A> in;
        private final java.util.function.Function<A, B> f;

        MappedIterator(Iterator<A> in, java.util.function.Function<A, B> f) {
            this.in = in;
            this.f = f;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public B next() {
            if (!in.hasNext()) {
                throw new NoSuchElementException();
            }
            return f.apply(in.next());
        }
    }
}
