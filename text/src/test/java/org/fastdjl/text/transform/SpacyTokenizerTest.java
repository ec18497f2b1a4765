package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** spaCy's blank English tokenizer as the port reproduces it, case by case (no fastai rules here). */
class SpacyTokenizerTest {

    private static final SpacyTokenizer TOK = SpacyTokenizer.english();

    private static void check(String text, String... expected) {
        assertEquals(List.of(expected), TOK.tokenize(text), () -> "tokens of <" + text + ">");
    }

    @Test
    void splitsNegationsWithNt() {
        check("I don't know", "I", "do", "n't", "know");
        check("Don't", "Do", "n't");
        check("can't won't isn't", "ca", "n't", "wo", "n't", "is", "n't");
        check("dont cant", "do", "nt", "ca", "nt");
        check("shouldn't've", "should", "n't", "'ve");
        check("don’t", "do", "n’t"); // typographic apostrophe, as spaCy's update_exc adds it
    }

    @Test
    void splitsApostropheS() {
        check("it's", "it", "'s");
        check("He's here", "He", "'s", "here");
        check("John's dog", "John", "'s", "dog");   // the suffix rule, not a special case
        check("JOHN'S", "JOHN", "'S");
        check("let's", "let", "'s");
        check("its", "its");                      // spaCy excludes "its" from the it+s rule
    }

    @Test
    void splitsOtherContractions() {
        check("you're we've I'm they'll she'd", "you", "'re", "we", "'ve", "I", "'m", "they", "'ll", "she", "'d");
        check("gonna gotta cannot", "gon", "na", "got", "ta", "can", "not");
        check("y'all c'mon", "y'", "all", "c'm", "on");
        check("5pm 11a.m.", "5", "pm", "11", "a.m.");
    }

    @Test
    void keepsAbbreviations() {
        check("Mr. Smith and Dr. Who, e.g. this vs. that.", "Mr.", "Smith", "and", "Dr.", "Who", ",", "e.g.",
                "this", "vs.", "that", ".");
        check("U.S. films", "U.S.", "films");
        check("(e.g.)", "(", "e.g.", ")");
        check("Mr.Smith", "Mr.", "Smith");        // glued: cut by the infix, put back by the special-case pass
    }

    @Test
    void splitsPunctuationAndQuotes() {
        check("\"Hello,\" she said.", "\"", "Hello", ",", "\"", "she", "said", ".");
        check("'quoted'", "'", "quoted", "'");
        check("(really?!)", "(", "really", "?", "!", ")");
        check("Whoosh... Banzai!!!", "Whoosh", "...", "Banzai", "!", "!", "!");
        check("end...start", "end", "...", "start");
        check("one,two", "one", ",", "two");
    }

    @Test
    void keepsNumbersWithCommasAndSplitsUnits() {
        check("20,000 people", "20,000", "people");
        check("$25,000.", "$", "25,000", ".");
        check("$3.00", "$", "3.00");
        check("10km 100% 5kg", "10", "km", "100", "%", "5", "kg");
        check("1970s 2nd", "1970s", "2nd");
        check("10-20", "10", "-", "20");
    }

    @Test
    void splitsHyphenatedWords() {
        check("well-made", "well", "-", "made");
        check("Un-bleeping-believable!", "Un", "-", "bleeping", "-", "believable", "!");
        check("good--bad", "good", "--", "bad");
        check("-- yes", "--", "yes");
    }

    @Test
    void keepsUrlsWhole() {
        check("http://www.imdb.com/title/tt0408790/", "http://www.imdb.com/title/tt0408790/");
        check("(see www.imdb.com.)", "(", "see", "www.imdb.com", ".", ")");
        check("mail cartwrightbride@yahoo.com", "mail", "cartwrightbride@yahoo.com");
        check("film.It", "film", ".", "It");       // upper-case "TLD": no URL, the infix cuts
    }

    @Test
    void keepsEmoticons() {
        check(":) :-( <3 ;-) :D", ":)", ":-(", "<3", ";-)", ":D");
        check("smile:)", "smile", ":)");           // glued emoticon put back together
        check("(8)", "(", "8)");                  // spaCy's own quirk: "8)" is an emoticon
    }

    @Test
    void keepsWhitespaceOtherThanSingleSpaces() {
        check("a  b", "a", " ", "b");
        check("a\nb", "a", "\n", "b");
        check("a \n \n b", "a", "\n \n ", "b");
        check(" a", " ", "a");
        check("a ", "a");
        check("");
    }

    @Test
    void neverLosesOrInventsText() {
        String alphabet = "aZé0 9.,-–:/'\"()!?…$%#&😀\n\t\u00a0\u0085ΣİǅxX<>=+*^~;[]{}@_";
        java.util.Random rnd = new java.util.Random(3);
        Tokenizer full = new Tokenizer().withCpus(1);
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = rnd.nextInt(25); n > 0; n--) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        rnd.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String text = sb.toString();
            List<String> toks = TOK.tokenize(text);
            assertEquals(withoutSpaces(text), withoutSpaces(String.join("", toks)), () -> "text <" + text + ">");
            for (String t : toks) {
                assertEquals(false, t.isEmpty(), () -> "empty token from <" + text + ">");
            }
            full.processText(text); // the whole pipeline takes any text
        }
    }

    private static String withoutSpaces(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(cp -> !PyStrings.isSpace(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    @Test
    void keepsFastaiSpecialTokensWhole() {
        check("xxbos xxmaj hello xxrep 4 !", "xxbos", "xxmaj", "hello", "xxrep", "4", "!");
    }
}
