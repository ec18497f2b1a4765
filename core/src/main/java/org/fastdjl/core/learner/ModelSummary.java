package org.fastdjl.core.learner;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import org.fastdjl.core.callback.Callback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * fastai v1's {@code learn.summary()}: one row per layer (every leaf block, in model order) with its
 * type, its output shape without the batch dimension, its parameter count and whether it trains, then
 * the totals, the optimizer, the loss and the callbacks:
 *
 * <pre>
 * TabularModel
 * ======================================================================
 * Layer (type)         Output Shape         Param #    Trainable
 * ======================================================================
 * Embedding            [6]                  60         True
 * ______________________________________________________________________
 * ...
 * Total params: 31,607
 * Total trainable params: 31,607
 * Total non-trainable params: 0
 * </pre>
 *
 * <p>As in PyTorch, BatchNorm's running statistics are buffers, not parameters: they are not counted.
 * A layer without parameters (ReLU, Dropout) is not trainable. Output shapes come from the shapes each
 * layer was initialized with.
 */
public final class ModelSummary {

    private static final int WIDTH = 70;

    /** One row of the summary. */
    public record Layer(String type, Shape outputShape, long params, boolean trainable) {
        /** @return the output shape as fastai prints it, {@code [200]}, or {@code ?} when unknown */
        public String shapeText() {
            if (outputShape == null) {
                return "?";
            }
            long[] dims = outputShape.getShape();
            return Arrays.toString(Arrays.copyOfRange(dims, Math.min(1, dims.length), dims.length));
        }
    }

    private final String modelName;
    private final List<Layer> layers;
    private final Learner learner;

    private ModelSummary(Learner learner) {
        this.learner = learner;
        this.modelName = learner.model().getClass().getSimpleName();
        List<Layer> out = new ArrayList<>();
        collect(learner.model(), out);
        this.layers = List.copyOf(out);
    }

    /**
     * Summarizes a learner's model.
     *
     * @param learner the learner (its model initialized, as every learner's is)
     * @return the summary
     */
    public static ModelSummary of(Learner learner) {
        return new ModelSummary(learner);
    }

    private static void collect(Block block, List<Layer> out) {
        if (block.getChildren().isEmpty()) {
            long params = 0;
            boolean trainable = false;
            for (Pair<String, Parameter> p : block.getDirectParameters()) {
                if (isBuffer(p.getValue())) {
                    continue;
                }
                params += size(p.getValue());
                trainable |= p.getValue().requiresGradient();
            }
            out.add(new Layer(typeName(block), outputShape(block), params, trainable));
            return;
        }
        long own = 0;
        boolean ownTrainable = false;
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (!isBuffer(p.getValue())) {
                own += size(p.getValue());
                ownTrainable |= p.getValue().requiresGradient();
            }
        }
        if (own > 0) { // parameters of a composite block itself: a row of their own so the totals hold
            out.add(new Layer(typeName(block) + " (own)", null, own, ownTrainable));
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), out);
        }
    }

    private static boolean isBuffer(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
    }

    private static long size(Parameter p) {
        if (p.getArray() != null) {
            return p.getArray().size();
        }
        return p.getShape() == null ? 0 : p.getShape().size();
    }

    private static String typeName(Block block) {
        if (block instanceof LambdaBlock l && l.getName() != null && !LambdaBlock.DEFAULT_NAME.equals(l.getName())) {
            return l.getName();
        }
        return block.getClass().getSimpleName();
    }

    private static Shape outputShape(Block block) {
        try {
            Shape[] in = block.getInputShapes();
            Shape[] out = block.getOutputShapes(in);
            return out.length == 0 ? null : out[0];
        } catch (RuntimeException e) {
            return null; // a block that cannot say: shown as "?"
        }
    }

    /** @return the layers, in model order */
    public List<Layer> layers() {
        return layers;
    }

    /** @return every parameter counted (running statistics excluded) */
    public long totalParams() {
        return layers.stream().mapToLong(Layer::params).sum();
    }

    /** @return the parameters that train (not frozen) */
    public long trainableParams() {
        long n = 0;
        for (Pair<String, Parameter> p : learner.model().getParameters()) {
            if (!isBuffer(p.getValue()) && p.getValue().requiresGradient()) {
                n += size(p.getValue());
            }
        }
        return n;
    }

    /** An object's own description, or its class name when it has none (a lambda, say). */
    private static String name(Object o) {
        String s = o.toString();
        String identity = o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
        if (!s.equals(identity)) {
            return s;
        }
        String simple = o.getClass().getSimpleName();
        return simple.contains("$$Lambda") || simple.isEmpty() ? "a custom loss function" : simple;
    }

    /** @return the summary as fastai prints it */
    @Override
    public String toString() {
        String rule = "=".repeat(WIDTH) + "\n";
        StringBuilder sb = new StringBuilder(modelName).append('\n').append(rule);
        sb.append(String.format(Locale.ROOT, "%-20s %-20s %-10s %-10s%n", "Layer (type)", "Output Shape", "Param #",
                "Trainable"));
        sb.append(rule);
        for (Layer l : layers) {
            sb.append(String.format(Locale.ROOT, "%-20s %-20s %-,10d %-10s%n", l.type(), l.shapeText(), l.params(),
                    l.trainable() ? "True" : "False"));
            sb.append("_".repeat(WIDTH)).append('\n');
        }
        long total = totalParams();
        long trainable = trainableParams();
        sb.append(String.format(Locale.ROOT, "%nTotal params: %,d%n", total));
        sb.append(String.format(Locale.ROOT, "Total trainable params: %,d%n", trainable));
        sb.append(String.format(Locale.ROOT, "Total non-trainable params: %,d%n", total - trainable));
        sb.append("Optimized with ").append(learner.opt().getClass().getSimpleName())
                .append(String.format(Locale.ROOT, ", weight decay %s%n", learner.wd()));
        sb.append("Using true weight decay as discussed in https://www.fast.ai/2018/07/02/adam-weight-decay/ \n");
        sb.append("Loss function : ").append(name(learner.lossFunc())).append('\n');
        sb.append(rule);
        sb.append("Callbacks functions applied \n    Recorder\n");
        for (Callback cb : learner.callbacks()) {
            sb.append("    ").append(cb.getClass().getSimpleName()).append('\n');
        }
        return sb.toString();
    }
}
