package org.fastdjl.core.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names a model's parameters the way PyTorch's {@code state_dict()} names the same model, so weights
 * move between fastai and fastdjl: children of a {@link SequentialBlock} or {@link ModuleList} are numbered from 0 ({@code
 * layers.0.weight}), other children go by the name they were added with (DJL's two-digit prefix
 * removed: {@code u_weight.weight}) unless two siblings share a name (DJL's {@code ParallelBlock} of
 * two {@code SequentialBlock}s), then they are numbered too, and DJL's own parameter names are mapped to PyTorch's ({@code
 * gamma} to {@code weight}, {@code beta} to {@code bias}, {@code runningMean} to {@code running_mean},
 * {@code runningVar} to {@code running_var}).
 */
public final class StateDict {

    private StateDict() {}

    /**
     * The parameters of a model by their PyTorch {@code state_dict} key, in model order.
     *
     * @param model the model
     * @return the parameters, keyed by name
     */
    public static Map<String, Parameter> of(Block model) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(model, "", out);
        return out;
    }

    /**
     * Every block of a model by the key prefix its parameters get ({@code ""} for the model itself,
     * {@code "layers.1."} for a child), in model order; for the buffers that are not DJL parameters,
     * such as BatchNorm's {@code num_batches_tracked}.
     *
     * @param model the model
     * @return prefix to block
     */
    public static Map<String, Block> blocks(Block model) {
        Map<String, Block> out = new LinkedHashMap<>();
        collectBlocks(model, "", out);
        return out;
    }

    private static void collectBlocks(Block block, String prefix, Map<String, Block> out) {
        out.put(prefix, block);
        boolean numbered = block instanceof SequentialBlock || block instanceof ModuleList || !uniqueNames(block);
        int i = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String name = numbered ? Integer.toString(i) : stripIndex(child.getKey());
            collectBlocks(child.getValue(), prefix + name + ".", out);
            i++;
        }
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + torchName(p.getKey()), p.getValue());
        }
        boolean numbered = block instanceof SequentialBlock || block instanceof ModuleList
                || !uniqueNames(block);
        int i = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            String name = numbered ? Integer.toString(i) : stripIndex(child.getKey());
            collect(child.getValue(), prefix + name + ".", out);
            i++;
        }
    }

    /** Whether the children's names, without DJL's index prefix, are all different. */
    private static boolean uniqueNames(Block block) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Pair<String, Block> child : block.getChildren()) {
            if (!seen.add(stripIndex(child.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String stripIndex(String name) {
        int i = 0;
        while (i < name.length() && i < 2 && Character.isDigit(name.charAt(i))) {
            i++;
        }
        return i == 2 && name.length() > 2 ? name.substring(2) : name;
    }

    private static String torchName(String djlName) {
        switch (djlName) {
            case "gamma":
                return "weight";
            case "beta":
                return "bias";
            case "runningMean":
                return "running_mean";
            case "runningVar":
                return "running_var";
            default:
                return djlName;
        }
    }
}
