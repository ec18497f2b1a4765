package org.fastdjl.text.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growing list of tokens with the char offset where each starts in the text it came from: what
 * spaCy's {@code Doc} holds that the special-case pass needs.
 */
final class TokenSpans {

    private final List<String> tokens = new ArrayList<>();
    private int[] starts = new int[64];

    void add(String token, int start) {
        if (tokens.size() == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[tokens.size()] = start;
        tokens.add(token);
    }

    /** Adds {@code pieces}, which lie back to back from {@code start}. */
    void addAll(String[] pieces, int start) {
        int at = start;
        for (String p : pieces) {
            add(p, at);
            at += p.length();
        }
    }

    int size() {
        return tokens.size();
    }

    String token(int i) {
        return tokens.get(i);
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return starts[i] + tokens.get(i).length();
    }

    List<String> tokens() {
        return tokens;
    }
}
