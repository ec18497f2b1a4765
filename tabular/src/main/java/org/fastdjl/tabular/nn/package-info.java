/** fastai v1's {@link org.fastdjl.tabular.nn.TabularModel}: embeddings for categories plus an MLP. */
package org.fastdjl.tabular.nn;
