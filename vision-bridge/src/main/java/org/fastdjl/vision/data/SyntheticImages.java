package org.fastdjl.vision.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Writes a small image-classification data set the project makes itself: PNG images of horizontal or
 * vertical stripes (random period, phase, colours and noise), in fastai's folder layout {@code
 * train/<class>/} and {@code valid/<class>/}.
 */
public final class SyntheticImages {

    /** The two classes. */
    public static final String[] CLASSES = {"horizontal", "vertical"};

    private SyntheticImages() {}

    /**
     * Writes the data set.
     *
     * @param dir the folder to fill
     * @param trainPerClass training images per class
     * @param validPerClass validation images per class
     * @param size the side of the images
     * @param seed the seed
     * @return {@code dir}
     * @throws IOException if a file cannot be written
     */
    public static Path stripes(Path dir, int trainPerClass, int validPerClass, int size, long seed) throws IOException {
        Random r = new Random(seed);
        for (String split : new String[] {"train", "valid"}) {
            int n = split.equals("train") ? trainPerClass : validPerClass;
            for (int c = 0; c < CLASSES.length; c++) {
                Path folder = Files.createDirectories(dir.resolve(split).resolve(CLASSES[c]));
                for (int i = 0; i < n; i++) {
                    ImageIO.write(stripe(c == 1, size, r), "png", folder.resolve(String.format("%s_%03d.png", CLASSES[c], i))
                            .toFile());
                }
            }
        }
        return dir;
    }

    private static BufferedImage stripe(boolean vertical, int size, Random r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int period = 4 + r.nextInt(Math.max(1, size / 4));
        int phase = r.nextInt(period);
        int[] a = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
        int[] b = {255 - a[0], 255 - a[1], 255 - a[2]};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int t = ((vertical ? x : y) + phase) % period < period / 2 ? 1 : 0;
                int[] c = t == 1 ? a : b;
                int rgb = 0;
                for (int k = 0; k < 3; k++) {
                    int v = Math.max(0, Math.min(255, c[k] + (int) (r.nextGaussian() * 30)));
                    rgb = (rgb << 8) | v;
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
