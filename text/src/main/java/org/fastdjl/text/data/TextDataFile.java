package org.fastdjl.text.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.fastdjl.core.io.AtomicFiles;
import org.fastdjl.text.transform.Vocab;

/**
 * The file behind {@link TextData#save} and {@link TextData#load}: big-endian binary, written atomically.
 *
 * <pre>
 * "FASTDJL-TEXTDATA"  16 ASCII bytes
 * int version         1
 * byte kind           0 language model, 1 classifier
 * str origin; int droppedEmpty
 * int nVocab, str × nVocab          (itos)
 * int nClasses, str × nClasses
 * byte hasTest
 * split × (2 or 3):   int n, int total, int[n+1] offsets, int[total] ids,
 *                     byte hasLabels, [int[n] labels], int[n] sourceItems
 * long CRC-32 of every byte before it
 * </pre>
 * A {@code str} is an int byte count and that many UTF-8 bytes.
 */
final class TextDataFile {

    static final byte[] MAGIC = "FASTDJL-TEXTDATA".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int CHUNK = 1 << 16;

    private TextDataFile() {
    }

    static void write(Path file, TextData data) throws IOException {
        AtomicFiles.write(file, raw -> {
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(data.isLanguageModel() ? 0 : 1);
            writeString(out, data.origin());
            out.writeInt(data.droppedEmpty());
            writeStrings(out, data.vocab().itos());
            writeStrings(out, data.classes());
            out.writeByte(data.hasTest() ? 1 : 0);
            writeSplit(out, data.train());
            writeSplit(out, data.valid());
            if (data.hasTest()) {
                writeSplit(out, data.test());
            }
            out.flush();
            new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
        });
    }

    private static void writeSplit(DataOutputStream out, TextSplit s) throws IOException {
        out.writeInt(s.size());
        out.writeInt(s.totalTokens());
        writeInts(out, s.offsets());
        writeInts(out, s.flatIds());
        out.writeByte(s.hasLabels() ? 1 : 0);
        if (s.hasLabels()) {
            writeInts(out, s.labelsNoCopy());
        }
        writeInts(out, s.sourceItemsNoCopy());
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        for (int from = 0; from < a.length; from += CHUNK / 4) {
            int n = Math.min(CHUNK / 4, a.length - from);
            buf.clear();
            buf.asIntBuffer().put(a, from, n);
            out.write(buf.array(), 0, n * 4);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static TextData read(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException("text data file " + file + " does not exist", e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            Reader in = new Reader(new DataInputStream(checked), file, size);
            byte[] magic = in.bytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("text data file " + file + " is not a fastdjl text data file (it does not start "
                        + "with FASTDJL-TEXTDATA); write one with TextData.save or TextDataBunch.save");
            }
            int version = in.in.readInt();
            if (version != VERSION) {
                throw new IOException("text data file " + file + " has format version " + version
                        + "; this library reads version " + VERSION + ": process the texts again and save");
            }
            int kind = in.in.readByte();
            if (kind != 0 && kind != 1) {
                throw in.corrupt("kind byte " + kind);
            }
            String origin = in.string();
            int droppedEmpty = in.count("dropped count");
            Vocab vocab = new Vocab(in.strings("vocab"));
            List<String> classes = in.strings("classes");
            int hasTest = in.in.readByte();
            TextSplit train = in.split("train", vocab.size(), classes.size());
            TextSplit valid = in.split("valid", vocab.size(), classes.size());
            TextSplit test = hasTest != 0 ? in.split("test", vocab.size(), classes.size()) : null;
            long expected = checked.getChecksum().getValue();
            long stored = in.in.readLong();
            if (stored != expected) {
                throw new IOException("text data file " + file + " is corrupt: its checksum does not match its content");
            }
            if (in.in.read() != -1) {
                throw new IOException("text data file " + file + " is corrupt: there are bytes after its end");
            }
            try {
                return new TextData(kind == 0, vocab, classes, train, valid, test, droppedEmpty, origin);
            } catch (IllegalArgumentException e) {
                throw in.corrupt(e.getMessage());
            }
        } catch (EOFException e) {
            throw new IOException("text data file " + file + " is truncated (" + size + " bytes): it ends before "
                    + "its content does; write it again", e);
        }
    }

    /** Reads the parts of the file, checking every size against what is left of it. */
    private static final class Reader {
        final DataInputStream in;
        final Path file;
        final long size;

        Reader(DataInputStream in, Path file, long size) {
            this.in = in;
            this.file = file;
            this.size = size;
        }

        IOException corrupt(String what) {
            return new IOException("text data file " + file + " is corrupt: " + what);
        }

        int count(String what) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > size) {
                throw corrupt(what + " " + n + " does not fit a file of " + size + " bytes");
            }
            return n;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        String string() throws IOException {
            return new String(bytes(count("string length")), StandardCharsets.UTF_8);
        }

        List<String> strings(String what) throws IOException {
            int n = count(what + " size");
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        int[] ints(int n) throws IOException {
            if ((long) n * 4 > size) {
                throw corrupt(n + " numbers do not fit a file of " + size + " bytes");
            }
            int[] a = new int[n];
            byte[] buf = new byte[CHUNK];
            for (int from = 0; from < n; from += CHUNK / 4) {
                int k = Math.min(CHUNK / 4, n - from);
                in.readFully(buf, 0, k * 4);
                ByteBuffer.wrap(buf, 0, k * 4).asIntBuffer().get(a, from, k);
            }
            return a;
        }

        TextSplit split(String name, int vocabSize, int nClasses) throws IOException {
            int n = count(name + " size");
            int total = count(name + " token count");
            int[] offsets = ints(n + 1);
            int[] ids = ints(total);
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 0 || ids[i] >= vocabSize) {
                    throw corrupt(name + " token " + i + " has id " + ids[i] + ", outside the vocab of " + vocabSize);
                }
            }
            int[] labels = null;
            if (in.readByte() != 0) {
                labels = ints(n);
                for (int i = 0; i < n; i++) {
                    if (labels[i] < 0 || labels[i] >= nClasses) {
                        throw corrupt(name + " document " + i + " has label " + labels[i] + ", outside the " + nClasses
                                + " classes");
                    }
                }
            }
            int[] src = ints(n);
            try {
                return new TextSplit(offsets, ids, labels, src);
            } catch (IllegalArgumentException e) {
                throw corrupt(name + ": " + e.getMessage());
            }
        }
    }
}
