package org.fastdjl.core.io.torch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A stream that knows its position and how many bytes are left, so a length read from a file can be checked before it is allocated. */
final class CountingInput extends FilterInputStream {

    private long position;
    private final long length;

    /**
     * @param in the stream (buffered by the caller)
     * @param length its total length in bytes
     */
    CountingInput(InputStream in, long length) {
        super(in);
        this.length = length;
    }

    /** @return bytes read so far */
    long position() {
        return position;
    }

    /** @return bytes not read yet */
    long remaining() {
        return length - position;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        position += s;
        return s;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
