package org.fastdjl.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/** The initialisations PyTorch and fastai use, as DJL {@link Initializer}s. */
public final class Init {

    private Init() {}

    /**
     * Uniform on {@code [-bound, bound]}: PyTorch's default for {@code nn.Linear} uses {@code bound =
     * 1/sqrt(fan_in)} for the weight and the bias.
     *
     * @param bound the half-width of the interval
     * @return the initializer
     */
    public static Initializer uniform(double bound) {
        return (manager, shape, dataType) ->
                manager.randomUniform((float) -bound, (float) bound, shape, dataType);
    }

    /**
     * Standard normal, PyTorch's default for {@code nn.Embedding}.
     *
     * @return the initializer
     */
    public static Initializer normal() {
        return (manager, shape, dataType) -> manager.randomNormal(0f, 1f, shape, dataType);
    }

    /**
     * fastai v1's {@code trunc_normal_}: a standard normal folded into (-2, 2) with {@code fmod}, then
     * scaled by {@code std}. fastai initialises its embeddings with std 0.01.
     *
     * @param std the standard deviation
     * @return the initializer
     */
    public static Initializer truncNormal(double std) {
        return (NDManager manager, Shape shape, DataType dataType) -> {
            try (NDArray x = manager.randomNormal(0f, 1f, shape, dataType);
                    NDArray fmod = x.sub(x.div(2f).trunc().mul(2f))) { // torch.fmod(x, 2)
                return fmod.mul((float) std);
            }
        };
    }
}
