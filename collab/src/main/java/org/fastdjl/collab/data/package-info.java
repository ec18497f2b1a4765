/** Ratings tables to batches of (user, item) codes and ratings. */
package org.fastdjl.collab.data;
