package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spaCy 3's rule-based tokenizer with the data of {@code spacy.blank("en")}: what fastai v1's
 * {@code SpacyTokenizer} runs between the pre-rules and the post-rules.
 *
 * <p>The algorithm, as spaCy's {@code tokenizer.pyx} has it:
 * <ol>
 *   <li>Cut the text at whitespace. A single space between two pieces is dropped; any other run of
 *       whitespace (a newline, two spaces) is kept as a token, less its first character when that is a
 *       space ({@code "a \n b"} gives {@code a, "\n ", b}).</li>
 *   <li>A piece that is a special case ({@code don't}, {@code Mr.}, {@code :-)}) becomes its tokens.</li>
 *   <li>Otherwise peel prefixes ({@code ( " $ ...}) and suffixes ({@code ) . , ! 's km %}) off, one of
 *       each per round, stopping when nothing comes off or what is left is a special case.</li>
 *   <li>What is left is a special case, a URL, or is cut at its infixes ({@code well-made},
 *       {@code 10-20}, {@code end...start}, {@code one,two}).</li>
 *   <li>Last, special cases that the affix rules cut apart are put back together
 *       ({@link SpecialCaseMatcher}).</li>
 * </ol>
 *
 * <p>Instances are immutable apart from a cache of the tokens of pieces already seen (as spaCy keeps
 * one), and are safe to share between threads.
 *
 * <pre>{@code
 * SpacyTokenizer tok = SpacyTokenizer.english();
 * tok.tokenize("I don't like it...");   // [I, do, n't, like, it, ...]
 * }</pre>
 */
public final class SpacyTokenizer implements BaseTokenizer {

    /** Pieces cached at most; past this the cache stops growing (results stay the same, only slower). */
    private static final int MAX_CACHE = 500_000;

    private final Pattern prefix;
    private final Pattern suffix;
    private final Pattern infix;
    private final Predicate<String> urlMatch;
    private final Map<String, String[]> specials;
    private final SpecialCaseMatcher specialMatcher;
    private final ConcurrentHashMap<String, String[]> cache = new ConcurrentHashMap<>();

    private SpacyTokenizer(Map<String, List<String>> specialCases) {
        this.prefix = SpacyPunctuation.compilePrefix(SpacyPunctuation.prefixes());
        this.suffix = SpacyPunctuation.compileSuffix(SpacyPunctuation.suffixes());
        this.infix = SpacyPunctuation.compileInfix(SpacyPunctuation.infixes());
        this.urlMatch = new SpacyUrlMatch();
        Map<String, String[]> sp = new HashMap<>(specialCases.size() * 2);
        for (Map.Entry<String, List<String>> e : specialCases.entrySet()) {
            sp.put(e.getKey(), e.getValue().toArray(new String[0]));
        }
        this.specials = sp;
        // special cases the affix rules could cut apart, each with the pieces it is cut into
        Map<String, String[]> phrases = new LinkedHashMap<>();
        for (String key : specialCases.keySet()) {
            if (findPrefix(key) != 0 || findSuffix(key) != 0 || infix.matcher(key).find() || key.contains(" ")) {
                phrases.put(key, tokenizeAffixes(key, false).tokens().toArray(new String[0]));
            }
        }
        this.specialMatcher = new SpecialCaseMatcher(sp, phrases);
    }

    /**
     * spaCy's blank English tokenizer with fastai's special tokens ({@link SpecialTokens#ALL}) added as
     * special cases, as fastai v1 sets it up.
     *
     * @return the tokenizer fastai v1 uses by default
     */
    public static SpacyTokenizer english() {
        return english(SpecialTokens.ALL);
    }

    /**
     * spaCy's blank English tokenizer with extra strings that must always stay one token (fastai's
     * {@code add_special_cases}).
     *
     * @param specialCases strings kept whole, such as fastai's special tokens
     * @return a new tokenizer
     */
    public static SpacyTokenizer english(Collection<String> specialCases) {
        Map<String, List<String>> all = new LinkedHashMap<>(SpacyEnglishExceptions.build());
        for (String s : specialCases) {
            all.put(s, List.of(s));
        }
        return new SpacyTokenizer(all);
    }

    /**
     * Splits {@code text} as spaCy's tokenizer does.
     *
     * @param text any text
     * @return the token strings, in order
     */
    @Override
    public List<String> tokenize(String text) {
        return specialMatcher.apply(tokenizeAffixes(text, true), text);
    }

    /** Steps 1 to 4: whitespace, then each piece through special cases, affixes and infixes. */
    private TokenSpans tokenizeAffixes(String text, boolean withSpecials) {
        TokenSpans doc = new TokenSpans();
        int length = text.length();
        if (length == 0) {
            return doc;
        }
        int start = 0;
        boolean inWs = PyStrings.isSpace(text.codePointAt(0));
        for (int i = 0; i < length; ) {
            int cp = text.codePointAt(i);
            if (PyStrings.isSpace(cp) != inWs) {
                if (start < i) {
                    doc.addAll(piece(text.substring(start, i), withSpecials), start);
                }
                start = cp == ' ' ? i + 1 : i;
                inWs = !inWs;
            }
            i += Character.charCount(cp);
        }
        if (start < length) {
            doc.addAll(piece(text.substring(start), withSpecials), start);
        }
        return doc;
    }

    private String[] piece(String piece, boolean withSpecials) {
        if (!withSpecials) {
            return tokenizePiece(piece, false);
        }
        String[] cached = cache.get(piece);
        if (cached == null) {
            cached = tokenizePiece(piece, true);
            if (cache.size() < MAX_CACHE) {
                cache.put(piece, cached);
            }
        }
        return cached;
    }

    /** spaCy's {@code _split_affixes} then {@code _attach_tokens} for one whitespace-free piece. */
    private String[] tokenizePiece(String piece, boolean withSpecials) {
        if (withSpecials) {
            String[] special = specials.get(piece);
            if (special != null) {
                return special;
            }
        }
        List<String> prefixes = new ArrayList<>(2);
        List<String> suffixes = new ArrayList<>(2);
        String s = piece;
        int lastSize = 0;
        while (!s.isEmpty() && s.length() != lastSize) {
            if (withSpecials && specials.containsKey(s)) {
                break;
            }
            lastSize = s.length();
            int preLen = findPrefix(s);
            String pre = null;
            String minusPre = null;
            if (preLen != 0) {
                pre = s.substring(0, preLen);
                minusPre = s.substring(preLen);
                if (!minusPre.isEmpty() && withSpecials && specials.containsKey(minusPre)) {
                    s = minusPre;
                    prefixes.add(pre);
                    break;
                }
            }
            int sufLen = findSuffix(preLen == 0 ? s : s.substring(preLen));
            String suf = null;
            String minusSuf = null;
            if (sufLen != 0) {
                suf = s.substring(s.length() - sufLen);
                minusSuf = s.substring(0, s.length() - sufLen);
                if (!minusSuf.isEmpty() && withSpecials && specials.containsKey(minusSuf)) {
                    s = minusSuf;
                    suffixes.add(suf);
                    break;
                }
            }
            if (preLen != 0 && sufLen != 0 && preLen + sufLen <= s.length()) {
                s = s.substring(preLen, s.length() - sufLen);
                prefixes.add(pre);
                suffixes.add(suf);
            } else if (preLen != 0) {
                s = minusPre;
                prefixes.add(pre);
            } else if (sufLen != 0) {
                s = minusSuf;
                suffixes.add(suf);
            }
        }
        List<String> out = new ArrayList<>(prefixes);
        if (!s.isEmpty()) {
            String[] special = withSpecials ? specials.get(s) : null;
            if (special != null) {
                out.addAll(List.of(special));
            } else if (urlMatch.test(s)) {
                out.add(s);
            } else {
                splitInfixes(s, out);
            }
        }
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            out.add(suffixes.get(i));
        }
        return out.toArray(new String[0]);
    }

    private void splitInfixes(String s, List<String> out) {
        Matcher m = infix.matcher(s);
        int start = 0;
        while (m.find()) {
            int infixStart = m.start();
            int infixEnd = m.end();
            if (infixStart == 0) {
                continue;
            }
            if (infixStart != start) {
                out.add(s.substring(start, infixStart));
            }
            if (infixStart != infixEnd) {
                out.add(s.substring(infixStart, infixEnd));
            }
            start = infixEnd;
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
    }

    private int findPrefix(String s) {
        Matcher m = prefix.matcher(s);
        return m.lookingAt() ? m.end() : 0;
    }

    private int findSuffix(String s) {
        Matcher m = suffix.matcher(s);
        return m.find() ? m.end() - m.start() : 0;
    }
}
