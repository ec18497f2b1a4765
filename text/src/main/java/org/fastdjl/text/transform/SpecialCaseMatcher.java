package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * spaCy 3's last tokenizer pass ({@code _apply_special_cases}): a special case that contains a prefix,
 * suffix or infix character can be cut apart by the affix rules when it is glued to other text
 * ({@code smile:)} gives {@code smile : )}, {@code Mr.Smith} gives {@code Mr . Smith}). This pass looks for
 * the pieces each such special case splits into, back to back, and puts the special case's own tokens in
 * their place ({@code smile :)}, {@code Mr. Smith}).
 *
 * <p>As in spaCy, all matches are found first; the longest win, then the leftmost, and a match whose first
 * or last token is already taken by a winner is dropped; a winner whose text is not exactly a special
 * case (its pieces were apart, separated by a space) is left as it was.
 */
final class SpecialCaseMatcher {

    private record Phrase(String[] pieces) {
    }

    private record Match(int start, int end) {
        int length() {
            return end - start;
        }
    }

    private final Map<String, List<Phrase>> byFirstPiece = new HashMap<>();
    private final Map<String, String[]> specials;

    /**
     * @param specials all special cases, string to tokens
     * @param phrases the special cases to look for, each as the pieces the tokenizer cuts it into when
     *     special cases are off
     */
    SpecialCaseMatcher(Map<String, String[]> specials, Map<String, String[]> phrases) {
        this.specials = specials;
        for (Map.Entry<String, String[]> e : phrases.entrySet()) {
            String[] pieces = e.getValue();
            if (pieces.length == 0) {
                continue;
            }
            // one piece equal to a special case that is itself one token: replacing it changes nothing
            if (pieces.length == 1 && Arrays.equals(specials.get(e.getKey()), pieces)) {
                continue;
            }
            byFirstPiece.computeIfAbsent(pieces[0], k -> new ArrayList<>()).add(new Phrase(pieces));
        }
    }

    /** The tokens of {@code doc} (cut from {@code text}) with the glued special cases put back together. */
    List<String> apply(TokenSpans doc, String text) {
        List<Match> matches = findMatches(doc);
        if (matches.isEmpty()) {
            return doc.tokens();
        }
        List<Match> winners = filter(matches, doc.size());
        List<String> out = new ArrayList<>(doc.size());
        int w = 0;
        for (int i = 0; i < doc.size(); ) {
            if (w < winners.size() && winners.get(w).start() == i) {
                Match m = winners.get(w++);
                String[] replacement = specials.get(text.substring(doc.start(m.start()), doc.end(m.end() - 1)));
                if (replacement != null) {
                    out.addAll(Arrays.asList(replacement));
                } else {
                    for (int j = m.start(); j < m.end(); j++) {
                        out.add(doc.token(j));
                    }
                }
                i = m.end();
            } else {
                out.add(doc.token(i++));
            }
        }
        return out;
    }

    private List<Match> findMatches(TokenSpans doc) {
        List<Match> found = new ArrayList<>(0);
        int n = doc.size();
        for (int i = 0; i < n; i++) {
            List<Phrase> candidates = byFirstPiece.get(doc.token(i));
            if (candidates == null) {
                continue;
            }
            for (Phrase p : candidates) {
                int len = p.pieces().length;
                if (i + len > n) {
                    continue;
                }
                boolean all = true;
                for (int k = 1; k < len && all; k++) {
                    all = p.pieces()[k].equals(doc.token(i + k));
                }
                if (all) {
                    found.add(new Match(i, i + len));
                }
            }
        }
        return found;
    }

    /** spaCy's {@code _filter_special_spans}: longest first, then leftmost; first and last token free. */
    private static List<Match> filter(List<Match> matches, int docLength) {
        List<Match> order = new ArrayList<>(matches);
        order.sort((a, b) -> a.length() != b.length()
                ? Integer.compare(b.length(), a.length())
                : Integer.compare(a.start(), b.start()));
        boolean[] seen = new boolean[docLength];
        List<Match> kept = new ArrayList<>();
        for (Match m : order) {
            if (!seen[m.start()] && !seen[m.end() - 1]) {
                kept.add(m);
            }
            for (int i = m.start(); i < m.end(); i++) {
                seen[i] = true;
            }
        }
        kept.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return kept;
    }
}
