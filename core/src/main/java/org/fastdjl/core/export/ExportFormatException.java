package org.fastdjl.core.export;

import java.io.IOException;

/**
 * A file that {@link ExportFile#read} refuses: not an export, truncated or corrupted (a checksum does
 * not match), written by a newer format version, or of a kind no loader on the class path reads. The
 * message names the file and what was expected.
 */
public class ExportFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file
     */
    public ExportFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the file
     * @param cause the underlying failure
     */
    public ExportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
