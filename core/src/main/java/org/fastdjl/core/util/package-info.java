/** Small shared helpers: text tables, process memory, PNG plots, libtorch preloading. */
package org.fastdjl.core.util;
