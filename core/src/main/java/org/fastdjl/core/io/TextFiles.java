package org.fastdjl.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Messages about text files that are not what a reader expects, naming the file and the position. */
public final class TextFiles {

    private TextFiles() {}

    /**
     * Says where a file stops being UTF-8, for the message of a reader that failed to decode it: {@code
     * "adult.csv: not UTF-8 text: byte 0xE9 on line 2, column 12; save it as UTF-8"}. The file is read
     * again from the start, so call this only once decoding has failed.
     *
     * @param file the file
     * @return the message (without a position if the file decodes after all or cannot be read again)
     */
    public static String notUtf8(Path file) {
        String where = "";
        try {
            byte[] bytes = Files.readAllBytes(file);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length + 1);
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                int offset = in.position();
                int line = 1;
                int lineStart = 0;
                for (int i = 0; i < offset; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
                where = String.format(Locale.ROOT, ": byte 0x%02X on line %d, column %d", bytes[offset] & 0xff, line,
                        column);
            }
        } catch (IOException | RuntimeException e) {
            // keep the message without a position
        }
        return file + ": not UTF-8 text" + where + "; save it as UTF-8 (a Latin-1 or Windows-1252 file must be "
                + "converted)";
    }
}
