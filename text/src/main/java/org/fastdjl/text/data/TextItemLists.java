package org.fastdjl.text.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.fastdjl.text.transform.TextInputException;

/**
 * A split {@link TextList} waiting for its labels, fastai v1's {@code ItemLists}: the training and
 * validation documents (indices into the list), then {@code labelForLm()} for a language model or
 * {@code labelFromFolder}/{@code labelFromCol} for a classifier.
 *
 * <p>Class labels are read at once, so a missing column fails before any tokenizing. Without given
 * classes, the classes are the training labels' sorted unique values (fastai's {@code CategoryProcessor}:
 * numerically when every label is a number). A label outside the classes (given, or learned on the
 * training split) makes {@link TextLabelLists#process()} fail naming the document, unless
 * {@link TextLabelLists#filterMissingY()} drops such documents, as fastai does with a warning.
 */
public final class TextItemLists {

    private final TextList list;
    private final int[] train;
    private final int[] valid;

    TextItemLists(TextList list, int[] train, int[] valid) {
        if (train.length == 0) {
            throw new IllegalArgumentException("the training split is empty: all " + list.size()
                    + " documents went to validation");
        }
        if (valid.length == 0) {
            throw new IllegalArgumentException("the validation split is empty: no document of " + list.size()
                    + " went to validation");
        }
        this.list = list;
        this.train = train;
        this.valid = valid;
    }

    /**
     * The training documents.
     *
     * @return indices into the {@link TextList}, in order
     */
    public int[] trainItems() {
        return train.clone();
    }

    /**
     * The validation documents.
     *
     * @return indices into the {@link TextList}, in split order
     */
    public int[] validItems() {
        return valid.clone();
    }

    /**
     * Labels for a language model (fastai's {@code label_for_lm()}): the target is the next token, so the
     * documents need no labels.
     *
     * @return the labelled lists
     */
    public TextLabelLists labelForLm() {
        return TextLabelLists.forLm(list, train, valid);
    }

    /**
     * Each file's label is the name of the folder it is in (fastai's {@code label_from_folder()}), such
     * as {@code neg} for {@code train/neg/0_3.txt}; the classes are the training labels, sorted.
     *
     * @return the labelled lists
     */
    public TextLabelLists labelFromFolder() {
        return folderLabels(null);
    }

    /**
     * Each file's label is the name of its folder, from these classes in this order (fastai's
     * {@code label_from_folder(classes=['neg', 'pos'])}).
     *
     * @param classes the classes; label i is class {@code classes[i]}
     * @return the labelled lists
     */
    public TextLabelLists labelFromFolder(String... classes) {
        return folderLabels(checkClasses(Arrays.asList(classes)));
    }

    private TextLabelLists folderLabels(List<String> classes) {
        if (!list.isFolder()) {
            throw new IllegalStateException("labelFromFolder needs a TextList read with fromFolder; use labelFromCol "
                    + "for a CSV file or a table");
        }
        return labelled(classes, "its folder", i -> {
            Path parent = list.file(i).getParent();
            return parent == null || parent.getFileName() == null ? null : parent.getFileName().toString();
        });
    }

    /**
     * Each document's label is in this column (fastai's {@code label_from_df(cols='label')}); the
     * classes are the training labels, sorted. An empty cell is a missing label.
     *
     * @param col the label column's name
     * @return the labelled lists
     * @throws TextInputException when a row has no field for the column
     */
    public TextLabelLists labelFromCol(String col) throws TextInputException {
        return colLabels(cells("labelFromCol").column(Objects.requireNonNull(col, "col"), "label"), null);
    }

    /**
     * Each document's label is in the column with this 0-based index (fastai's
     * {@code label_from_df(cols=0)}).
     *
     * @param col the label column's index
     * @return the labelled lists
     * @throws TextInputException when a row has no field for the column
     */
    public TextLabelLists labelFromCol(int col) throws TextInputException {
        return colLabels(cells("labelFromCol").column(col, "label"), null);
    }

    /**
     * Each document's label is in this column, from these classes in this order.
     *
     * @param col the label column's name
     * @param classes the classes
     * @return the labelled lists
     * @throws TextInputException when a row has no field for the column
     */
    public TextLabelLists labelFromCol(String col, List<String> classes) throws TextInputException {
        return colLabels(cells("labelFromCol").column(Objects.requireNonNull(col, "col"), "label"),
                checkClasses(classes));
    }

    /**
     * Each document's label is in the column with this index, from these classes in this order.
     *
     * @param col the label column's index
     * @param classes the classes
     * @return the labelled lists
     * @throws TextInputException when a row has no field for the column
     */
    public TextLabelLists labelFromCol(int col, List<String> classes) throws TextInputException {
        return colLabels(cells("labelFromCol").column(col, "label"), checkClasses(classes));
    }

    private TextLabelLists colLabels(int col, List<String> classes) throws TextInputException {
        Cells cells = list.cells();
        String[] raw = new String[list.size()];
        for (int r = 0; r < raw.length; r++) {
            raw[r] = Labels.normalize(cells.get(r, col));
        }
        return labelled(classes, "column '" + cells.names().get(col) + "'", i -> raw[i]);
    }

    private TextLabelLists labelled(List<String> classes, String source, java.util.function.IntFunction<String> label) {
        String[] trainRaw = new String[train.length];
        for (int k = 0; k < train.length; k++) {
            trainRaw[k] = label.apply(train[k]);
        }
        String[] validRaw = new String[valid.length];
        for (int k = 0; k < valid.length; k++) {
            validRaw[k] = label.apply(valid[k]);
        }
        List<String> cls = classes != null ? classes : Labels.sortedClasses(trainRaw);
        if (cls.isEmpty()) {
            throw new IllegalArgumentException("no training document has a label (from " + source + ")");
        }
        return TextLabelLists.forClassifier(list, train, valid, cls, trainRaw, validRaw, source);
    }

    private Cells cells(String what) {
        Cells c = list.cells();
        if (c == null) {
            throw new IllegalStateException(what + " needs a TextList read from a CSV file or a table"
                    + (list.isFolder() ? "; use labelFromFolder for a folder" : ""));
        }
        return c;
    }

    private static List<String> checkClasses(List<String> classes) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("give at least one class");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String c : classes) {
            if (!seen.add(Objects.requireNonNull(c, "a class is null"))) {
                throw new IllegalArgumentException("class '" + c + "' is given twice in " + classes);
            }
        }
        return List.copyOf(seen);
    }
}
