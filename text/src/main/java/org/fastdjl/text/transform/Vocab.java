package org.fastdjl.text.transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * fastai v1's {@code Vocab}: the list of known tokens ({@code itos}, id to string) and its inverse
 * ({@code stoi}). Ids 0 to 8 are the {@link SpecialTokens} in order, so an unknown token numericalizes to
 * 0 ({@code xxunk}) and padding is 1 ({@code xxpad}).
 *
 * <pre>{@code
 * Vocab vocab = Vocab.create(tokens, Vocab.DEFAULT_MAX_VOCAB, Vocab.MIN_FREQ_DATA_BLOCK);
 * int[] ids = vocab.numericalize(List.of("xxbos", "great", "movie"));
 * String back = vocab.textify(ids);          // "xxbos great movie"
 * vocab.save(Path.of("models/itos.json"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Vocab {

    /** fastai's {@code max_vocab} default. */
    public static final int DEFAULT_MAX_VOCAB = 60_000;

    /**
     * fastai's {@code min_freq} on the data-block path ({@code TextList...databunch()}, whose
     * {@code NumericalizeProcessor} defaults to 3).
     */
    public static final int MIN_FREQ_DATA_BLOCK = 3;

    /** fastai's {@code min_freq} in {@code TextDataBunch.from_csv}, {@code from_df} and {@code from_folder}. */
    public static final int MIN_FREQ_FROM_DF = 2;

    /** The filler fastai appends so that the vocab size is a multiple of 8. */
    public static final String FAKE = "xxfake";

    private final List<String> itos;
    private final Map<String, Integer> stoi;

    /**
     * A vocab with exactly these tokens, id i for {@code itos.get(i)}. A token listed twice (such as
     * {@link #FAKE}) numericalizes to its last id, as in fastai.
     *
     * @param itos the tokens by id; no nulls
     */
    public Vocab(List<String> itos) {
        List<String> copy = new ArrayList<>(itos.size());
        for (int i = 0; i < itos.size(); i++) {
            copy.add(Objects.requireNonNull(itos.get(i), () -> "token " + copy.size() + " is null"));
        }
        this.itos = Collections.unmodifiableList(copy);
        Map<String, Integer> m = new HashMap<>(copy.size() * 2);
        for (int i = 0; i < copy.size(); i++) {
            m.put(copy.get(i), i);
        }
        this.stoi = m;
    }

    /**
     * fastai v1's {@code Vocab.create}: counts every token, keeps the {@code maxVocab} most frequent (ties
     * in order of first appearance, as Python's {@code Counter.most_common}) that occur at least
     * {@code minFreq} times, puts the special tokens first in their fixed order, cuts the list to
     * {@code maxVocab} and, when it is shorter, pads it with {@link #FAKE} to a multiple of 8.
     *
     * @param tokens the tokenized documents
     * @param maxVocab the most tokens to keep, specials included ({@link #DEFAULT_MAX_VOCAB})
     * @param minFreq the fewest occurrences for a token to be kept ({@link #MIN_FREQ_DATA_BLOCK} or
     *     {@link #MIN_FREQ_FROM_DF})
     * @return the vocab
     */
    public static Vocab create(Collection<? extends List<String>> tokens, int maxVocab, int minFreq) {
        if (maxVocab < 1) {
            throw new IllegalArgumentException("maxVocab must be at least 1, got " + maxVocab);
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (List<String> doc : tokens) {
            for (String t : doc) {
                counts.computeIfAbsent(t, k -> new int[1])[0]++;
            }
        }
        List<Map.Entry<String, int[]>> byFreq = new ArrayList<>(counts.entrySet());
        byFreq.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0])); // stable: ties keep order
        List<String> mostCommon = new ArrayList<>();
        for (int i = 0; i < Math.min(maxVocab, byFreq.size()); i++) {
            if (byFreq.get(i).getValue()[0] >= minFreq) {
                mostCommon.add(byFreq.get(i).getKey());
            }
        }
        return fromMostCommon(mostCommon, maxVocab);
    }

    /**
     * The second half of {@link #create}, for counts made elsewhere (such as on a Spark cluster): from the
     * tokens kept, most frequent first (ties in order of first appearance), each seen at least
     * {@code minFreq} times and at most {@code maxVocab} of them, puts the special tokens first in their
     * fixed order, cuts the list to {@code maxVocab} and, when it is shorter, pads it with {@link #FAKE}
     * to a multiple of 8.
     *
     * @param mostCommon fastai's {@code [o for o, c in freq.most_common(max_vocab) if c >= min_freq]}
     * @param maxVocab the most tokens to keep, specials included
     * @return the vocab
     */
    public static Vocab fromMostCommon(List<String> mostCommon, int maxVocab) {
        if (maxVocab < 1) {
            throw new IllegalArgumentException("maxVocab must be at least 1, got " + maxVocab);
        }
        List<String> itos = new ArrayList<>(mostCommon);
        itos.removeAll(SpecialTokens.ALL);
        itos.addAll(0, SpecialTokens.ALL);
        if (itos.size() > maxVocab) {
            itos = new ArrayList<>(itos.subList(0, maxVocab));
        }
        if (itos.size() < maxVocab) {
            while (itos.size() % 8 != 0) {
                itos.add(FAKE);
            }
        }
        return new Vocab(itos);
    }

    /**
     * Token ids, 0 ({@code xxunk}) for a token not in the vocab.
     *
     * @param tokens the tokens
     * @return their ids
     */
    public int[] numericalize(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = stoi.getOrDefault(tokens.get(i), 0);
        }
        return ids;
    }

    /**
     * The tokens of these ids joined by single spaces (fastai's {@code textify} with its default separator).
     *
     * @param ids token ids, each in [0, size)
     * @return the text
     */
    public String textify(int[] ids) {
        return String.join(" ", tokens(ids));
    }

    /**
     * The tokens of these ids (fastai's {@code textify(nums, sep=None)}).
     *
     * @param ids token ids, each in [0, size)
     * @return the tokens
     * @throws IndexOutOfBoundsException naming the offending id and the vocab size
     */
    public List<String> tokens(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= itos.size()) {
                throw new IndexOutOfBoundsException("id " + id + " at position " + i + " is not in a vocab of "
                        + itos.size() + " tokens");
            }
            out.add(itos.get(id));
        }
        return out;
    }

    /**
     * The id of one token.
     *
     * @param token a token
     * @return its id, 0 when unknown
     */
    public int stoi(String token) {
        return stoi.getOrDefault(token, 0);
    }

    /**
     * Whether the vocab has this token.
     *
     * @param token a token
     * @return true when it has an id of its own
     */
    public boolean contains(String token) {
        return stoi.containsKey(token);
    }

    /**
     * The tokens by id.
     *
     * @return an unmodifiable list
     */
    public List<String> itos() {
        return itos;
    }

    /**
     * The number of ids.
     *
     * @return the length of {@link #itos()}
     */
    public int size() {
        return itos.size();
    }

    /**
     * Writes the vocab as JSON ({@code {"format": "fastdjl-vocab", "version": 1, "itos": [...]}}) through a
     * temporary file renamed into place, so a crash never leaves a half-written file.
     *
     * @param file where to write; its folder is created when missing
     * @throws IOException when the file cannot be written
     */
    public void save(Path file) throws IOException {
        VocabFile.write(file, itos);
    }

    /**
     * Reads a vocab written by {@link #save}.
     *
     * @param file the file
     * @return the vocab
     * @throws IOException naming the file and what is wrong with it when it is missing, not JSON, or has
     *     no list of token strings under {@code itos}
     */
    public static Vocab load(Path file) throws IOException {
        return new Vocab(VocabFile.read(file));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocab v && v.itos.equals(itos);
    }

    @Override
    public int hashCode() {
        return itos.hashCode();
    }

    @Override
    public String toString() {
        return "Vocab(" + itos.size() + " tokens: " + String.join(" ", itos.subList(0, Math.min(12, itos.size())))
                + (itos.size() > 12 ? " ...)" : ")");
    }
}
