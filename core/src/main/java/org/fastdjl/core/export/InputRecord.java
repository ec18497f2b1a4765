package org.fastdjl.core.export;

/**
 * One row of text fields to predict (a CSV record), with where it came from for error messages.
 *
 * @param line the 1-based line of the input file where the record starts
 * @param fields the fields, in {@link RecordHeader#columns()} order
 */
public record InputRecord(long line, String[] fields) {}
