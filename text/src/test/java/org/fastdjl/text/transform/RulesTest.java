package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fastai v1's pre- and post-rules one by one. Expected strings are what fastai 1.0.61's Python functions
 * return for the same input (quirks included).
 */
class RulesTest {

    @Test
    void fixHtmlUndoesEscapesAndMarkup() {
        assertEquals("It's \"great\"", PreRules.FIX_HTML.apply("It#39;s \\\"great\\\""));
        assertEquals("a\n\nb", PreRules.FIX_HTML.apply("a<br /><br />b"));
        assertEquals("rock && roll", PreRules.FIX_HTML.apply("rock &amp; roll")); // fastai's "amp;" -> "&" first
        assertEquals("&'hi&'", PreRules.FIX_HTML.apply("&quot;hi&quot;"));        // likewise "quot;" -> "'"
        assertEquals("<3 é © ¬it; é", PreRules.FIX_HTML.apply("&lt;3 &eacute; &copy &notit; &#233;"));
        assertEquals("a b", PreRules.FIX_HTML.apply("a   b"));
        assertEquals("line\nnext", PreRules.FIX_HTML.apply("line\\nnext"));
        assertEquals("well-made 1.5 xxunk", PreRules.FIX_HTML.apply("well @-@ made 1 @.@ 5 <unk>"));
        assertEquals("a \\ b", PreRules.FIX_HTML.apply("a\\b"));
    }

    @Test
    void replaceRepMarksCharactersRepeatedFourTimesOrMore() {
        assertEquals("c xxrep 4 o l", PreRules.REPLACE_REP.apply("cooool"));
        assertEquals("what xxrep 5 ! ", PreRules.REPLACE_REP.apply("what!!!!!"));
        assertEquals("cool!!!", PreRules.REPLACE_REP.apply("cool!!!"));
        assertEquals("a    b", PreRules.REPLACE_REP.apply("a    b")); // spaces are not \S
        assertEquals(" xxrep 4 😀 ", PreRules.REPLACE_REP.apply("😀😀😀😀"));
    }

    @Test
    void replaceWrepMarksWordsRepeatedFourTimesOrMore() {
        assertEquals(" xxwrep 4 la  land", PreRules.REPLACE_WREP.apply("la la la la land"));
        assertEquals("so  xxwrep 5 very,  good", PreRules.REPLACE_WREP.apply("so very, very, very, very, very, good"));
        assertEquals("la la la land", PreRules.REPLACE_WREP.apply("la la la land"));
        // fastai counts the repeats by whitespace-separated pieces: without spaces, 2 whatever the count
        assertEquals(" xxwrep 2 ha- ", PreRules.REPLACE_WREP.apply("ha-ha-ha-ha-ha-"));
    }

    @Test
    void specAddSpacesAndRmUselessSpaces() {
        assertEquals("a / b # c \n d", PreRules.SPEC_ADD_SPACES.apply("a/b#c\nd"));
        assertEquals("a b c ", PreRules.RM_USELESS_SPACES.apply("a   b  c  "));
        assertEquals("a\t\tb", PreRules.RM_USELESS_SPACES.apply("a\t\tb"));
    }

    @Test
    void replaceAllCapsMarksAndLowersCapsWords() {
        assertEquals(List.of("I", "xxup", "loved", "xxup", "it", "xxup", "'s", "xxup", "a1", "Hello", "!"),
                PostRules.REPLACE_ALL_CAPS.apply(List.of("I", "LOVED", "IT", "'S", "A1", "Hello", "!")));
    }

    @Test
    void dealCapsMarksCapitalisedWordsAndLowersAll() {
        assertEquals(List.of("xxmaj", "hello", "a", "mcdonald", "xxmaj", "élan", "xxup", "!", "σας"),
                PostRules.DEAL_CAPS.apply(Arrays.asList("Hello", "", "A", "McDonald", "Élan", "xxup", "!", "ΣΑΣ")));
    }

    @Test
    void defaultRuleListsAreFastais() {
        assertEquals("[fix_html, replace_rep, replace_wrep, spec_add_spaces, rm_useless_spaces]",
                PreRules.DEFAULTS.toString());
        assertEquals("[replace_all_caps, deal_caps]", PostRules.DEFAULTS.toString());
    }
}
