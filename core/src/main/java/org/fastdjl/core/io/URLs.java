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

    /**
     * fastai v1's AWD-LSTM language model pretrained on WikiText-103 (forward): the archive holds {@code
     * lstm_fwd.pth} (the state dict, PyTorch's legacy format) and {@code itos_wt103.pkl} (its vocabulary).
     * Fetch it with {@code Downloads.untarData(URLs.WT103_FWD, false)} into the models cache; read the
     * files with {@link org.fastdjl.core.io.torch.TorchCheckpoint} and {@link
     * org.fastdjl.core.io.torch.PickledStrings}.
     */
    public static final String WT103_FWD = S3 + "modelzoo/wt103-fwd.tgz";

    /** MovieLens 100k, GroupLens' zip ({@code u.data}, {@code u.item}). */
    public static final String ML_100K = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";
}
