package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * fastai v1's {@code Tokenizer}: pre-rules, then a {@link BaseTokenizer}, then post-rules, over one text
 * or, on all cores, over many, keeping their order.
 *
 * <p>It adds no {@code xxbos}: as in fastai, that is the job of the data-block path
 * ({@link TokenizeProcessor}), which joins the text fields first.
 *
 * <pre>{@code
 * Tokenizer tok = new Tokenizer();                       // fastai's defaults
 * tok.processText("xxbos I LOVED it!!!!");               // [xxbos, i, xxup, loved, it, xxrep, 4, !]
 * List<List<String>> all = tok.processAll(texts);        // parallel, same order as texts
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe as long as the rules and base tokenizer are.
 */
public final class Tokenizer {

    private final BaseTokenizer base;
    private final List<UnaryOperator<String>> preRules;
    private final List<UnaryOperator<List<String>>> postRules;
    private final int nCpus;

    /** fastai's defaults: spaCy English with the special tokens, default pre- and post-rules, all cores. */
    public Tokenizer() {
        this(builder());
    }

    private Tokenizer(Builder b) {
        this.base = b.base != null ? b.base : SpacyTokenizer.english();
        this.preRules = List.copyOf(b.preRules);
        this.postRules = List.copyOf(b.postRules);
        this.nCpus = b.nCpus;
    }

    /**
     * Starts a tokenizer with fastai's defaults, any of which can be replaced.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tokenizes one text: every pre-rule in order, the base tokenizer, every post-rule in order
     * (fastai's {@code process_text}).
     *
     * @param text the text
     * @return its tokens
     */
    public List<String> processText(String text) {
        String t = Objects.requireNonNull(text, "text");
        for (UnaryOperator<String> rule : preRules) {
            t = rule.apply(t);
        }
        List<String> toks = base.tokenize(t);
        for (UnaryOperator<List<String>> rule : postRules) {
            toks = rule.apply(toks);
        }
        return toks;
    }

    /**
     * Tokenizes many texts on {@link #cpus()} threads (fastai's {@code process_all}).
     *
     * @param texts the texts
     * @return their tokens, element i for text i
     */
    public List<List<String>> processAll(List<String> texts) {
        return processAll(texts, Function.identity());
    }

    /**
     * Tokenizes many texts on {@link #cpus()} threads and turns each one's tokens into something else on
     * the same thread (a JSON line, a count, ids), so the token lists die young instead of all being kept
     * until the end.
     *
     * @param texts the texts
     * @param then what to make of one text's tokens; called from several threads at once
     * @param <T> what it makes
     * @return {@code then} of the tokens of text i, at i
     */
    public <T> List<T> processAll(List<String> texts, Function<List<String>, T> then) {
        Objects.requireNonNull(then, "then");
        if (nCpus <= 1 || texts.size() < 2) {
            List<T> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                out.add(then.apply(processText(t)));
            }
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(nCpus);
        try {
            return pool.submit(() -> IntStream.range(0, texts.size()).parallel()
                    .mapToObj(i -> then.apply(processText(texts.get(i))))
                    .collect(Collectors.toList())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tokenizing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The number of threads {@link #processAll} uses.
     *
     * @return at least 1
     */
    public int cpus() {
        return nCpus;
    }

    /**
     * The same tokenizer on another number of threads.
     *
     * @param n threads, at least 1
     * @return a tokenizer sharing this one's base tokenizer and rules
     */
    public Tokenizer withCpus(int n) {
        return builder().base(base).preRules(preRules).postRules(postRules).cpus(n).build();
    }

    /** Lists the base tokenizer and the rules, as fastai's {@code __repr__}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tokenizer ").append(base.getClass().getSimpleName())
                .append(" with the following rules:\n");
        for (Object r : preRules) {
            sb.append(" - ").append(r).append('\n');
        }
        for (Object r : postRules) {
            sb.append(" - ").append(r).append('\n');
        }
        return sb.toString();
    }

    /** Builds a {@link Tokenizer}; every setting starts at fastai's default. */
    public static final class Builder {
        private BaseTokenizer base;
        private List<UnaryOperator<String>> preRules = PreRules.DEFAULTS;
        private List<UnaryOperator<List<String>>> postRules = PostRules.DEFAULTS;
        private int nCpus = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * Sets the base tokenizer (default {@link SpacyTokenizer#english()}).
         *
         * @param base a thread-safe base tokenizer
         * @return this builder
         */
        public Builder base(BaseTokenizer base) {
            this.base = Objects.requireNonNull(base, "base");
            return this;
        }

        /**
         * Sets the pre-rules (default {@link PreRules#DEFAULTS}).
         *
         * @param rules applied in list order
         * @return this builder
         */
        public Builder preRules(List<UnaryOperator<String>> rules) {
            this.preRules = List.copyOf(rules);
            return this;
        }

        /**
         * Sets the post-rules (default {@link PostRules#DEFAULTS}).
         *
         * @param rules applied in list order
         * @return this builder
         */
        public Builder postRules(List<UnaryOperator<List<String>>> rules) {
            this.postRules = List.copyOf(rules);
            return this;
        }

        /**
         * Sets the number of threads for {@link Tokenizer#processAll} (default: all available processors).
         *
         * @param n at least 1; 1 tokenizes on the calling thread
         * @return this builder
         */
        public Builder cpus(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("cpus must be at least 1, got " + n);
            }
            this.nCpus = n;
            return this;
        }

        /**
         * Builds the tokenizer.
         *
         * @return a new tokenizer
         */
        public Tokenizer build() {
            return new Tokenizer(this);
        }
    }
}
