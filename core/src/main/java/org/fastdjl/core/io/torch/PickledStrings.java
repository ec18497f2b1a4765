package org.fastdjl.core.io.torch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a pickled list of strings, such as fastai's vocabulary file {@code itos_wt103.pkl} ({@code
 * pickle.dump(itos, f)}): any pickle protocol, no globals allowed at all, so a file that would call
 * anything is refused ({@link ForbiddenGlobalException}) and nothing is run.
 */
public final class PickledStrings {

    private PickledStrings() {}

    /**
     * Reads the list.
     *
     * @param file the {@code .pkl} file
     * @return the strings, in order (unmodifiable)
     * @throws ForbiddenGlobalException if the pickle names a global (a function or class)
     * @throws IOException if the file is missing, truncated or corrupt, or does not hold a list (or tuple) of
     *     strings (the message names the file and the first item that is not a string)
     */
    public static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no pickle file here");
        }
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length == 0) {
            throw new IOException(file + ": empty file, expected a pickled list of strings");
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new IOException(file + ": a zip archive (a torch.save checkpoint?), expected a pickled list of strings");
        }
        Object o;
        try (CountingInput in = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                Files.size(file))) {
            o = TorchUnpickler.load(file.toString(), in, TorchUnpickler.NO_GLOBALS, null);
        }
        List<?> items = o instanceof List ? (List<?>) o : o instanceof Object[] ? List.of((Object[]) o) : null;
        if (items == null) {
            throw new IOException(file + ": holds a " + TorchUnpickler.describe(o) + ", expected a list of strings");
        }
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object s = items.get(i);
            if (!(s instanceof String)) {
                throw new IOException(file + ": item " + i + " is a " + TorchUnpickler.describe(s)
                        + ", expected a list of strings");
            }
            out.add((String) s);
        }
        return Collections.unmodifiableList(out);
    }
}
