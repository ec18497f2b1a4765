package org.fastdjl.examples;

import org.fastdjl.text.transform.TokenizeCommand;

/**
 * The {@code tokenize} command: fastai v1's tokenizer over a CSV column or a folder of {@code .txt}
 * files, one JSON array of tokens per document and line ({@link TokenizeCommand} does the work).
 */
final class Tokenize {

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("tokenize", "fastai v1's tokenizer on a CSV column "
                    + "(`--csv FILE --text-col NAME`) or every `.txt` file of a folder (`--folder DIR`); one JSON "
                    + "array of tokens per document and line")
            .inputFile("csv", "a UTF-8 CSV file with a header row")
            .text("text-col", "NAME", "the CSV column holding the text; repeat it to join several columns", true)
            .flag("mark-fields", "put 'xxfld n' before the text of column n (fastai's mark_fields)")
            .inputDir("folder", "every .txt file under DIR, in sorted path order, one document each", null)
            .outputFile("out", "where to write the tokens", "standard output")
            .flag("skip-empty", "leave out documents with no visible text (by default they are kept as [\"xxbos\"])")
            .integer("cpus", "threads to use", 1, "all processors")
            .run(Tokenize::run);

    private Tokenize() {}

    private static int run(Args args) {
        if (args.has("csv") == args.has("folder")) {
            throw new IllegalArgumentException("give exactly one of --csv FILE or --folder DIR");
        }
        if (args.has("csv") && args.all("text-col").isEmpty()) {
            throw new IllegalArgumentException("--csv needs --text-col NAME (the column holding the text)");
        }
        if (args.has("folder") && !args.all("text-col").isEmpty()) {
            throw new IllegalArgumentException("--text-col applies to --csv, not to --folder");
        }
        return TokenizeCommand.run(args.toArgv().toArray(new String[0]), System.out, System.err);
    }
}
