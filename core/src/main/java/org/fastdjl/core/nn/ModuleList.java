package org.fastdjl.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of blocks that its owner calls one by one, as PyTorch's {@code nn.ModuleList}: its children are
 * numbered from 0 in the {@code state_dict} ({@code embeds.0.weight}). It has no forward of its own.
 *
 * @param <B> the type of the blocks
 */
public class ModuleList<B extends Block> extends AbstractBlock {

    private final List<B> items = new ArrayList<>();

    /**
     * Creates a list.
     *
     * @param blocks the blocks, in order
     */
    public ModuleList(List<B> blocks) {
        for (B b : blocks) {
            items.add(addChildBlock(b.getClass().getSimpleName(), b));
        }
    }

    /**
     * The block at a position.
     *
     * @param index the position
     * @return the block
     */
    public B get(int index) {
        return items.get(index);
    }

    /** @return the number of blocks */
    public int size() {
        return items.size();
    }

    /** @return the blocks */
    public List<B> items() {
        return List.copyOf(items);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("a ModuleList has no forward: call its blocks one by one");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (B b : items) {
            b.initialize(manager, dataType, inputShapes);
        }
    }
}
