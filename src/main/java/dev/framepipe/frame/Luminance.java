package dev.framepipe.frame;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Converts a decoded {@link BufferedImage} to 8-bit luminance.
 *
 * <p>Colour uses the ITU-R BT.601 luma weights, rounded half up in exact integer arithmetic:
 * {@code Y = (299 R + 587 G + 114 B + 500) / 1000}; a gray pixel (R = G = B = v) maps to v
 * exactly. Gray samples are copied as they are (never through {@code getRGB}, which would
 * apply a gamma conversion to the linear gray colour space); samples wider than 8 bits are
 * scaled to 0..255 with rounding. Alpha is ignored. The common raster layouts (interleaved
 * bytes or shorts, packed ints, indexed bytes) are read directly from their arrays; any other
 * layout falls back to row-wise {@code getRGB}.
 */
final class Luminance {

    private Luminance() {}

    /** BT.601 luma of 8-bit R, G, B, rounded half up. */
    static int bt601(int r, int g, int b) {
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }

    /** The luminance of every pixel, row-major; the image is not modified. */
    static byte[] of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(width, height)];
        ColorModel model = image.getColorModel();
        WritableRaster raster = image.getRaster();
        if (model instanceof IndexColorModel indexed) {
            indexed(indexed, raster, out);
        } else if (model instanceof ComponentColorModel
                && isGrayOrRgb(model)
                && model.getTransferType() != DataBuffer.TYPE_FLOAT
                && model.getTransferType() != DataBuffer.TYPE_DOUBLE) {
            component(model, raster, out);
        } else if (model instanceof DirectColorModel direct && isPackedInt8(direct, raster)) {
            packed(direct, raster, out);
        } else {
            viaRgb(image, out);
        }
        return out;
    }

    private static boolean isGrayOrRgb(ColorModel model) {
        int type = model.getColorSpace().getType();
        return type == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1
                || type == ColorSpace.TYPE_RGB && model.getNumColorComponents() == 3;
    }

    private static void indexed(IndexColorModel model, WritableRaster raster, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bits = raster.getSampleModel().getSampleSize(0);
        byte[] lut = new byte[1 << Math.min(bits, 16)];
        int entries = Math.min(model.getMapSize(), lut.length);
        for (int i = 0; i < entries; i++) {
            lut[i] = (byte) bt601(model.getRed(i), model.getGreen(i), model.getBlue(i));
        }
        SampleModel sampleModel = raster.getSampleModel();
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && sampleModel instanceof ComponentSampleModel csm
                && csm.getPixelStride() == 1
                && bits <= 8) {
            byte[] data = buffer.getData();
            for (int y = 0; y < height; y++) {
                int in = rowOffset(buffer, csm, raster, y, 0);
                int o = y * width;
                for (int x = 0; x < width; x++) {
                    out[o + x] = lut[data[in + x] & 0xFF];
                }
            }
            return;
        }
        int[] row = new int[width];
        int mask = lut.length - 1;
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            int o = y * width;
            for (int x = 0; x < width; x++) {
                out[o + x] = lut[row[x] & mask];
            }
        }
    }

    private static void component(ColorModel model, WritableRaster raster, byte[] out) {
        boolean gray = model.getNumColorComponents() == 1;
        SampleModel sampleModel = raster.getSampleModel();
        int bits = model.getComponentSize(0);
        boolean uniform = true;
        for (int c = 1; c < model.getNumColorComponents(); c++) {
            uniform &= model.getComponentSize(c) == bits;
        }
        if (uniform && sampleModel instanceof ComponentSampleModel csm && singleBank(csm)) {
            if (bits == 8 && raster.getDataBuffer() instanceof DataBufferByte buffer) {
                if (gray) {
                    grayBytes(buffer, csm, raster, out);
                } else {
                    rgbBytes(buffer, csm, raster, out);
                }
                return;
            }
            if (bits == 16 && raster.getDataBuffer() instanceof DataBufferUShort buffer) {
                shorts(buffer, csm, raster, gray, out);
                return;
            }
        }
        samples(model, raster, gray, out);
    }

    private static boolean singleBank(ComponentSampleModel csm) {
        for (int bank : csm.getBankIndices()) {
            if (bank != 0) {
                return false;
            }
        }
        return true;
    }

    private static void grayBytes(DataBufferByte buffer, ComponentSampleModel csm, WritableRaster raster, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int stride = csm.getPixelStride();
        byte[] data = buffer.getData();
        for (int y = 0; y < height; y++) {
            int in = rowOffset(buffer, csm, raster, y, 0);
            int o = y * width;
            if (stride == 1) {
                System.arraycopy(data, in, out, o, width);
            } else {
                for (int x = 0; x < width; x++, in += stride) {
                    out[o + x] = data[in];
                }
            }
        }
    }

    private static void rgbBytes(DataBufferByte buffer, ComponentSampleModel csm, WritableRaster raster, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int stride = csm.getPixelStride();
        byte[] data = buffer.getData();
        for (int y = 0; y < height; y++) {
            int r = rowOffset(buffer, csm, raster, y, 0);
            int g = rowOffset(buffer, csm, raster, y, 1);
            int b = rowOffset(buffer, csm, raster, y, 2);
            int o = y * width;
            for (int x = 0; x < width; x++, r += stride, g += stride, b += stride) {
                out[o + x] = (byte) bt601(data[r] & 0xFF, data[g] & 0xFF, data[b] & 0xFF);
            }
        }
    }

    private static void shorts(
            DataBufferUShort buffer, ComponentSampleModel csm, WritableRaster raster, boolean gray, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int stride = csm.getPixelStride();
        short[] data = buffer.getData();
        for (int y = 0; y < height; y++) {
            int r = rowOffset(buffer, csm, raster, y, 0);
            int g = gray ? r : rowOffset(buffer, csm, raster, y, 1);
            int b = gray ? r : rowOffset(buffer, csm, raster, y, 2);
            int o = y * width;
            for (int x = 0; x < width; x++, r += stride, g += stride, b += stride) {
                int value = to8(data[r] & 0xFFFF, 0xFFFF);
                out[o + x] = (byte)
                        (gray ? value : bt601(value, to8(data[g] & 0xFFFF, 0xFFFF), to8(data[b] & 0xFFFF, 0xFFFF)));
            }
        }
    }

    /** Any layout of integer samples, read a row and a band at a time. */
    private static void samples(ColorModel model, WritableRaster raster, boolean gray, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bands = gray ? 1 : 3;
        int[][] rows = new int[bands][width];
        int[] max = new int[bands];
        for (int c = 0; c < bands; c++) {
            max[c] = (int) ((1L << Math.min(model.getComponentSize(c), 31)) - 1);
        }
        for (int y = 0; y < height; y++) {
            for (int c = 0; c < bands; c++) {
                raster.getSamples(0, y, width, 1, c, rows[c]);
            }
            int o = y * width;
            for (int x = 0; x < width; x++) {
                int r = scale(rows[0][x], max[0]);
                out[o + x] = (byte) (gray ? r : bt601(r, scale(rows[1][x], max[1]), scale(rows[2][x], max[2])));
            }
        }
    }

    private static boolean isPackedInt8(DirectColorModel model, WritableRaster raster) {
        return raster.getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
                && Integer.bitCount(model.getRedMask()) == 8
                && Integer.bitCount(model.getGreenMask()) == 8
                && Integer.bitCount(model.getBlueMask()) == 8;
    }

    private static void packed(DirectColorModel model, WritableRaster raster, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
        SinglePixelPackedSampleModel sppm = (SinglePixelPackedSampleModel) raster.getSampleModel();
        int[] data = buffer.getData();
        int rs = Integer.numberOfTrailingZeros(model.getRedMask());
        int gs = Integer.numberOfTrailingZeros(model.getGreenMask());
        int bs = Integer.numberOfTrailingZeros(model.getBlueMask());
        for (int y = 0; y < height; y++) {
            int in = buffer.getOffset()
                    + sppm.getOffset(-raster.getSampleModelTranslateX(), y - raster.getSampleModelTranslateY());
            int o = y * width;
            for (int x = 0; x < width; x++) {
                int p = data[in + x];
                out[o + x] = (byte) bt601((p >>> rs) & 0xFF, (p >>> gs) & 0xFF, (p >>> bs) & 0xFF);
            }
        }
    }

    private static void viaRgb(BufferedImage image, byte[] out) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int o = y * width;
            for (int x = 0; x < width; x++) {
                int p = row[x];
                out[o + x] = (byte) bt601((p >>> 16) & 0xFF, (p >>> 8) & 0xFF, p & 0xFF);
            }
        }
    }

    private static int rowOffset(DataBuffer buffer, ComponentSampleModel csm, WritableRaster raster, int y, int band) {
        return buffer.getOffset()
                + csm.getOffset(-raster.getSampleModelTranslateX(), y - raster.getSampleModelTranslateY(), band);
    }

    /** Scales a sample in 0..max to 0..255, rounded half up. */
    static int to8(int value, int max) {
        return (int) ((value * 255L + max / 2) / max);
    }

    private static int scale(int value, int max) {
        return max == 255 ? value : to8(Math.min(value, max), max);
    }
}
