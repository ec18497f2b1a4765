package org.fastdjl.text.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fastai's {@code convert_weights(wgts, stoi_wgts, itos_new)}: moves a language model's weights onto
 * another vocab. Row {@code i} of the new embedding is the old row of token {@code itos_new[i]} when the
 * old vocab has it, else the mean of all old rows; the decoder bias likewise (the mean bias for new
 * tokens). The results replace {@code 0.encoder.weight}, {@code 0.encoder_dp.emb.weight} (if present),
 * {@code 1.decoder.weight} and {@code 1.decoder.bias} (if present); every other tensor is kept.
 *
 * <p>It works on a plain state dict ({@code Map<String, NDArray>}, from a safetensors file or from
 * PyTorch's {@code .pth} through another reader); the new arrays are made in the manager of the old
 * embedding, on its device.
 */
public final class ConvertWeights {

    /** The embedding's key. */
    public static final String ENCODER = "0.encoder.weight";
    /** The embedding seen through its dropout (the same tensor in fastai's files). */
    public static final String ENCODER_DP = "0.encoder_dp.emb.weight";
    /** The tied decoder weight. */
    public static final String DECODER = "1.decoder.weight";
    /** The decoder bias. */
    public static final String DECODER_BIAS = "1.decoder.bias";

    private ConvertWeights() {}

    /**
     * Converts the weights to a new vocab.
     *
     * @param wgts the state dict (left unchanged)
     * @param oldItos the vocab the weights were trained with
     * @param newItos the new vocab
     * @return a new state dict
     * @throws IllegalArgumentException when {@code 0.encoder.weight} is missing, or the old vocab's size is
     *     not the embedding's row count (naming both)
     */
    public static Map<String, NDArray> convert(Map<String, NDArray> wgts, List<String> oldItos, List<String> newItos) {
        NDArray enc = wgts.get(ENCODER);
        if (enc == null) {
            throw new IllegalArgumentException("the weights have no " + ENCODER + ": not a language model's state dict"
                    + " (keys: " + wgts.keySet() + ")");
        }
        if (enc.getShape().dimension() != 2 || enc.getShape().get(0) != oldItos.size()) {
            throw new IllegalArgumentException("the embedding " + ENCODER + " has shape " + enc.getShape()
                    + " but its vocab has " + oldItos.size() + " tokens");
        }
        Map<String, Integer> oldStoi = new HashMap<>();
        for (int i = 0; i < oldItos.size(); i++) {
            oldStoi.put(oldItos.get(i), i); // as {v: k for k, v in enumerate(itos)}: the last one wins
        }
        long[] rows = new long[newItos.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = oldStoi.getOrDefault(newItos.get(i), oldItos.size()); // the appended mean row
        }
        NDArray index = enc.getManager().create(rows);
        NDArray meanRow = enc.mean(new int[] {0}, true);
        NDArray extended = NDArrays.concat(new NDList(enc, meanRow), 0);
        NDArray newEnc = extended.get(new NDIndex("{}", index));
        extended.close();
        Map<String, NDArray> out = new LinkedHashMap<>(wgts);
        out.put(ENCODER, newEnc);
        if (wgts.containsKey(ENCODER_DP)) {
            out.put(ENCODER_DP, newEnc.duplicate());
        }
        out.put(DECODER, newEnc.duplicate());
        NDArray bias = wgts.get(DECODER_BIAS);
        if (bias != null) {
            NDArray meanBias = bias.mean(new int[] {0}, true);
            NDArray extendedBias = NDArrays.concat(new NDList(bias, meanBias), 0);
            out.put(DECODER_BIAS, extendedBias.get(new NDIndex("{}", index)));
            extendedBias.close();
            meanBias.close();
        }
        index.close();
        meanRow.close();
        return out;
    }
}
