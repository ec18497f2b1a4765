package org.fastdjl.core.callback;

/**
 * Clips the gradients by their global L2 norm after the backward pass, as fastai's {@code
 * GradientClipping} ({@code clip_grad_norm_}). This is not DJL's {@code optClipGrad}, which clamps each
 * value.
 */
public final class GradientClipping implements Callback {

    private final double clip;

    /**
     * Creates the callback.
     *
     * @param clip the largest allowed global norm
     */
    public GradientClipping(double clip) {
        if (!(clip > 0)) {
            throw new IllegalArgumentException("the clip norm must be positive, got " + clip);
        }
        this.clip = clip;
    }

    @Override
    public void backwardEnd(FitState state) {
        state.learner().opt().clipGradNorm(clip);
    }
}
