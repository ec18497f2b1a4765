package org.fastdjl.text.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import org.fastdjl.core.util.Progress;
import org.fastdjl.text.nn.SequentialRNN;
import org.fastdjl.text.transform.SpecialTokens;
import org.fastdjl.text.transform.TokenizeProcessor;
import org.fastdjl.text.transform.Tokenizer;
import org.fastdjl.text.transform.Vocab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Text generation with a language model, fastai's {@code LanguageLearner.predict} and {@code
 * beam_search}. The model runs in evaluation mode through {@link LanguageLearner#inference}; the few
 * numbers each step needs (one probability per token, the top candidates) are copied out and the draws
 * use the engine's generator, so a seeded run repeats.
 */
final class LmGeneration {

    private static final System.Logger LOG = System.getLogger(LmGeneration.class.getName());

    /** fastai's default tokenizer, built once (its tables take a moment). */
    private static final class Tok {
        static final TokenizeProcessor PROCESSOR = new TokenizeProcessor(new Tokenizer().withCpus(1));
    }

    private final LanguageLearner learn;
    private final SequentialRNN model;
    private final Vocab vocab;

    LmGeneration(LanguageLearner learn) {
        this.learn = learn;
        this.model = learn.lm();
        this.vocab = learn.vocab();
    }

    /** The prompt's ids as the data-block path makes them: {@code xxbos} first, unknown words as xxunk. */
    int[] promptIds(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the prompt is empty: give the first words of the text to continue");
        }
        return vocab.numericalize(Tok.PROCESSOR.processTexts(List.of(text)).get(0));
    }

    String predict(String text, int nWords, double temperature, double minP, boolean noUnk) {
        if (nWords < 0) {
            throw new IllegalArgumentException("nWords must be >= 0, got " + nWords);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        int[] prompt = promptIds(text);
        int unk = vocab.stoi(SpecialTokens.UNK);
        model.reset();
        int[] fresh = new int[nWords];
        long[] xb = Arrays.stream(prompt).asLongStream().toArray();
        try (Progress bar = Progress.start("predict", nWords)) {
            for (int k = 0; k < nWords; k++) {
                xb = nextWord(xb, fresh, k, temperature, minP, noUnk, unk);
                bar.step();
            }
        }
        return text + " " + String.join(" ", SpecialTokens.decode(vocab.tokens(fresh)));
    }

    /** One step of {@link #predict}: draws token {@code k} into {@code fresh}, returns the next input. */
    private long[] nextWord(long[] xb, int[] fresh, int k, double temperature, double minP, boolean noUnk, int unk) {
        long[] in = xb;
        float[][] drawn = learn.inference(m -> {
            NDArray x = m.create(in, new Shape(1, in.length));
            NDArray logits = model.forward(learn.parameterStore(), new NDList(x), false).head();
            float[] p = logits.get(new NDIndex("0, -1")).softmax(-1).toFloatArray();
            float u = m.randomUniform(0f, 1f, new Shape(1)).getFloat();
            return new float[][] {p, {u}};
        });
        double[] res = new double[drawn[0].length];
        for (int i = 0; i < res.length; i++) {
            res[i] = drawn[0][i];
        }
        if (noUnk) {
            res[unk] = 0;
        }
        if (!Double.isNaN(minP)) {
            final double[] r = res;
            if (IntStream.range(0, r.length).noneMatch(i -> r[i] >= minP)) {
                LOG.log(System.Logger.Level.WARNING, "There is no item with probability >= " + minP
                        + ", try a lower value.");
            } else {
                for (int i = 0; i < res.length; i++) {
                    if (res[i] < minP) {
                        res[i] = 0;
                    }
                }
            }
        }
        if (temperature != 1) {
            for (int i = 0; i < res.length; i++) {
                res[i] = Math.pow(res[i], 1 / temperature);
            }
        }
        int idx = sample(res, drawn[1][0]);
        fresh[k] = idx;
        return new long[] {idx};
    }

    String beamSearch(String text, int nWords, boolean noUnk, int topK, int beamSz, double temperature) {
        if (nWords < 0 || topK < 1 || beamSz < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need nWords >= 0, topK >= 1 and beamSz >= 1, got %d, %d, %d", nWords, topK, beamSz));
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        int[] prompt = promptIds(text);
        int unk = vocab.stoi(SpecialTokens.UNK);
        int k = Math.min(topK, vocab.size());
        model.reset();
        List<int[]> nodes = new ArrayList<>();
        nodes.add(prompt);
        double[] scores = {0};
        long[][] xb = {Arrays.stream(prompt).asLongStream().toArray()};
        Progress bar = Progress.start("beam search", nWords);
        for (int step = 0; step < nWords; step++) {
            bar.step();
            long[][] in = xb;
            int rows = in.length;
            int cols = in[0].length;
            float[][] top = learn.inference(m -> {
                long[] flat = new long[rows * cols];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(in[r], 0, flat, r * cols, cols);
                }
                NDArray x = m.create(flat, new Shape(rows, cols));
                NDArray logits = model.forward(learn.parameterStore(), new NDList(x), false).head();
                NDArray out = logits.get(new NDIndex(":, -1")).logSoftmax(-1);
                if (noUnk) {
                    out.set(new NDIndex(":, {}", unk), Float.NEGATIVE_INFINITY);
                }
                NDList vi = out.topK(k, -1, true, true);
                return new float[][] {vi.get(0).toFloatArray(),
                        vi.get(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()};
            });
            int n = rows * k;
            double[] cand = new double[n];
            for (int i = 0; i < n; i++) {
                cand[i] = -top[0][i] + scores[i / k];
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> cand[i]));
            int keep = Math.min(beamSz, n);
            double[] nextScores = new double[keep];
            List<int[]> nextNodes = new ArrayList<>(keep);
            long[] parents = new long[keep];
            long[][] nextXb = new long[keep][1];
            for (int j = 0; j < keep; j++) {
                int c = order[j];
                int parent = c / k;
                int token = (int) top[1][c];
                nextScores[j] = cand[c];
                int[] prev = nodes.get(parent);
                int[] node = Arrays.copyOf(prev, prev.length + 1);
                node[prev.length] = token;
                nextNodes.add(node);
                parents[j] = parent;
                nextXb[j][0] = token;
            }
            learn.inference(m -> {
                learn.encoder().selectHidden(parents);
                return null;
            });
            scores = nextScores;
            nodes = nextNodes;
            xb = nextXb;
        }
        bar.close();
        double[] weights = new double[scores.length];
        double best = Arrays.stream(scores).min().orElse(0);
        for (int i = 0; i < scores.length; i++) {
            weights[i] = Math.exp(-(scores[i] - best) / temperature);
        }
        float u = learn.inference(m -> m.randomUniform(0f, 1f, new Shape(1)).getFloat());
        int[] chosen = nodes.get(sample(weights, u));
        int[] tail = Arrays.copyOfRange(chosen, 1, chosen.length);
        return text + " " + String.join(" ", SpecialTokens.decode(vocab.tokens(tail)));
    }

    /**
     * One draw from unnormalized weights, as {@code torch.multinomial(w, 1)}: the first index whose
     * cumulative weight passes {@code u * sum}.
     *
     * @param w non-negative weights
     * @param u uniform in [0, 1)
     * @return the index drawn
     * @throws IllegalStateException when every weight is 0
     */
    static int sample(double[] w, double u) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalStateException("every token has probability 0 after noUnk/minP: nothing to draw from");
        }
        double target = u * sum;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                acc += w[i];
                last = i;
                if (acc > target) {
                    return i;
                }
            }
        }
        return last;
    }
}
