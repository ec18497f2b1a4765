package org.fastdjl.text.interpret;

/**
 * matplotlib's {@code cm.RdYlGn} colour map (ColorBrewer's 11-class RdYlGn, interpolated into 256
 * entries as matplotlib's {@code LinearSegmentedColormap} does), which fastai shades attention with.
 */
final class RdYlGn {

    /** ColorBrewer's RdYlGn, red to green: #a50026 ... #006837. */
    private static final int[] ANCHORS = {
        0xa50026, 0xd73027, 0xf46d43, 0xfdae61, 0xfee08b, 0xffffbf, 0xd9ef8b, 0xa6d96a, 0x66bd63, 0x1a9850, 0x006837,
    };

    private static final int N = 256;
    private static final int[][] LUT = lut();

    private RdYlGn() {}

    private static int[][] lut() {
        int[][] out = new int[N][3];
        int segments = ANCHORS.length - 1;
        for (int i = 0; i < N; i++) {
            double x = (double) i / (N - 1) * segments;
            int k = Math.min(segments - 1, (int) Math.floor(x));
            double f = x - k;
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                double a = (ANCHORS[k] >> shift & 0xff) / 255.0;
                double b = (ANCHORS[k + 1] >> shift & 0xff) / 255.0;
                out[i][c] = (int) ((a + (b - a) * f) * 255); // numpy's astype(int): truncation
            }
        }
        return out;
    }

    /**
     * The colour of a value, as {@code cm.RdYlGn(x)} (values outside [0, 1] clipped).
     *
     * @param x the value
     * @return {@code {r, g, b}}, each 0-255
     */
    static int[] rgb(double x) {
        double v = Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
        int i = Math.min(N - 1, (int) (v * N));
        return LUT[i].clone();
    }
}
