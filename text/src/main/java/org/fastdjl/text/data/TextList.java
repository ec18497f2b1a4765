package org.fastdjl.text.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import org.fastdjl.core.data.NumpyRandom;
import org.fastdjl.text.transform.CsvTexts;
import org.fastdjl.text.transform.FolderTexts;
import org.fastdjl.text.transform.TextInputException;
import org.fastdjl.text.transform.Tokenizer;
import org.fastdjl.text.transform.Vocab;

import tech.tablesaw.api.Table;

/**
 * The start of the text data block, fastai v1's {@code TextList}: documents from a CSV file, a table or
 * a folder of {@code .txt} files, then a split, then labels, then {@code databunch()}.
 *
 * <pre>{@code
 * TextDataBunch dataLm = TextList.fromCsv(path, "texts.csv", "text")
 *         .splitFromCol(2)                       // split_from_df(col=2): is_valid
 *         .labelForLm()
 *         .databunch();                          // bs 64, bptt 70
 * TextDataBunch dataClas = TextList.fromCsv(path, "texts.csv", "text")
 *         .optVocab(dataLm.vocab())              // vocab=data_lm.vocab
 *         .splitFromCol(2)
 *         .labelFromCol(0)                       // label_from_df(cols=0)
 *         .databunch(32);
 * }</pre>
 *
 * <p>Nothing is tokenized until {@code databunch()} (or {@link TextLabelLists#process()}): then every
 * document of every split is tokenized once, in parallel, the vocab is made on the training split
 * (unless one was given with {@link #optVocab}) and the tokens become ids. The settings ({@code opt*})
 * start at fastai's data-block defaults: fastai's tokenizer, {@code xxbos} first, no field marks, at
 * most 60000 tokens seen at least 3 times.
 */
public final class TextList {

    private final Cells cells;
    private final int[] textCols;
    private final Path root;
    private final List<Path> files;
    private final List<String> texts;
    private Vocab vocab;
    private Tokenizer tokenizer;
    private boolean markFields;
    private boolean includeBos = true;
    private boolean includeEos;
    private int maxVocab = Vocab.DEFAULT_MAX_VOCAB;
    private int minFreq = Vocab.MIN_FREQ_DATA_BLOCK;
    private boolean dropEmpty;
    private String origin = "";
    private Path path = Path.of(".");

    private TextList(Cells cells, int[] textCols, Path root, List<Path> files, List<String> texts) {
        this.cells = cells;
        this.textCols = textCols;
        this.root = root;
        this.files = files;
        this.texts = texts;
    }

    // --- sources -------------------------------------------------------------------------------------

    /**
     * The texts in columns of a CSV file with a header row (fastai's {@code from_csv(path, csv_name,
     * cols)}), read with fastai's CSV rules: quoted fields may hold commas, quotes and newlines.
     *
     * @param path the folder
     * @param csvName the file's name inside it
     * @param textCols the text columns by name; several are joined into one document
     * @return the list
     * @throws TextInputException when the file cannot be read, is empty, or a row has no field for a text
     *     column (naming the row, its line and the column)
     * @throws IllegalArgumentException for an unknown column (listing the columns there are)
     */
    public static TextList fromCsv(Path path, String csvName, String... textCols) throws TextInputException {
        Cells cells = Cells.of(CsvTexts.readAll(path.resolve(csvName)));
        return checked(cells, resolve(cells, textCols)).origin(fingerprint(path.resolve(csvName))).at(path);
    }

    /**
     * The texts in columns of a CSV file, by 0-based column index (fastai's {@code cols=1}).
     *
     * @param path the folder
     * @param csvName the file's name inside it
     * @param textCols the text columns' indices
     * @return the list
     * @throws TextInputException as {@link #fromCsv(Path, String, String...)}
     */
    public static TextList fromCsv(Path path, String csvName, int... textCols) throws TextInputException {
        Cells cells = Cells.of(CsvTexts.readAll(path.resolve(csvName)));
        return checked(cells, indices(cells, textCols)).origin(fingerprint(path.resolve(csvName))).at(path);
    }

    /**
     * The texts in the first column of a CSV file (fastai's default {@code cols=0}).
     *
     * @param path the folder
     * @param csvName the file's name inside it
     * @return the list
     * @throws TextInputException as {@link #fromCsv(Path, String, String...)}
     */
    public static TextList fromCsv(Path path, String csvName) throws TextInputException {
        return fromCsv(path, csvName, new int[] {0});
    }

    /**
     * The texts in columns of a table (fastai's {@code from_df(df, cols)}); a missing value is an empty
     * text.
     *
     * @param table the table; not copied, so leave it unchanged until the data is processed
     * @param textCols the text columns by name; several are joined into one document
     * @return the list
     * @throws IllegalArgumentException for an empty table or an unknown column
     */
    public static TextList fromTable(Table table, String... textCols) {
        Objects.requireNonNull(table, "table");
        Cells cells = Cells.of(table);
        if (cells.size() == 0) {
            throw new IllegalArgumentException(cells.source() + " has no rows; columns " + cells.names());
        }
        try {
            return checked(cells, resolve(cells, textCols)).origin(cells.source() + ", " + cells.size() + " rows");
        } catch (TextInputException e) {
            throw new IllegalStateException(e); // a table has no short rows
        }
    }

    /**
     * Every {@code .txt} file under a folder, one document each, sorted by path (fastai's
     * {@code from_folder(path, include=...)}; fastai keeps the file system's order, which differs from
     * machine to machine). Hidden files and folders are skipped.
     *
     * @param path the folder
     * @param include the top-level sub-folders to read (such as {@code "train", "test"}); none: all
     * @return the list
     * @throws TextInputException when the folder cannot be read or holds no {@code .txt} file in the
     *     included folders
     */
    public static TextList fromFolder(Path path, String... include) throws TextInputException {
        TextList all = new TextList(null, null, path, FolderTexts.list(path), null).at(path);
        all.origin = "folder " + path.toAbsolutePath().normalize() + ", " + all.files.size() + " files";
        if (include.length == 0) {
            return all.nonEmpty("");
        }
        Set<String> in = new HashSet<>(Arrays.asList(include));
        // fastai's get_files: include filters the top-level folders; files right in path stay
        return all.filter(rel -> rel.getNameCount() == 1 || in.contains(rel.getName(0).toString()),
                " in the folders " + Arrays.toString(include));
    }

    /**
     * Documents given as strings (fastai's {@code TextList(items)}), for a test set or for tests.
     *
     * @param texts one text per document
     * @return the list
     * @throws IllegalArgumentException when {@code texts} is empty or holds a null
     */
    public static TextList fromTexts(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts given");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
        }
        return new TextList(null, null, null, null, List.copyOf(texts)).origin(texts.size() + " texts");
    }

    /**
     * Keeps the files in some top-level sub-folders, or drops those in others (fastai's
     * {@code filter_by_folder(include, exclude)}: a file right in the folder counts by its own name);
     * only for {@link #fromFolder} lists.
     *
     * @param include the sub-folders to keep; empty: all but {@code exclude}
     * @param exclude the sub-folders to drop
     * @return a new list with the same settings
     * @throws TextInputException when no file is left
     */
    public TextList filterByFolder(List<String> include, List<String> exclude) throws TextInputException {
        requireFolder("filterByFolder");
        Set<String> in = new HashSet<>(include);
        Set<String> out = new HashSet<>(exclude);
        return filter(rel -> {
            String top = rel.getName(0).toString();
            return (in.isEmpty() || in.contains(top)) && !out.contains(top);
        },
                " in the folders " + (in.isEmpty() ? "not in " + exclude : include.toString()));
    }

    /** Keeps the files whose path relative to the root passes. */
    private TextList filter(java.util.function.Predicate<Path> keep, String where) throws TextInputException {
        List<Path> kept = new ArrayList<>();
        for (Path f : files) {
            if (keep.test(root.relativize(f))) {
                kept.add(f);
            }
        }
        TextList l = copyWith(new TextList(null, null, root, List.copyOf(kept), null)).nonEmpty(where);
        l.origin = "folder " + root.toAbsolutePath().normalize() + where + ", " + kept.size() + " files";
        return l;
    }

    private TextList nonEmpty(String where) throws TextInputException {
        if (files.isEmpty()) {
            throw new TextInputException(root + ": no .txt files" + where + "; expected one document per .txt file");
        }
        return this;
    }

    private static int[] resolve(Cells cells, String[] names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one text column; the columns are " + cells.names());
        }
        int[] cols = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            cols[i] = cells.column(Objects.requireNonNull(names[i], "column name"), "text");
        }
        return cols;
    }

    private static int[] indices(Cells cells, int[] idx) {
        if (idx.length == 0) {
            throw new IllegalArgumentException("name at least one text column; the columns are " + cells.names());
        }
        for (int i : idx) {
            cells.column(i, "text");
        }
        return idx.clone();
    }

    private static TextList checked(Cells cells, int[] cols) throws TextInputException {
        if (cells.size() == 0) {
            throw new TextInputException(cells.source() + ": no data rows below the header");
        }
        for (int r = 0; r < cells.size(); r++) {
            for (int c : cols) {
                cells.get(r, c); // a short row is reported here, before any work is done
            }
        }
        return new TextList(cells, cols, null, null, null);
    }

    private TextList origin(String o) {
        this.origin = o;
        return this;
    }

    private TextList at(Path folder) {
        this.path = folder;
        return this;
    }

    /**
     * The data's folder (fastai's {@code path}): the folder given to {@link #fromCsv} or {@link
     * #fromFolder}, else the working folder. The data bunch made from this list has it, so learners
     * save their models in {@code path/models}.
     *
     * @return the folder
     */
    public Path path() {
        return path;
    }

    /** A file's path, size and modification time: what tells a saved copy of its data is stale. */
    private static String fingerprint(Path file) {
        try {
            return file.toAbsolutePath().normalize() + ", " + java.nio.file.Files.size(file) + " bytes, modified "
                    + java.nio.file.Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /**
     * Where the documents come from, with what tells whether a processed copy is stale: a CSV file's path,
     * size and modification time, a folder's path and file count, a table's name and row count. Saved
     * with the processed data ({@link TextData#origin()}).
     *
     * @return the description
     */
    public String origin() {
        return origin;
    }

    private TextList copyWith(TextList l) {
        l.vocab = vocab;
        l.tokenizer = tokenizer;
        l.markFields = markFields;
        l.includeBos = includeBos;
        l.includeEos = includeEos;
        l.maxVocab = maxVocab;
        l.minFreq = minFreq;
        l.dropEmpty = dropEmpty;
        l.path = path;
        return l;
    }

    // --- settings ------------------------------------------------------------------------------------

    /**
     * Uses this vocab instead of making one on the training split (fastai's {@code vocab=data_lm.vocab},
     * so that a classifier sees the ids its language model was trained on).
     *
     * @param vocab the vocab; the processed data holds this very object
     * @return this list
     */
    public TextList optVocab(Vocab vocab) {
        this.vocab = Objects.requireNonNull(vocab, "vocab");
        return this;
    }

    /**
     * Sets the tokenizer (default: fastai's, {@code new Tokenizer()}, on all cores).
     *
     * @param tokenizer the tokenizer
     * @return this list
     */
    public TextList optTokenizer(Tokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        return this;
    }

    /**
     * Puts {@code xxfld n} before the n-th text column (fastai's {@code mark_fields}, default false).
     *
     * @param markFields whether to mark the fields
     * @return this list
     */
    public TextList optMarkFields(boolean markFields) {
        this.markFields = markFields;
        return this;
    }

    /**
     * Starts every document with {@code xxbos} (fastai's {@code include_bos}, default true).
     *
     * @param includeBos whether to add {@code xxbos}
     * @return this list
     */
    public TextList optIncludeBos(boolean includeBos) {
        this.includeBos = includeBos;
        return this;
    }

    /**
     * Ends every document with {@code xxeos} (fastai's {@code include_eos}, default false).
     *
     * @param includeEos whether to add {@code xxeos}
     * @return this list
     */
    public TextList optIncludeEos(boolean includeEos) {
        this.includeEos = includeEos;
        return this;
    }

    /**
     * The most tokens the vocab keeps (fastai's {@code max_vocab}, default 60000).
     *
     * @param maxVocab at least the number of special tokens
     * @return this list
     */
    public TextList optMaxVocab(int maxVocab) {
        if (maxVocab < 9) {
            throw new IllegalArgumentException("maxVocab must hold the 9 special tokens, got " + maxVocab);
        }
        this.maxVocab = maxVocab;
        return this;
    }

    /**
     * The fewest times a token must occur in the training split to get an id (fastai's
     * {@code min_freq}: 3 on the data-block path, {@link Vocab#MIN_FREQ_DATA_BLOCK}).
     *
     * @param minFreq at least 1
     * @return this list
     */
    public TextList optMinFreq(int minFreq) {
        if (minFreq < 1) {
            throw new IllegalArgumentException("minFreq must be at least 1, got " + minFreq);
        }
        this.minFreq = minFreq;
        return this;
    }

    /**
     * What to do with a document whose text is empty or only white space. By default (false) it is an
     * error naming the row or file, since it would train on nothing but {@code xxbos}; with true such
     * documents are dropped and counted ({@link TextData#droppedEmpty()}) and a warning says how many.
     *
     * @param dropEmpty whether to drop empty documents instead of failing
     * @return this list
     */
    public TextList optDropEmpty(boolean dropEmpty) {
        this.dropEmpty = dropEmpty;
        return this;
    }

    // --- splits --------------------------------------------------------------------------------------

    /**
     * A random {@code validPct} of the documents are the validation set, as fastai's
     * {@code split_by_rand_pct(valid_pct, seed)}: numpy's {@code np.random.seed(seed);
     * np.random.permutation(n)} is reproduced, so the same seed picks the same documents in the same
     * order as fastai; the first {@code int(valid_pct * n)} are validation, the others training in their
     * original order.
     *
     * @param validPct the fraction, in (0, 1)
     * @param seed the numpy seed, 0 to 2^32-1
     * @return the split lists
     */
    public TextItemLists splitByRandPct(double validPct, long seed) {
        return randPct(validPct, new NumpyRandom(seed));
    }

    /**
     * A random {@code validPct} of the documents are the validation set, differently on every run.
     *
     * @param validPct the fraction, in (0, 1)
     * @return the split lists
     */
    public TextItemLists splitByRandPct(double validPct) {
        return randPct(validPct, new NumpyRandom(org.fastdjl.core.Fastdjl.numpySeed()));
    }

    private TextItemLists randPct(double validPct, NumpyRandom rng) {
        if (!(validPct > 0 && validPct < 1)) {
            throw new IllegalArgumentException("validPct must be in (0, 1), got " + validPct);
        }
        int n = size();
        int[] perm = rng.permutation(n);
        return splitByIdx(Arrays.copyOf(perm, (int) (validPct * n)));
    }

    /**
     * These documents are the validation set, in this order; the others are training (fastai's
     * {@code split_by_idx}).
     *
     * @param validIdx 0-based document indices
     * @return the split lists
     * @throws IllegalArgumentException for an index out of range or given twice, or an empty split
     */
    public TextItemLists splitByIdx(int... validIdx) {
        int n = size();
        boolean[] isValid = new boolean[n];
        for (int i : validIdx) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("validation index " + i + " is out of range: there are " + n
                        + " documents");
            }
            if (isValid[i]) {
                throw new IllegalArgumentException("validation index " + i + " is given twice");
            }
            isValid[i] = true;
        }
        int[] train = new int[n - validIdx.length];
        for (int i = 0, k = 0; i < n; i++) {
            if (!isValid[i]) {
                train[k++] = i;
            }
        }
        return new TextItemLists(this, train, validIdx.clone());
    }

    /**
     * Rows whose flag column is true are the validation set (fastai's {@code split_from_df(col)}); the
     * flags may read {@code True}/{@code False} (any case) or {@code 1}/{@code 0}.
     *
     * @param col the flag column's name
     * @return the split lists
     * @throws TextInputException for a missing or unreadable flag, naming the row, column and value
     */
    public TextItemLists splitFromCol(String col) throws TextInputException {
        requireCells("splitFromCol");
        return fromFlags(cells.column(col, "split"));
    }

    /**
     * Rows whose flag column is true are the validation set, the column given by its 0-based index
     * (fastai's {@code split_from_df(col=2)}).
     *
     * @param col the flag column's index
     * @return the split lists
     * @throws TextInputException for a missing or unreadable flag, naming the row, column and value
     */
    public TextItemLists splitFromCol(int col) throws TextInputException {
        requireCells("splitFromCol");
        return fromFlags(cells.column(col, "split"));
    }

    private TextItemLists fromFlags(int col) throws TextInputException {
        int n = size();
        List<Integer> valid = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            String v = cells.get(r, col);
            String t = v == null ? "" : v.trim().toLowerCase(java.util.Locale.ROOT);
            switch (t) {
                case "true", "1" -> valid.add(r);
                case "false", "0" -> { }
                default -> throw new TextInputException(cells.where(r) + ": split column '" + cells.names().get(col)
                        + "' is " + (v == null || v.isBlank() ? "empty" : "'" + v + "'")
                        + "; expected True or False (or 1 or 0)");
            }
        }
        return splitByIdx(valid.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Files in the {@code train} folder are training, those in {@code valid} validation, the rest is left
     * out (fastai's {@code split_by_folder()}).
     *
     * @return the split lists
     */
    public TextItemLists splitByFolder() {
        return splitByFolder("train", "valid");
    }

    /**
     * Files in the top-level folder {@code train} are training, those in {@code valid} validation, the
     * rest is left out (fastai's {@code split_by_folder(train, valid)}, such as {@code valid="test"}).
     *
     * @param train the training folder's name
     * @param valid the validation folder's name
     * @return the split lists
     * @throws IllegalArgumentException when either folder holds no document
     */
    public TextItemLists splitByFolder(String train, String valid) {
        requireFolder("splitByFolder");
        List<Integer> t = new ArrayList<>();
        List<Integer> v = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path rel = root.relativize(files.get(i));
            String top = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
            if (top.equals(train)) {
                t.add(i);
            } else if (top.equals(valid)) {
                v.add(i);
            }
        }
        for (String[] c : new String[][] {{train, String.valueOf(t.size())}, {valid, String.valueOf(v.size())}}) {
            if (c[1].equals("0")) {
                throw new IllegalArgumentException(root + ": no .txt files in the folder '" + c[0]
                        + "'; the top-level folders with documents are " + topFolders());
            }
        }
        return new TextItemLists(this, t.stream().mapToInt(Integer::intValue).toArray(),
                v.stream().mapToInt(Integer::intValue).toArray());
    }

    private Set<String> topFolders() {
        Set<String> tops = new java.util.TreeSet<>();
        for (Path f : files) {
            Path rel = root.relativize(f);
            if (rel.getNameCount() > 1) {
                tops.add(rel.getName(0).toString());
            }
        }
        return tops;
    }

    // --- what the later steps read ---------------------------------------------------------------------

    /**
     * The number of documents.
     *
     * @return the count
     */
    public int size() {
        return cells != null ? cells.size() : files != null ? files.size() : texts.size();
    }

    /**
     * Where document {@code i} comes from, for messages: the CSV row and line, the table row or the file.
     *
     * @param i a document index
     * @return the description
     */
    public String where(int i) {
        if (cells != null) {
            return cells.where(i);
        }
        return files != null ? files.get(i).toString() : "text " + i;
    }

    /**
     * The file of a document read with {@link #fromFolder}.
     *
     * @param i a document index
     * @return the file
     * @throws IllegalStateException for a list not read from a folder
     */
    public Path file(int i) {
        requireFolder("file");
        return files.get(i);
    }

    /** @return whether the documents are files of a folder */
    boolean isFolder() {
        return files != null;
    }

    /** @return the columns, or null for a folder or plain texts */
    Cells cells() {
        return cells;
    }

    /**
     * The text fields of some documents, reading the files of a folder list.
     *
     * @param items document indices
     * @return the fields of each, in column order (one field for files and plain texts)
     * @throws TextInputException naming the first file that cannot be read
     */
    List<List<String>> fields(int[] items) throws TextInputException {
        List<List<String>> out = new ArrayList<>(items.length);
        if (files != null) {
            List<Path> sel = new ArrayList<>(items.length);
            for (int i : items) {
                sel.add(files.get(i));
            }
            for (String t : FolderTexts.read(sel)) {
                out.add(List.of(t));
            }
            return out;
        }
        for (int i : items) {
            if (texts != null) {
                out.add(List.of(texts.get(i)));
                continue;
            }
            List<String> f = new ArrayList<>(textCols.length);
            for (int c : textCols) {
                String v = cells.get(i, c);
                f.add(v == null ? "" : v);
            }
            out.add(f);
        }
        return out;
    }

    /** @return the text column names, for messages */
    String textColumns() {
        if (cells == null) {
            return files != null ? "file" : "text";
        }
        List<String> names = new ArrayList<>();
        for (int c : textCols) {
            names.add("'" + cells.names().get(c) + "'");
        }
        return "column" + (names.size() > 1 ? "s " : " ") + String.join(", ", names);
    }

    Vocab vocab() {
        return vocab;
    }

    Tokenizer tokenizer() {
        return tokenizer != null ? tokenizer : new Tokenizer();
    }

    boolean markFields() {
        return markFields;
    }

    boolean includeBos() {
        return includeBos;
    }

    boolean includeEos() {
        return includeEos;
    }

    int maxVocab() {
        return maxVocab;
    }

    int minFreq() {
        return minFreq;
    }

    boolean dropEmpty() {
        return dropEmpty;
    }

    private void requireCells(String what) {
        if (cells == null) {
            throw new IllegalStateException(what + " needs a TextList read from a CSV file or a table; this one "
                    + (files != null ? "is a folder: use splitByFolder or splitByRandPct" : "is plain texts"));
        }
    }

    private void requireFolder(String what) {
        if (files == null) {
            throw new IllegalStateException(what + " needs a TextList read with fromFolder");
        }
    }
}
