/**
 * One runnable program per lesson-4 notebook (such as {@link org.fastdjl.examples.Lesson4Collab}), the
 * spreadsheet collab demo, the benchmarks, and {@link org.fastdjl.examples.Main}, the command dispatcher
 * behind the {@code ./fastdjl} launcher.
 */
package org.fastdjl.examples;
