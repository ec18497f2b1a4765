/**
 * One runnable program per lesson-4 notebook ({@link org.fastdjl.examples.Lesson4Collab}, {@link
 * org.fastdjl.examples.Lesson4Tabular}, ...), the spreadsheet collab demo, the benchmarks, and {@link
 * org.fastdjl.examples.Main}, the command dispatcher behind the {@code ./fastdjl} launcher.
 */
package org.fastdjl.examples;
