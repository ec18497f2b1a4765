package org.fastdjl.core.io;

/** fastai's public data set addresses, as {@code fastai.datasets.URLs}. */
public final class URLs {

    private URLs() {}

    private static final String S3 = "https://s3.amazonaws.com/fast-ai-";

    /** MovieLens sample: {@code ratings.csv}, 100 users x 100 movies. */
    public static final String ML_SAMPLE = S3 + "sample/movie_lens_sample.tgz";

    /** The adult census sample: {@code adult.csv}. */
    public static final String ADULT_SAMPLE = S3 + "sample/adult_sample.tgz";

    /** IMDB sample: {@code texts.csv}, 1,000 reviews. */
    public static final String IMDB_SAMPLE = S3 + "sample/imdb_sample.tgz";

    /** The full IMDB reviews: train/test/unsup folders. */
    public static final String IMDB = S3 + "nlp/imdb.tgz";

    /** WikiText-103 pretrained AWD-LSTM (forward), fastai v1's. */
    public static final String WT103_FWD = S3 + "modelzoo/wt103-fwd.tgz";

    /** MovieLens 100k, GroupLens' zip ({@code u.data}, {@code u.item}). */
    public static final String ML_100K = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";
}
