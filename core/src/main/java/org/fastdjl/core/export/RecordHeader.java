package org.fastdjl.core.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The columns of the records a {@link RecordPredictor} will get (a CSV file's header), where they come
 * from, and which column plays which input role when the learner cannot tell by name: the
 * {@code --text-col} of a text learner ({@link #TEXT}), the {@code --image-col} of an image learner
 * ({@link #IMAGE}).
 */
public final class RecordHeader {

    /** The role of the column holding the text, for text learners. */
    public static final String TEXT = "text";

    /** The role of the column holding image file names, for image learners. */
    public static final String IMAGE = "image";

    private final String source;
    private final List<String> columns;
    private final Path folder;
    private final Map<String, String> roles;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * Describes the records.
     *
     * @param source what the records are, for messages (a file name)
     * @param columns the column names, in field order
     * @param folder the folder relative file names in the records are resolved against, or {@code null}
     * @param roles column name by role (e.g. {@code text -> review}); roles not given use the learner's
     *     default
     */
    public RecordHeader(String source, List<String> columns, Path folder, Map<String, String> roles) {
        this.source = Objects.requireNonNull(source, "source");
        this.columns = List.copyOf(columns);
        this.folder = folder;
        this.roles = Map.copyOf(roles);
        for (int i = 0; i < this.columns.size(); i++) {
            index.putIfAbsent(this.columns.get(i), i);
        }
    }

    /** @return what the records are (a file name) */
    public String source() {
        return source;
    }

    /** @return the column names, in field order */
    public List<String> columns() {
        return columns;
    }

    /** @return the folder relative file names are resolved against, or {@code null} */
    public Path folder() {
        return folder;
    }

    /**
     * The column given for a role.
     *
     * @param role e.g. {@link #TEXT}
     * @param def the learner's default column name
     * @return the column name
     */
    public String column(String role, String def) {
        return roles.getOrDefault(role, def);
    }

    /**
     * The position of a column.
     *
     * @param column a column name
     * @return its index, or -1
     */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    /**
     * The positions of the columns a model reads; all absent ones are named in one error.
     *
     * @param needed the columns, each with what it is for in parentheses where useful
     * @param what what needs them, e.g. {@code "the model"}
     * @return their indices, in the given order
     * @throws IllegalArgumentException naming the source, every absent column and the columns present
     */
    public int[] require(List<String> needed, String what) {
        int[] out = new int[needed.size()];
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < needed.size(); i++) {
            out[i] = indexOf(needed.get(i));
            if (out[i] < 0) {
                absent.add("'" + needed.get(i) + "'");
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException(source + " has no column" + (absent.size() > 1 ? "s " : " ")
                    + String.join(", ", absent) + " (" + absent.size() + " of the " + needed.size() + " columns "
                    + what + " reads: " + needed + "); its columns are " + columns);
        }
        return out;
    }
}
