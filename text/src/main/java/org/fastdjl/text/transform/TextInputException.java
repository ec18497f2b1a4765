package org.fastdjl.text.transform;

import java.io.IOException;

/**
 * Input texts could not be read as asked: a file that cannot be read, a CSV without the text column, a row
 * without its text field. The message names the file and, where it applies, the row and column.
 */
public class TextInputException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the file and where in it
     */
    public TextInputException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, naming the file and where in it
     * @param cause the underlying error
     */
    public TextInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
