package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our tokens against fastai v1's own output (fastai 1.0.61 + spaCy 3.5) on the 1,000 IMDB sample reviews.
 *
 * <p>Document rate: documents whose token sequence is identical. Token rate: tokens matched by aligning the
 * two sequences of each document with a longest common subsequence, summed over all documents and divided
 * by the number of reference tokens.
 */
class ReferenceTokensTest {

    @Test
    void matchesFastaiV1OnImdbSample() throws IOException {
        Path dir = TestData.imdbSample();
        List<String> texts = CsvTexts.readColumn(dir.resolve("texts.csv"), "text");
        List<List<String>> expected = TestData.readJsonLines(dir.resolve("tokens_fastai_v1.jsonl"));
        assertEquals(expected.size(), texts.size(), "one reference line per document");

        List<List<String>> actual = new TokenizeProcessor(new Tokenizer()).processTexts(texts);

        int sameDocs = 0;
        long refTokens = 0;
        long matched = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            List<String> exp = expected.get(i);
            List<String> act = actual.get(i);
            refTokens += exp.size();
            if (exp.equals(act)) {
                sameDocs++;
                matched += exp.size();
            } else {
                matched += TokenAlignment.lcsLength(exp, act);
                report.append("doc ").append(i).append(":\n").append(TokenAlignment.describeDiff(exp, act))
                        .append('\n');
            }
        }
        double docRate = sameDocs / (double) texts.size();
        double tokenRate = matched / (double) refTokens;
        System.out.printf("reference match: %d/%d documents identical (%.2f%%), %d/%d tokens aligned (%.3f%%)%n",
                sameDocs, texts.size(), 100 * docRate, matched, refTokens, 100 * tokenRate);
        Path out = Path.of("target", "tokenizer-mismatches.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        assertTrue(docRate >= 0.99, "documents identical to fastai v1: " + docRate + " (see " + out + ")");
        assertTrue(tokenRate >= 0.999, "tokens aligned with fastai v1: " + tokenRate + " (see " + out + ")");
    }
}
