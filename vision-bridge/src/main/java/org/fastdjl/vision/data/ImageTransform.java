package org.fastdjl.vision.data;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns an image into the model's input, the same way for training and prediction: resized to {@code
 * size x size}, scaled to [0, 1] and normalized per channel ({@code (x - mean) / std}, ImageNet's
 * statistics by default, fastai's {@code imagenet_stats}), channels first (RGB).
 */
public final class ImageTransform {

    private final int size;
    private final float[] mean;
    private final float[] std;

    /**
     * Creates a transform.
     *
     * @param size the side images are resized to
     * @param mean the three channel means
     * @param std the three channel standard deviations
     */
    public ImageTransform(int size, float[] mean, float[] std) {
        if (size < 1 || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("an image transform needs a size >= 1 and three means and stds");
        }
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * ImageNet's normalization at a size, as {@link ImageDataBunch} uses.
     *
     * @param size the side
     * @return the transform
     */
    public static ImageTransform imagenet(int size) {
        return new ImageTransform(size, ImageDataBunch.IMAGENET_MEAN, ImageDataBunch.IMAGENET_STD);
    }

    /** @return the side images are resized to */
    public int size() {
        return size;
    }

    /** @return the channel means (a copy) */
    public float[] mean() {
        return mean.clone();
    }

    /** @return the channel standard deviations (a copy) */
    public float[] std() {
        return std.clone();
    }

    /** @return floats per image: {@code 3 * size * size} */
    public int itemSize() {
        return 3 * size * size;
    }

    /**
     * Reads an image file into the model's input layout.
     *
     * @param file the image
     * @param out where to write {@link #itemSize()} floats
     * @param offset the first index to write
     * @throws IOException if the file cannot be read as an image (naming it)
     */
    public void read(Path file, float[] out, int offset) throws IOException {
        Image image;
        try {
            image = ImageFactory.getInstance().fromFile(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        apply(image, out, offset, file.toString());
    }

    /**
     * Writes an image into the model's input layout.
     *
     * @param image the image (DJL's default, {@code BufferedImage}-backed, image factory)
     * @param out where to write {@link #itemSize()} floats
     * @param offset the first index to write
     */
    public void apply(Image image, float[] out, int offset) {
        apply(image, out, offset, "the image");
    }

    private void apply(Image image, float[] out, int offset, String what) {
        Objects.requireNonNull(image, "image");
        Object wrapped = image.resize(size, size, true).getWrappedImage();
        if (!(wrapped instanceof BufferedImage)) {
            throw new IllegalArgumentException(what + " is a " + wrapped.getClass().getName()
                    + "; expected an image of DJL's default (BufferedImage) image factory");
        }
        BufferedImage img = (BufferedImage) wrapped;
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = img.getRGB(x, y);
                int p = y * size + x;
                out[offset + p] = (((rgb >> 16) & 0xff) / 255f - mean[0]) / std[0];
                out[offset + plane + p] = (((rgb >> 8) & 0xff) / 255f - mean[1]) / std[1];
                out[offset + 2 * plane + p] = ((rgb & 0xff) / 255f - mean[2]) / std[2];
            }
        }
    }
}
