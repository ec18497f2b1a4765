package org.fastdjl.text.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.fastdjl.core.nn.Init;
import org.fastdjl.core.nn.StateDictAliases;

import java.util.Map;

/**
 * fastai's {@code WeightDropout(module, weight_p, ['weight_hh_l0'])}: DropConnect on an LSTM's
 * hidden-to-hidden weight. It owns the raw weight, {@code weight_hh_l0_raw}; in training each call runs
 * the LSTM with {@code dropout(raw, weight_p)} (element-wise, kept entries scaled by {@code 1/(1-p)}),
 * so the gradient flows through the dropout into the raw weight; in evaluation the raw weight is used
 * as is.
 *
 * <p>fastai's {@code state_dict} also holds the LSTM's own {@code module.weight_hh_l0} (the dropped
 * copy, equal to the raw weight outside training): it is written as a copy of the raw weight and
 * ignored on load ({@link StateDictAliases}), so files load strictly both ways.
 *
 * <p>Inputs {@code [x (bs, sl, in), h0, c0]}, outputs {@code [output, h, c]}.
 */
public final class WeightDropout extends AbstractBlock implements StateDictAliases {

    private final LstmLayer module;
    private final Parameter weightHhRaw;
    private final float weightP;

    /**
     * Wraps a new LSTM layer.
     *
     * @param inSize the input features
     * @param outSize the hidden features
     * @param weightP the DropConnect probability, in [0, 1)
     */
    public WeightDropout(int inSize, int outSize, double weightP) {
        if (!(weightP >= 0 && weightP < 1)) {
            throw new IllegalArgumentException("weight_p must be in [0, 1), got " + weightP);
        }
        this.weightP = (float) weightP;
        double bound = 1.0 / Math.sqrt(outSize);
        weightHhRaw = addParameter(Parameter.builder().setName("weight_hh_l0_raw").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(4L * outSize, outSize)).optInitializer(Init.uniform(bound)).build());
        module = addChildBlock("module", new LstmLayer(inSize, outSize));
    }

    /** @return the wrapped LSTM layer */
    public LstmLayer module() {
        return module;
    }

    /** @return the raw hidden-to-hidden weight, {@code weight_hh_l0_raw} */
    public Parameter weightHhRaw() {
        return weightHhRaw;
    }

    /** @return the DropConnect probability */
    public float weightP() {
        return weightP;
    }

    /**
     * The hidden-to-hidden weight the LSTM runs with: dropped in training, the raw one otherwise.
     *
     * @param ps the parameter store
     * @param like an array on the device to use
     * @param training whether to drop
     * @return the weight
     */
    public NDArray effectiveWeightHh(ParameterStore ps, NDArray like, boolean training) {
        NDArray raw = ps.getValue(weightHhRaw, like.getDevice(), training);
        if (!training || weightP == 0) {
            return raw;
        }
        return raw.getNDArrayInternal().dropout(raw, weightP, true).head();
    }

    /**
     * Runs the LSTM.
     *
     * @param ps the parameter store
     * @param x {@code (bs, sl, in)}
     * @param h0 {@code (1, bs, out)}
     * @param c0 {@code (1, bs, out)}
     * @param training whether to drop weights
     * @return {@code [output (bs, sl, out), h, c]}
     */
    public NDList run(ParameterStore ps, NDArray x, NDArray h0, NDArray c0, boolean training) {
        return module.run(ps, x, h0, c0, effectiveWeightHh(ps, x, training), training);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return run(ps, inputs.get(0), inputs.get(1), inputs.get(2), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        module.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return module.getOutputShapes(inputShapes);
    }

    @Override
    public Map<String, Parameter> stateDictAliases() {
        return Map.of("module.weight_hh_l0", weightHhRaw);
    }

    @Override
    public String toString() {
        return "WeightDropout(" + module + ", weight_p=" + weightP + ")";
    }
}
