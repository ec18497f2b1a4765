package org.fastdjl.core.nn;

import ai.djl.nn.Parameter;

import java.util.Map;

/**
 * A block whose PyTorch {@code state_dict} holds more keys than it has parameters: entries that are
 * another name for one of the model's parameters. fastai's AWD-LSTM has three: the embedding seen
 * through its dropout wrapper ({@code encoder_dp.emb.weight}, the same tensor as {@code
 * encoder.weight}), the LSTM's {@code module.weight_hh_l0} (the weight-dropped copy of {@code
 * weight_hh_l0_raw}, equal to it outside training) and the tied decoder weight ({@code
 * decoder.weight}, the embedding's).
 *
 * <p>{@link StateDict#aliases} collects them with the block's prefix; {@link
 * org.fastdjl.core.io.Weights} writes each alias with its parameter's values, so PyTorch's strict
 * {@code load_state_dict} accepts the file, and accepts and ignores them on load (the parameter they
 * name is loaded under its own key).
 */
public interface StateDictAliases {

    /**
     * The extra keys, relative to this block ({@code "emb.weight"}), and the parameter each stands for.
     * The parameter may belong to another block (a tied weight).
     *
     * @return the aliases, in {@code state_dict} order
     */
    Map<String, Parameter> stateDictAliases();
}
