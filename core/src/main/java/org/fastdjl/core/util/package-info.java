/** Small shared helpers: text tables, process memory, PNG plots. */
package org.fastdjl.core.util;
