/**
 * fastai v1's text pre-processing: tokenization and numericalization.
 *
 * <p>{@link org.fastdjl.text.transform.Tokenizer} runs fastai's pre-rules
 * ({@link org.fastdjl.text.transform.PreRules}), a base tokenizer
 * ({@link org.fastdjl.text.transform.SpacyTokenizer}, a Java port of spaCy 3's blank English tokenizer) and
 * the post-rules ({@link org.fastdjl.text.transform.PostRules}); on fastai's IMDB sample it gives the very
 * tokens fastai 1.0.61 with spaCy 3.5 gives. {@link org.fastdjl.text.transform.TokenizeProcessor} adds the
 * {@code xxbos}/{@code xxfld} marks the data-block path adds, and {@link org.fastdjl.text.transform.Vocab}
 * turns tokens into ids.
 *
 * <pre>{@code
 * List<String> reviews = CsvTexts.readColumn(Path.of("texts.csv"), "text");
 * List<List<String>> tokens = new TokenizeProcessor(new Tokenizer()).processTexts(reviews);
 * Vocab vocab = Vocab.create(tokens, Vocab.DEFAULT_MAX_VOCAB, Vocab.MIN_FREQ_DATA_BLOCK);
 * int[] ids = vocab.numericalize(tokens.get(0));
 * }</pre>
 */
package org.fastdjl.text.transform;
