package org.fastdjl.text.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a folder of {@code .txt} documents, one document per file, as fastai's
 * {@code TextList.from_folder} does: every file whose extension is {@code .txt} in any case, in all
 * sub-folders, skipping files and folders whose name starts with a dot. Files are read as UTF-8 with
 * Python's universal newlines ({@code \r\n} and {@code \r} become {@code \n}).
 *
 * <pre>{@code
 * List<Path> files = FolderTexts.list(Path.of("imdb/train"));  // sorted by path
 * List<String> docs = FolderTexts.read(files);
 * }</pre>
 */
public final class FolderTexts {

    private FolderTexts() {
    }

    /**
     * The {@code .txt} files under {@code dir}, sorted by path.
     *
     * @param dir a folder
     * @return the files, possibly none
     * @throws TextInputException when {@code dir} is not a readable folder
     */
    public static List<Path> list(Path dir) throws TextInputException {
        if (!Files.isDirectory(dir)) {
            throw new TextInputException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new TextInputException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    /**
     * Reads each file as one document.
     *
     * @param files the files, in the order wanted
     * @return their texts, in the same order
     * @throws TextInputException naming the first file that cannot be read or is not UTF-8
     */
    public static List<String> read(List<Path> files) throws TextInputException {
        List<String> out = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                out.add(text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n'));
            } catch (CharacterCodingException e) {
                throw new TextInputException(f + ": not valid UTF-8 text", e);
            } catch (IOException e) {
                throw new TextInputException(f + ": cannot read: " + e, e);
            }
        }
        return out;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
