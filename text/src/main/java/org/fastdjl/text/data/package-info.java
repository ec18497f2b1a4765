/**
 * fastai v1's text data block: {@link org.fastdjl.text.data.TextList} → split
 * ({@link org.fastdjl.text.data.TextItemLists}) → labels ({@link org.fastdjl.text.data.TextLabelLists}) →
 * processed {@link org.fastdjl.text.data.TextData} → {@link org.fastdjl.text.data.TextLMDataBunch} (the
 * {@link org.fastdjl.text.data.LanguageModelLoader} stream) or {@link org.fastdjl.text.data.TextClasDataBunch}
 * ({@link org.fastdjl.text.data.SortishSampler}, {@link org.fastdjl.text.data.SortSampler},
 * {@link org.fastdjl.text.data.PadCollate}).
 *
 * <p>Course-v3 lesson 4's IMDB data, in Java:
 * <pre>{@code
 * TextDataBunch dataLm = TextList.fromCsv(path, "texts.csv", "text")
 *         .splitFromCol(2)                   // split_from_df(col=2)
 *         .labelForLm()                      // label_for_lm()
 *         .databunch();                      // bs 64, bptt 70
 * dataLm.save(Path.of("out/data_lm.fdjl"));  // data_lm.save('data_lm.pkl')
 * dataLm = TextDataBunch.loadData(Path.of("out/data_lm.fdjl"));
 * dataLm.showBatch(5);
 * TextDataBunch dataClas = TextList.fromCsv(path, "texts.csv", "text")
 *         .optVocab(dataLm.vocab())          // vocab=data_lm.vocab
 *         .splitFromCol(2)
 *         .labelFromCol(0)                   // label_from_df(cols=0)
 *         .databunch(32);
 * }</pre>
 *
 * <p>Documents are kept as flat {@code int[]} ids; a batch is built from them with one {@code long[]}
 * per field and a single NDArray call each, on the device of the manager the loader is given.
 */
package org.fastdjl.text.data;
