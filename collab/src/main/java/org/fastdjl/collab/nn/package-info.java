/** The collaborative-filtering models. */
package org.fastdjl.collab.nn;
