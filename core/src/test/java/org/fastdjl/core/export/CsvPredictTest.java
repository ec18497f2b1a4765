package org.fastdjl.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fastdjl.core.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Batch prediction of a CSV file: order, batching, the output's columns, and bad input named by line. */
class CsvPredictTest {

    private static MlpLearner learn;

    @BeforeAll
    static void train() {
        ai.djl.engine.Engine.getInstance().setRandomSeed(4);
        learn = MlpLearner.of(TestData.regression(128, 32, 4), 4);
        learn.fit(1, 1e-2);
    }

    @AfterAll
    static void close() {
        learn.close();
    }

    @Test
    void predictionsFollowTheInputOrderWhateverTheBatchSize() throws IOException {
        Path dir = TestData.tempDir();
        StringBuilder csv = new StringBuilder("id,x2,\"note, quoted\",x0,x1\n");
        float[] x = new float[23 * 3];
        for (int i = 0; i < 23; i++) {
            x[i * 3] = i * 0.1f;
            x[i * 3 + 1] = -i * 0.05f;
            x[i * 3 + 2] = (i % 5) - 2f;
            csv.append(i).append(',').append(x[i * 3 + 2]).append(",\"multi\nline ").append(i).append("\",")
                    .append(x[i * 3]).append(',').append(x[i * 3 + 1]).append('\n');
        }
        float[] expected = learn.predict(x);
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv);
        for (int bs : new int[] {1, 5, 23, 100}) {
            Path out = dir.resolve("out" + bs + ".csv");
            CsvPredict.Result r = CsvPredict.run(learn, in, out, bs, Map.of());
            assertEquals(23, r.rows());
            List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
                    .setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(out)).getRecords();
            assertEquals(23, rows.size());
            for (int i = 0; i < 23; i++) {
                assertEquals(Integer.toString(i), rows.get(i).get("id"), "row order, bs " + bs);
                assertEquals("multi\nline " + i, rows.get(i).get("note, quoted"), "input fields copied as they were");
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(Float.parseFloat(
                        rows.get(i).get("prediction"))), "the exact float, bs " + bs);
            }
            assertEquals("id,x2,\"note, quoted\",x0,x1,prediction", Files.readAllLines(out).get(0));
        }
    }

    @Test
    void missingColumnsAreAllNamedAndNoOutputIsLeft() throws IOException {
        Path dir = TestData.tempDir();
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "x1,y\n1,2\n");
        Path out = dir.resolve("out.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvPredict.run(learn, in, out, 10, Map.of()));
        assertTrue(e.getMessage().contains(in + " has no columns 'x0', 'x2' (2 of the 3 columns the test model reads"),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aBadRecordIsNamedByLineAndTheOutputIsNotWritten() throws IOException {
        Path dir = TestData.tempDir();
        Path in = dir.resolve("in.csv");
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "previous content\n");
        Files.writeString(in, "x0,x1,x2\n1,2,3\n\"a\nb\",2,3\n4,five,6\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvPredict.run(learn, in, out, 1, Map.of()));
        assertTrue(e.getMessage().contains(in + ", line 3, column 'x0': 'a\nb' is not a number"), e.getMessage());
        Files.writeString(in, "x0,x1,x2\n1,2,3\n4,5,6\n7,8\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvPredict.run(learn, in, out, 2, Map.of()));
        assertTrue(e.getMessage().contains(in + ", line 4: 2 fields, the header has 3"), e.getMessage());
        assertEquals("previous content\n", Files.readString(out), "a failed run leaves the old output untouched");
        Files.writeString(in, "x0,x1,x2,prediction\n1,2,3,4\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvPredict.run(learn, in, out, 2, Map.of()));
        assertTrue(e.getMessage().contains("already has a column 'prediction'"), e.getMessage());
    }
}
