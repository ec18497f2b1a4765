package org.fastdjl.vision.learner;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.util.Pair;

import org.fastdjl.core.learner.Learner;
import org.fastdjl.core.learner.LearnerOptions;
import org.fastdjl.vision.data.ImageDataBunch;

import java.util.ArrayList;
import java.util.List;

/**
 * fastai's {@code cnn_learner} on DJL's own blocks: the model is DJL's {@code ResNetV1} (trained from
 * scratch: no pretrained weights are fetched) or fastai's {@code simple_cnn}, split in two layer
 * groups (body, head) so {@code freeze}, {@code unfreeze} and discriminative learning rates work as in
 * fastai. This is the proof that the core trains any DJL {@link Block}.
 *
 * <pre>{@code
 * ImageDataBunch data = ImageDataBunch.fromFolder(path).optSize(32).build();
 * Learner learn = Vision.cnnLearner(data).optArch(Vision.Arch.SIMPLE_CNN).optMetrics(Metrics.accuracy()).build();
 * learn.fitOneCycle(3, 1e-2);
 * }</pre>
 */
public final class Vision {

    /** The architectures {@link #cnnLearner} can build. */
    public enum Arch {
        /** DJL's ResNet-18 (v1). */
        RESNET18,
        /** DJL's ResNet-34 (v1). */
        RESNET34,
        /** fastai's {@code simple_cnn((3, 16, 16, c))}: three stride-2 3x3 convolutions, ReLU, pooling. */
        SIMPLE_CNN
    }

    private Vision() {}

    /**
     * Starts building a CNN learner.
     *
     * @param data the images
     * @return the builder
     */
    public static Builder cnnLearner(ImageDataBunch data) {
        return new Builder(data);
    }

    /**
     * fastai's {@code simple_cnn(actns, kernel_szs=3, strides=2)}: a 3x3 stride-2 convolution per pair
     * of sizes, ReLU between them, then global average pooling and flatten.
     *
     * @param actns the channel counts, input first, classes last
     * @return the model
     */
    public static SequentialBlock simpleCnn(int... actns) {
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < actns.length - 1; i++) {
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1)).setFilters(actns[i + 1]).build());
            if (i < actns.length - 2) {
                b.add(Activation.reluBlock());
            }
        }
        b.add(Pool.globalAvgPool2dBlock());
        b.add(Blocks.batchFlattenBlock());
        return b;
    }

    /** Builds the learner. */
    public static final class Builder extends LearnerOptions<Builder> {
        private final ImageDataBunch data;
        private Arch arch = Arch.RESNET18;

        private Builder(ImageDataBunch data) {
            super(0);
            this.data = data;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Chooses the architecture (default ResNet-18).
         *
         * @param arch the architecture
         * @return this builder
         */
        public Builder optArch(Arch arch) {
            this.arch = arch;
            return this;
        }






        /** @return the learner, its model initialized on the data's device */
        public VisionLearner build() {
            SequentialBlock model = model(arch, data.c(), data.size());
            return new VisionLearner(configure(Learner.builder(data, model).optLayerGroups(split(model))), arch,
                    data.classes(), data.transform());
        }
    }

    /**
     * Builds an architecture's model, untrained.
     *
     * @param arch the architecture
     * @param c the number of classes
     * @param size the side of the input images
     * @return the model
     */
    static SequentialBlock model(Arch arch, int c, int size) {
        switch (arch) {
            case SIMPLE_CNN:
                return simpleCnn(3, 16, 16, c);
            default:
                return ResNetV1.builder()
                        .setImageShape(new Shape(3, size, size))
                        .setNumLayers(arch == Arch.RESNET34 ? 34 : 18)
                        .setOutSize(c)
                        .build();
        }
    }

    /** Body (every block but the last two) and head, as fastai splits a cnn_learner's model. */
    static List<List<Block>> split(SequentialBlock model) {
        List<Block> blocks = new ArrayList<>();
        for (Pair<String, Block> p : model.getChildren()) {
            blocks.add(p.getValue());
        }
        int cut = Math.max(1, blocks.size() - 2);
        return List.of(blocks.subList(0, cut), blocks.subList(cut, blocks.size()));
    }
}
