package org.fastdjl.text.transform;

import org.fastdjl.core.io.AtomicFiles;
import org.fastdjl.core.util.Breakdown;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tokenize} command: tokenizes the documents of a CSV column or of a folder of {@code .txt}
 * files as fastai v1 does ({@code xxbos} first) and writes one document per line as a JSON array of
 * tokens, the format of fastai's own token dumps.
 *
 * <pre>
 * tokenize --csv FILE --text-col NAME [--text-col NAME2 ...] [--mark-fields] [--out FILE] [options]
 * tokenize --folder DIR [--out FILE] [options]
 *
 * options: --skip-empty   leave out documents with no visible text (by default they are kept, as fastai
 *                         keeps them, and become ["xxbos"]); either way their number is reported
 *          --cpus N       threads (default: all processors)
 * </pre>
 *
 * <p>Exit codes: 0 done; 1 the output could not be written; 2 bad usage or bad input, with a message on
 * the error stream that names the file, row and column concerned. Nothing is written to {@code --out}
 * unless every document was read; the file appears whole or not at all.
 */
public final class TokenizeCommand {

    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: the output could not be written. */
    public static final int IO_ERROR = 1;
    /** Exit code: bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    static final String USAGE = String.join("\n",
            "usage: tokenize --csv FILE --text-col NAME [--text-col NAME ...] [--mark-fields] [--out FILE] [options]",
            "       tokenize --folder DIR [--out FILE] [options]",
            "",
            "Tokenizes each document as fastai v1 does (xxbos first) and writes one JSON array of tokens per line",
            "(to FILE, or to standard output).",
            "  --csv FILE        a UTF-8 CSV file with a header row",
            "  --text-col NAME   the column holding the text; repeat it to join several columns",
            "  --mark-fields     put 'xxfld n' before the text of column n (fastai's mark_fields)",
            "  --folder DIR      every .txt file under DIR, in sorted path order, one document each",
            "  --out FILE        where to write (default: standard output)",
            "  --skip-empty      leave out documents with no visible text (default: keep them as [\"xxbos\"])",
            "  --cpus N          threads to use (default: all processors)",
            "Exit codes: 0 done, 1 output not written, 2 bad usage or bad input.");

    private TokenizeCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments, optionally starting with the word {@code tokenize}
     * @param out where tokens go when there is no {@code --out}, and the help text
     * @param err where messages go
     * @return the exit code: {@link #OK}, {@link #IO_ERROR} or {@link #BAD_INPUT}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("tokenize: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        if (opt.help) {
            out.println(USAGE);
            return OK;
        }
        long t0 = System.nanoTime();
        List<List<String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String source;
        try {
            if (opt.csv != null) {
                source = opt.csv.toString();
                rows = CsvTexts.readColumns(opt.csv, opt.textCols);
                for (int i = 1; i <= rows.size(); i++) {
                    names.add("row " + i);
                }
            } else {
                source = opt.folder.toString();
                List<Path> files = FolderTexts.list(opt.folder);
                if (files.isEmpty()) {
                    err.println("tokenize: " + opt.folder + ": no .txt files in this folder or below it");
                    return BAD_INPUT;
                }
                for (String text : FolderTexts.read(files)) {
                    rows.add(List.of(text));
                }
                for (Path f : files) {
                    names.add(opt.folder.relativize(f).toString());
                }
            }
        } catch (TextInputException e) {
            err.println("tokenize: " + e.getMessage());
            return BAD_INPUT;
        }

        Breakdown.lap("data read");
        List<String> emptyNames = new ArrayList<>();
        List<List<String>> kept = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (isEmpty(rows.get(i))) {
                emptyNames.add(names.get(i));
                if (opt.skipEmpty) {
                    continue;
                }
            }
            kept.add(rows.get(i));
        }
        if (!emptyNames.isEmpty()) {
            err.println("tokenize: " + emptyNames.size() + " document" + (emptyNames.size() == 1 ? "" : "s")
                    + " with no text (" + preview(emptyNames) + ") "
                    + (opt.skipEmpty ? "left out (--skip-empty)" : "kept as [\"xxbos\"], as fastai keeps them"));
        }

        Tokenizer tokenizer = Tokenizer.builder().cpus(opt.cpus).build();
        TokenizeProcessor processor = new TokenizeProcessor(tokenizer, opt.markFields, true, false);
        long[] count = new long[1];
        try {
            if (opt.out != null) {
                AtomicFiles.write(opt.out, os -> {
                    Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                    count[0] = tokenizeTo(w, processor, kept);
                    w.flush();
                });
            } else {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                count[0] = tokenizeTo(w, processor, kept);
                w.flush();
            }
        } catch (IOException e) {
            err.println("tokenize: cannot write " + (opt.out != null ? opt.out : "to standard output") + ": " + e);
            return IO_ERROR;
        }
        int docs = kept.size();
        err.printf("tokenize: %d documents, %d tokens from %s in %.2f s%s%n", docs, count[0], source,
                (System.nanoTime() - t0) / 1e9, opt.out != null ? " -> " + opt.out : "");
        return OK;
    }

    private static boolean isEmpty(List<String> fields) {
        for (String f : fields) {
            for (int i = 0; i < f.length(); ) {
                int cp = f.codePointAt(i);
                if (!PyStrings.isSpace(cp)) {
                    return false;
                }
                i += Character.charCount(cp);
            }
        }
        return true;
    }

    private static String preview(List<String> names) {
        int n = Math.min(5, names.size());
        return String.join(", ", names.subList(0, n)) + (names.size() > n ? ", ..." : "");
    }

    /**
     * Tokenizes the documents a chunk at a time and writes each chunk's JSON lines before starting the
     * next: the JSON is made on the tokenizing threads, so neither the token lists nor the lines of more
     * than one chunk are ever held (the tokens of 5,000 reviews are 1.6 million strings).
     *
     * @return the number of tokens written
     */
    private static long tokenizeTo(Writer w, TokenizeProcessor processor, List<List<String>> docs)
            throws IOException {
        long count = 0;
        for (int from = 0; from < docs.size(); from += CHUNK) {
            List<List<String>> chunk = docs.subList(from, Math.min(docs.size(), from + CHUNK));
            List<Line> lines = processor.processRows(chunk, toks -> new Line(TokenJson.toJson(toks), toks.size()));
            Breakdown.lap("tokenize");
            for (Line line : lines) {
                w.write(line.json);
                w.write('\n');
                count += line.tokens;
            }
            Breakdown.lap("write the tokens");
        }
        return count;
    }

    /** Documents tokenized between two writes: enough to keep every thread busy, few enough to stay small. */
    private static final int CHUNK = 1000;

    /** One document's JSON line and its number of tokens. */
    private record Line(String json, int tokens) {}

    /** Parsed arguments. */
    private static final class Options {
        Path csv;
        Path folder;
        Path out;
        final List<String> textCols = new ArrayList<>();
        boolean markFields;
        boolean skipEmpty;
        boolean help;
        int cpus = Runtime.getRuntime().availableProcessors();

        static Options parse(String[] args) {
            Options o = new Options();
            int i = args.length > 0 && args[0].equals("tokenize") ? 1 : 0;
            for (; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--csv" -> o.csv = Path.of(value(args, ++i, a));
                    case "--folder" -> o.folder = Path.of(value(args, ++i, a));
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--text-col" -> o.textCols.add(value(args, ++i, a));
                    case "--mark-fields" -> o.markFields = true;
                    case "--skip-empty" -> o.skipEmpty = true;
                    case "--cpus" -> {
                        String v = value(args, ++i, a);
                        try {
                            o.cpus = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--cpus expects a whole number, got '" + v + "'");
                        }
                        if (o.cpus < 1) {
                            throw new IllegalArgumentException("--cpus must be at least 1, got " + o.cpus);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (o.help) {
                return o;
            }
            if ((o.csv == null) == (o.folder == null)) {
                throw new IllegalArgumentException("give exactly one of --csv FILE or --folder DIR");
            }
            if (o.csv != null && o.textCols.isEmpty()) {
                throw new IllegalArgumentException("--csv needs --text-col NAME (the column holding the text)");
            }
            if (o.folder != null && !o.textCols.isEmpty()) {
                throw new IllegalArgumentException("--text-col applies to --csv, not to --folder");
            }
            return o;
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }
    }
}
