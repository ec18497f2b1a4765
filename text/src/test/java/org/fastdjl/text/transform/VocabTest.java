package org.fastdjl.text.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fastai 1.0.61's Vocab.create, numericalize/textify and the JSON file. */
class VocabTest {

    @TempDir
    Path tmp;

    private static final List<List<String>> DOCS = List.of(
            List.of("xxbos", "the", "movie", "the", "end"),
            List.of("xxbos", "xxmaj", "movie", "the", "a", "movie"),
            List.of("xxbos", "end", "a", "rare"));

    @Test
    void specialsComeFirstThenByFrequencyTiesInFirstSeenOrder() {
        Vocab v = Vocab.create(DOCS, 60_000, 2);
        // the:3 movie:3 end:2 a:2 (xxbos:3 and xxmaj:1 are specials); rare:1 < min_freq
        assertEquals(List.of("xxunk", "xxpad", "xxbos", "xxeos", "xxfld", "xxmaj", "xxup", "xxrep", "xxwrep",
                "the", "movie", "end", "a", "xxfake", "xxfake", "xxfake"), v.itos());
        assertEquals(0, v.stoi("xxunk"));
        assertEquals(1, v.stoi("xxpad"));
    }

    @Test
    void minFreqDropsRareTokens() {
        assertTrue(Vocab.create(DOCS, 60_000, 1).contains("rare"));
        assertFalse(Vocab.create(DOCS, 60_000, 2).contains("rare"));
        Vocab three = Vocab.create(DOCS, 60_000, Vocab.MIN_FREQ_DATA_BLOCK);
        assertEquals(List.of("the", "movie"), three.itos().subList(9, 11));
        assertEquals(Vocab.FAKE, three.itos().get(11));
    }

    @Test
    void maxVocabCutsAfterTheSpecials() {
        Vocab v = Vocab.create(DOCS, 11, 1);
        // most_common(11) keeps all 7 ordinary tokens, specials go in front, the list is cut to 11: no padding
        assertEquals(11, v.size());
        assertEquals(List.of("the", "movie"), v.itos().subList(9, 11));
        assertEquals(List.of("xxunk", "xxpad", "xxbos"), Vocab.create(DOCS, 3, 1).itos());
    }

    @Test
    void padsToAMultipleOfEightWithFakeTokens() {
        for (int distinct = 0; distinct < 20; distinct++) {
            List<String> toks = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                toks.add("w" + i);
            }
            Vocab v = Vocab.create(List.of(toks), 60_000, 1);
            assertEquals(0, v.size() % 8, "size " + v.size() + " for " + distinct + " tokens");
            assertTrue(v.size() - (9 + distinct) < 8);
        }
        Vocab v = Vocab.create(DOCS, 60_000, 2);
        assertEquals(15, v.stoi(Vocab.FAKE), "a repeated token maps to its last id, as fastai's dict does");
    }

    @Test
    void unknownTokensBecomeXxunk() {
        Vocab v = Vocab.create(DOCS, 60_000, 2);
        assertArrayEquals(new int[] {2, 9, 0, 10}, v.numericalize(List.of("xxbos", "the", "zebra", "movie")));
        assertEquals("xxbos the xxunk movie", v.textify(v.numericalize(List.of("xxbos", "the", "zebra", "movie"))));
        assertThrows(IndexOutOfBoundsException.class, () -> v.textify(new int[] {99}));
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        List<String> odd = List.of("xxunk", "\n \n ", "\"", "\\", "é", "😀", "", "line\nbreak", "xxfake", "xxfake");
        Vocab v = new Vocab(odd);
        Path file = tmp.resolve("models/itos.json");
        v.save(file);
        Vocab back = Vocab.load(file);
        assertEquals(v, back);
        assertEquals(odd, back.itos());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        Vocab created = Vocab.create(DOCS, 60_000, 1);
        created.save(file); // overwrites
        assertEquals(created, Vocab.load(file));
    }

    @Test
    void loadNamesTheFileAndTheProblem() throws IOException {
        Path missing = tmp.resolve("nope.json");
        assertMessage(missing, "does not exist");
        assertMessage(write("broken.json", "{\"itos\": [\"a\", "), "not valid JSON");
        assertMessage(write("list.json", "[\"a\", \"b\"]"), "expected a JSON object");
        assertMessage(write("noitos.json", "{\"tokens\": [\"a\"]}"), "\"itos\"");
        assertMessage(write("number.json", "{\"itos\": [\"a\", 3]}"), "entry 1");
        assertMessage(write("empty.json", "{\"itos\": []}"), "empty");
        assertMessage(write("other.json", "{\"format\": \"pickle\", \"itos\": [\"a\"]}"), "format");
        assertMessage(write("v2.json", "{\"format\": \"fastdjl-vocab\", \"version\": 2, \"itos\": [\"a\"]}"), "version");
        assertMessage(write("empty-file.json", ""), "expected a JSON object");
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static void assertMessage(Path file, String fragment) {
        IOException e = assertThrows(IOException.class, () -> Vocab.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
