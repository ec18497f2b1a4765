package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** fastai's whole pipeline: pre-rules, spaCy-style tokens, post-rules, xxbos; in parallel and in order. */
class TokenizerTest {

    private static final Tokenizer TOK = new Tokenizer();
    private static final TokenizeProcessor PROC = new TokenizeProcessor(TOK);

    private static List<String> doc(String text) {
        return PROC.processTexts(List.of(text)).get(0);
    }

    @Test
    void tokenizesAReviewAsFastaiDoes() {
        assertEquals(List.of("xxbos", "i", "do", "n't", "think", "it", "'s", "xxup", "bad", ",", "xxmaj",
                "john", "'s", "right", "!"), doc("I don't think it's BAD, John's right!"));
    }

    @Test
    void turnsLineBreakMarkupIntoNewlineTokens() {
        assertEquals(List.of("xxbos", "xxmaj", "great", ".", "\n \n ", "xxmaj", "really", "."),
                doc("Great.<br /><br />Really."));
    }

    @Test
    void ampersandEntityBecomesTwoAmpersands() {
        assertEquals(List.of("xxbos", "rock", "&", "&", "roll"), doc("rock &amp; roll"));
    }

    @Test
    void marksCapsAndRepetitions() {
        assertEquals(List.of("xxbos", "xxmaj", "hello", "xxup", "world", "w", "xxrep", "5", "o", "w", "xxrep", "4", "!",
                "this", "is", "xxwrep", "4", "very", "good"),
                doc("Hello WORLD Wooooow!!!! this is very very very very good"));
    }

    @Test
    void urlsAreCutAtSlashesByTheRules() {
        assertEquals(List.of("xxbos", "see", "http", ":", "/", "/", "www.imdb.com", "/", "title", "/", "tt01", "/"),
                doc("see http://www.imdb.com/title/tt01/"));
    }

    @Test
    void emptyDocumentIsJustXxbos() {
        assertEquals(List.of("xxbos"), doc(""));
        assertEquals(List.of("xxbos"), doc("   "));
    }

    @Test
    void joinsFieldsLikeFastai() {
        assertEquals("xxbos a b", TokenizeProcessor.joinTexts(List.of("a", "b"), false, true, false));
        assertEquals("xxbos xxfld 1 a xxfld 2 b xxeos", TokenizeProcessor.joinTexts(List.of("a", "b"), true, true, true));
        assertEquals("a", TokenizeProcessor.joinTexts(List.of("a"), false, false, false));
        assertEquals(List.of("xxbos", "xxfld", "1", "title", "xxfld", "2", "xxmaj", "body"),
                new TokenizeProcessor(TOK, true, true, false).processRows(List.of(List.of("title", "Body"))).get(0));
        assertThrows(IllegalArgumentException.class, () -> TokenizeProcessor.joinTexts(List.of(), false, true, false));
    }

    @Test
    void rulesCanBeReplacedAndExtended() {
        List<UnaryOperator<String>> pre = new ArrayList<>(PreRules.DEFAULTS);
        pre.add(t -> t.replace("colour", "color"));
        Tokenizer custom = Tokenizer.builder().preRules(pre).postRules(List.of(PostRules.DEAL_CAPS)).cpus(1).build();
        assertEquals(List.of("xxmaj", "the", "color", "is", "red"), custom.processText("The colour is RED"));
        Tokenizer plain = Tokenizer.builder().base(BaseTokenizer.splitOnSpace()).preRules(List.of())
                .postRules(List.of()).build();
        assertEquals(List.of("Don't", "", "split"), plain.processText("Don't  split"));
        assertTrue(TOK.toString().contains(" - fix_html\n"), TOK.toString());
    }

    @Test
    void parallelKeepsOrderAndEqualsSequential() {
        Random rnd = new Random(42);
        String[] words = {"Great", "movie", "don't", "BAD", "it's", "well-made", "!!!!", "<br />", "&amp;", "...",
            "(really)", "10km", ":)", "U.S.", "wow"};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder sb = new StringBuilder("doc").append(i);
            for (int w = rnd.nextInt(60); w > 0; w--) {
                sb.append(' ').append(words[rnd.nextInt(words.length)]);
            }
            texts.add(sb.toString());
        }
        List<List<String>> parallel = new TokenizeProcessor(TOK.withCpus(4)).processTexts(texts);
        List<List<String>> sequential = new TokenizeProcessor(TOK.withCpus(1)).processTexts(texts);
        assertEquals(sequential, parallel);
        for (int i = 0; i < texts.size(); i++) {
            assertEquals("doc" + i, parallel.get(i).get(1), "document " + i + " in its place");
        }
    }

    @Test
    void parallelEqualsSequentialOnImdbSample() throws IOException {
        List<String> texts = CsvTexts.readColumn(TestData.imdbSample().resolve("texts.csv"), "text");
        assertEquals(new TokenizeProcessor(TOK.withCpus(1)).processTexts(texts),
                new TokenizeProcessor(TOK.withCpus(3)).processTexts(texts));
    }

    @Test
    void rejectsZeroCpus() {
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.builder().cpus(0));
    }

    @Test
    void processAllCanTurnEachDocumentsTokensIntoSomethingElseOnItsThread() {
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            texts.add("xxbos Text number " + i + ", SHOUTED and quiet!!!!");
        }
        Tokenizer tok = Tokenizer.builder().cpus(2).build();
        Tokenizer single = tok.withCpus(1);
        List<List<String>> tokens = tok.processAll(texts);
        List<Integer> counts = tok.processAll(texts, List::size);
        List<String> joined = tok.processAll(texts, t -> String.join(" ", t));
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(tokens.get(i).size(), counts.get(i).intValue());
            assertEquals(String.join(" ", tokens.get(i)), joined.get(i));
            assertEquals(tokens.get(i), single.processText(texts.get(i)));
        }
    }
}
