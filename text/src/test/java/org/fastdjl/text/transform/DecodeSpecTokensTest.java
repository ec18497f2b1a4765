package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

/** fastai's decode_spec_tokens, on the cases of fastai's own tests and a few more. */
class DecodeSpecTokensTest {

    private static List<String> d(String... tokens) {
        return SpecialTokens.decode(List.of(tokens));
    }

    @Test
    void marksBecomeText() {
        assertEquals(List.of("Text"), d("xxmaj", "text"));
        assertEquals(List.of("TEXT"), d("xxup", "text"));
        assertEquals(List.of("aaa"), d("xxrep", "3", "a"));
        assertEquals(List.of("word", "word", "word"), d("xxwrep", "3", "word"));
        assertEquals(List.of("xxbos", "I", "liked", "It", "!!!!", "VERY", "much"),
                d("xxbos", "xxmaj", "i", "liked", "xxmaj", "it", "xxrep", "4", "!", "xxup", "very", "much"));
        assertEquals(List.of("Hello"), d("xxmaj", "hELLO"), "first letter up, the rest down");
    }

    @Test
    void aRuleAppliesToOneTokenAndABadCountCancelsIt() {
        assertEquals(List.of("aaa", "b"), d("xxrep", "3", "a", "b"));
        assertEquals(List.of("b"), d("xxrep", "x", "b"), "a non-integer count is dropped with its rule");
        assertEquals(List.of("Two"), d("xxup", "xxmaj", "two"), "the last mark wins");
        assertEquals(List.of(), d("xxmaj"));
    }
}
