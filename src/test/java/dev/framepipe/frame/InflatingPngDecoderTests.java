package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The inflating PNG path against its oracle, the ImageIO path ({@link FrameDecoders#imageIoOnly}):
 * for every layout it handles, on generated files of many sizes, filters, palettes and IDAT splits,
 * the luminance is byte for byte the same; for every layout it leaves to ImageIO, and for damaged
 * files, the standard decoder's outcome (frame, or exception type and message) is ImageIO's.
 */
class InflatingPngDecoderTests {

    private static final FrameLimits LIMITS = FrameLimits.defaults();
    private static final FrameDecoder ORACLE = FrameDecoders.imageIoOnly(LIMITS);
    private static final FrameDecoder DECODER = FrameDecoders.create(LIMITS);
    private static final InflatingPngDecoder FAST = new InflatingPngDecoder(LIMITS);

    private static final int[][] SIZES = {
        {1, 1}, {1, 9}, {9, 1}, {3, 5}, {8, 8}, {17, 13}, {64, 48}, {127, 3}, {5, 130}, {320, 24}
    };
    private static final int[][] FILTERS = {{0}, {1}, {2}, {3}, {4}, {0, 1, 2, 3, 4}, {4, 3, 2, 1, 0, 4}};

    @Test
    void decodesEightBitGrayGrayAlphaRgbAndRgbaLikeImageIo() {
        int files = 0;
        for (int colorType : new int[] {0, 4, 2, 6}) {
            for (int[] size : SIZES) {
                for (int f = 0; f < FILTERS.length; f++) {
                    PngFiles png = new PngFiles(size[0], size[1], colorType, 8);
                    long seed = 31L * files + colorType;
                    byte[] data = png.encode(png.randomRows(seed, 255), FILTERS[f], f % 10, f % 2 == 0 ? 1 << 16 : 7);
                    assertSameLuminance(
                            data, "colour type " + colorType + ", " + size[0] + "x" + size[1] + ", filters " + f);
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(4 * SIZES.length * FILTERS.length);
    }

    @Test
    void decodesFramesOfManyStripsLikeImageIo() {
        int[][] layouts = {{6, 1000, 90}, {2, 600, 300}, {6, 8192, 5}, {3, 640, 480}};
        for (int[] layout : layouts) {
            PngFiles png = new PngFiles(layout[1], layout[2], layout[0], 8);
            byte[] data = png.encode(
                    png.randomRows(layout[1], 255),
                    FILTERS[6],
                    1,
                    1 << 13,
                    layout[0] == 3 ? new byte[][] {PngFiles.palette(256, 5)} : new byte[0][]);
            assertSameLuminance(data, "colour type " + layout[0] + ", " + layout[1] + "x" + layout[2]);
        }
    }

    @Test
    void decodesGrayOfOneTwoAndFourBitsLikeImageIo() {
        for (int bitDepth : new int[] {1, 2, 4}) {
            for (int[] size : SIZES) {
                PngFiles png = new PngFiles(size[0], size[1], 0, bitDepth);
                byte[] data = png.encode(
                        png.randomRows(size[0] * 7L + bitDepth, (1 << bitDepth) - 1), FILTERS[6], 6, 1 << 16);
                assertSameLuminance(data, bitDepth + "-bit gray, " + size[0] + "x" + size[1]);
            }
        }
    }

    @Test
    void decodesPalettesOfEveryBitDepthAndLengthLikeImageIo() {
        int files = 0;
        for (int bitDepth : new int[] {1, 2, 4, 8}) {
            int max = 1 << bitDepth;
            for (int entries : new int[] {1, 2, 3, 4, 5, 15, 16, 17, 200, 256}) {
                if (entries > max) {
                    continue;
                }
                for (int[] size : SIZES) {
                    PngFiles png = new PngFiles(size[0], size[1], 3, bitDepth);
                    long seed = 97L * files + bitDepth;
                    // indices over the whole range: those past the palette take the colour ImageIO gives them
                    byte[][] rows = png.randomRows(seed, max - 1);
                    byte[] transparency =
                            files % 3 == 0 ? PngFiles.chunk("tRNS", new byte[Math.min(entries, 3)]) : null;
                    byte[] data = transparency == null
                            ? png.encode(
                                    rows, FILTERS[files % FILTERS.length], 6, 1 << 16, PngFiles.palette(entries, seed))
                            : png.encode(
                                    rows,
                                    FILTERS[files % FILTERS.length],
                                    6,
                                    1 << 16,
                                    PngFiles.palette(entries, seed),
                                    transparency);
                    assertSameLuminance(data, bitDepth + "-bit palette of " + entries + ", " + size[0] + "x" + size[1]);
                    files++;
                }
            }
        }
        assertThat(files).isEqualTo(23 * SIZES.length);
    }

    @Test
    void decodesWhatTheJdkWriterWritesLikeImageIo() {
        Random random = new Random(7);
        int[] types = {
            BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_INT_RGB,
            BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_INT_ARGB,
            BufferedImage.TYPE_4BYTE_ABGR,
            BufferedImage.TYPE_BYTE_INDEXED,
            BufferedImage.TYPE_BYTE_BINARY
        };
        for (int type : types) {
            for (int[] size : new int[][] {{1, 1}, {33, 17}, {160, 120}}) {
                BufferedImage image = new BufferedImage(size[0], size[1], type);
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        image.setRGB(x, y, random.nextInt() | (x % 3 == 0 ? 0 : 0xFF000000));
                    }
                }
                assertSameLuminance(EncodedSamples.write(image, "png"), "JDK-written type " + type);
            }
        }
        assertSameLuminance(EncodedSamples.encode(EncodedSamples.blobs(640, 480, 3), FrameFormat.PNG), "blobs");
    }

    @Test
    void leavesOtherLayoutsToImageIoWithTheSameResult() {
        List<byte[]> others = new ArrayList<>();
        for (int[] layout : new int[][] {{0, 16}, {2, 16}, {4, 16}, {6, 16}}) {
            PngFiles png = new PngFiles(23, 11, layout[0], layout[1]);
            others.add(png.encode(png.randomRows(layout[0] + layout[1], (1 << layout[1]) - 1), FILTERS[5], 6, 1 << 16));
        }
        PngFiles gray = new PngFiles(23, 11, 0, 8);
        others.add(gray.encode(
                gray.randomRows(1, 255), FILTERS[5], 6, 1 << 16, PngFiles.chunk("tRNS", new byte[] {0, 7})));
        PngFiles rgb = new PngFiles(23, 11, 2, 8);
        others.add(rgb.encode(
                rgb.randomRows(2, 255), FILTERS[5], 6, 1 << 16, PngFiles.chunk("tRNS", new byte[] {0, 7, 0, 8, 0, 9})));
        PngFiles indexed = new PngFiles(23, 11, 3, 8);
        others.add(indexed.encode(
                indexed.randomRows(3, 255),
                FILTERS[5],
                6,
                1 << 16,
                PngFiles.palette(256, 3),
                PngFiles.chunk("gAMA", ByteBuffer.allocate(4).putInt(45455).array())));
        others.add(interlaced(EncodedSamples.blobs(37, 29, 5)));
        for (byte[] data : others) {
            assertThat(FAST.decode(data)).isNull();
            assertSameOutcome(data);
        }
    }

    @Test
    void decodesEveryPngOfTheProjectLikeImageIo() throws IOException {
        List<Path> files;
        try (Stream<Path> walk =
                Stream.concat(Files.walk(Path.of("src/test/resources")), Files.walk(Path.of("docs")))) {
            files = walk.filter(Files::isRegularFile)
                    .filter(InflatingPngDecoderTests::isPng)
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            assertSameOutcome(Files.readAllBytes(file));
        }
    }

    @Test
    void refusesDamagedFilesExactlyAsImageIoDoes() {
        PngFiles png = new PngFiles(29, 19, 2, 8);
        byte[] good = png.encode(png.randomRows(11, 255), FILTERS[5], 9, 300);
        for (int length = 0; length < good.length; length += 1 + length / 8) {
            assertSameOutcome(java.util.Arrays.copyOf(good, length));
        }
        Random random = new Random(13);
        for (int i = 0; i < 200; i++) {
            byte[] damaged = good.clone();
            int position = 8 + random.nextInt(good.length - 8);
            damaged[position] ^= (byte) (1 + random.nextInt(255));
            assertSameOutcome(damaged);
            assertSameOutcome(withCrcsRepaired(damaged));
        }
    }

    @Test
    void refusesHugeDimensionsBeforeInflating() {
        byte[] bomb = DecompressionBombs.png(DecompressionBombs.HUGE, DecompressionBombs.HUGE);
        assertThat(FAST.decode(bomb)).isNull();
        assertSameOutcome(bomb);
    }

    private static void assertSameLuminance(byte[] data, String what) {
        Frame expected = ORACLE.decode(EncodedFrame.of(FrameFormat.PNG, data));
        Frame fast = FAST.decode(data);
        assertThat(fast).as("handled by the inflating path: %s", what).isNotNull();
        assertThat(fast).as(what).isEqualTo(expected);
        assertThat(DECODER.decode(EncodedFrame.of(FrameFormat.PNG, data)))
                .as(what)
                .isEqualTo(expected);
    }

    /** The standard decoder gives ImageIO's frame, or throws ImageIO's exception with its message. */
    static void assertSameOutcome(byte[] data) {
        Object expected = outcome(ORACLE, data);
        Object actual = outcome(DECODER, data);
        assertThat(actual).isEqualTo(expected);
    }

    private static Object outcome(FrameDecoder decoder, byte[] data) {
        try {
            return decoder.decode(EncodedFrame.of(FrameFormat.PNG, data));
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static boolean isPng(Path file) {
        try {
            byte[] head = new byte[8];
            try (var in = Files.newInputStream(file)) {
                return in.readNBytes(head, 0, 8) == 8 && Signatures.matches(FrameFormat.PNG, head);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recomputes every chunk's CRC, so that damage reaches the decoder past the CRC check. */
    private static byte[] withCrcsRepaired(byte[] data) {
        byte[] out = data.clone();
        int position = 8;
        while (position + 12 <= out.length) {
            long length = ByteBuffer.wrap(out, position, 4).getInt() & 0xFFFFFFFFL;
            if (position + 12 + length > out.length) {
                break;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(out, position + 4, (int) length + 4);
            ByteBuffer.wrap(out, position + 8 + (int) length, 4).putInt((int) crc.getValue());
            position += 12 + (int) length;
        }
        return out;
    }

    /** An Adam7-interlaced PNG written by the JDK's writer in progressive mode. */
    private static byte[] interlaced(Frame frame) {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        BufferedImage image = new BufferedImage(
                frame.width(),
                frame.height(),
                BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        image.getRaster().setDataElements(0, 0, frame.width(), frame.height(), frame.gray());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] data = out.toByteArray();
        assertThat(data[8 + 8 + 12]).as("interlace method").isEqualTo((byte) 1);
        return data;
    }
}
