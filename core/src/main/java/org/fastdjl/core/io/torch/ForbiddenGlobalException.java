package org.fastdjl.core.io.torch;

import java.io.IOException;

/**
 * A pickle names a Python global (a function or class) that is not on the reader's allow-list, such as
 * {@code os.system} or {@code builtins.eval}. Unpickling would call it; fastdjl refuses the whole file
 * instead, and nothing in the file is ever run.
 */
public final class ForbiddenGlobalException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String global;

    /**
     * Creates the exception.
     *
     * @param source the file (or entry) being read
     * @param global the refused global, as {@code module.name}
     * @param allowed what the reader accepts, for the message
     */
    ForbiddenGlobalException(String source, String global, String allowed) {
        super(source + ": refused: the pickle calls " + global + ", which is not on the allow-list ("
                + allowed + "); nothing was run");
        this.global = global;
    }

    /**
     * The refused global.
     *
     * @return {@code module.name}, e.g. {@code posix.system}
     */
    public String global() {
        return global;
    }
}
