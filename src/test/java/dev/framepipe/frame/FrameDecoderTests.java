package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.framepipe.testing.StageConcurrency;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameDecoderTests {

    private static final String DEFAULT_LIMIT = "the limit is 8192x8192 and 16777216 pixels";

    private final FrameDecoder decoder = FrameDecoders.create(FrameLimits.defaults());

    /** Encoded frames decode to the luminance they were made from. */
    @Nested
    class RoundTrips {

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "JPEG", mode = EnumSource.Mode.EXCLUDE)
        void decodesLosslessGrayFrameToTheSameLuminance(FrameFormat format) {
            Frame source = EncodedSamples.blobs(97, 61, 42);

            Frame decoded = decoder.decode(EncodedSamples.encoded(source, format));

            assertThat(decoded).isEqualTo(source);
        }

        @ParameterizedTest
        @EnumSource(
                value = FrameFormat.class,
                names = {"PNG", "BMP", "TIFF"})
        void decodesRgbWithEqualChannelsToTheSameLuminance(FrameFormat format) {
            Frame source = EncodedSamples.blobs(64, 48, 7);

            Frame decoded = decoder.decode(EncodedFrame.of(format, EncodedSamples.encodeAsRgb(source, format)));

            assertThat(decoded).isEqualTo(source);
        }

        @Test
        void decodesJpegWithinASmallMeanError() {
            Frame source = EncodedSamples.blobs(128, 96, 3);

            Frame gray = decoder.decode(EncodedSamples.encoded(source, FrameFormat.JPEG));
            Frame rgb = decoder.decode(
                    EncodedFrame.of(FrameFormat.JPEG, EncodedSamples.encodeAsRgb(source, FrameFormat.JPEG)));

            assertThat(meanAbsoluteError(source, gray)).isLessThan(3.0);
            assertThat(meanAbsoluteError(source, rgb)).isLessThan(3.0);
        }

        @ParameterizedTest
        @EnumSource(
                value = FrameFormat.class,
                names = {"PNG", "BMP", "TIFF", "GIF"})
        void convertsColourToBt601Luminance(FrameFormat format) {
            int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0x0AC81E, 0x808080};
            int[] expected = {76, 150, 29, 255, 0, 124, 128};
            BufferedImage image = new BufferedImage(colours.length, 1, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < colours.length; x++) {
                image.setRGB(x, 0, colours[x]);
            }
            byte[] data = EncodedSamples.write(
                    format == FrameFormat.GIF ? indexed(image) : image,
                    format.name().toLowerCase(Locale.ROOT));

            Frame decoded = decoder.decode(EncodedFrame.of(format, data));

            for (int x = 0; x < colours.length; x++) {
                assertThat(decoded.luminance(x, 0))
                        .as("colour %06x", colours[x])
                        .isEqualTo(expected[x]);
            }
        }

        @Test
        void decodesAlphaImageIgnoringAlpha() {
            BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
            image.setRGB(0, 0, 0x00FF0000);
            image.setRGB(1, 0, 0x800AC81E);

            Frame decoded = decoder.decode(EncodedFrame.of(FrameFormat.PNG, EncodedSamples.write(image, "png")));

            assertThat(decoded.luminance(0, 0)).isEqualTo(76);
            assertThat(decoded.luminance(1, 0)).isEqualTo(124);
        }

        @Test
        void scalesSixteenBitGrayPngToEightBitsWithRounding() {
            int[] samples = {0, 257, 128, 129, 65535, 32767, 32768};
            int[] expected = {0, 1, 0, 1, 255, 127, 128};
            BufferedImage image = new BufferedImage(samples.length, 1, BufferedImage.TYPE_USHORT_GRAY);
            short[] pixels = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < samples.length; i++) {
                pixels[i] = (short) samples[i];
            }

            Frame decoded = decoder.decode(EncodedFrame.of(FrameFormat.PNG, EncodedSamples.write(image, "png")));

            assertThat(decoded.gray()).containsExactly(bytes(expected));
        }

        @Test
        void decodesOnlyTheFirstImageOfAnAnimatedGif() throws Exception {
            Frame first = EncodedSamples.blobs(40, 30, 1);
            Frame second = EncodedSamples.blobs(40, 30, 2);

            byte[] data = sequence("gif", indexedGray(first), indexedGray(second));

            assertThat(decoder.decode(EncodedFrame.of(FrameFormat.GIF, data))).isEqualTo(first);
        }

        @Test
        void decodesOnlyTheFirstPageOfAMultiPageTiff() throws Exception {
            Frame first = EncodedSamples.blobs(40, 30, 1);
            Frame second = EncodedSamples.blobs(20, 10, 2);

            byte[] data = sequence("tiff", gray(first), gray(second));

            assertThat(decoder.decode(EncodedFrame.of(FrameFormat.TIFF, data))).isEqualTo(first);
        }
    }

    /** Frames beyond the limits are refused before their pixels are decoded. */
    @Nested
    class Limits {

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesADecompressionBombFromItsHeader(FrameFormat format) {
            byte[] bomb = DecompressionBombs.of(format);
            int size = DecompressionBombs.size(format);

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(format, bomb)))
                    .isInstanceOf(FrameTooLarge.class)
                    .hasMessage("frame is " + size + "x" + size + " pixels; " + DEFAULT_LIMIT);
        }

        // The JPEG and BMP bombs' headers are not readable by ImageIO's readers (decode refuses them by its own
        // parse), and PGM has no header read: the admission reserves from its body length.
        @ParameterizedTest
        @EnumSource(
                value = FrameFormat.class,
                names = {"PNG", "GIF", "TIFF", "RAW_GRAY8"})
        void refusesADecompressionBombWhenOnlyItsHeaderIsRead(FrameFormat format) {
            EncodedFrame bomb = format == FrameFormat.RAW_GRAY8
                    ? EncodedFrame.rawGray8(new byte[64], 100_000, 100_000)
                    : EncodedFrame.of(format, DecompressionBombs.of(format));
            int size = format == FrameFormat.RAW_GRAY8 ? 100_000 : DecompressionBombs.size(format);

            assertThatThrownBy(() -> decoder.header(bomb))
                    .isInstanceOf(FrameTooLarge.class)
                    .hasMessage("frame is " + size + "x" + size + " pixels; " + DEFAULT_LIMIT);
        }

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesAFrameJustOverTheLimitWithoutAllocatingItsPixels(FrameFormat format) {
            com.sun.management.ThreadMXBean threads = allocationCounter();
            EncodedFrame encoded = EncodedFrame.of(format, DecompressionBombs.of(format, 8193, 8193));
            catchThrowable(() -> decoder.decode(encoded)); // warm up

            long before = threads.getCurrentThreadAllocatedBytes();
            Throwable refusal = catchThrowable(() -> decoder.decode(encoded));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(refusal).isInstanceOf(FrameTooLarge.class);
            // the pixels of 8193x8193 would take 67 MB at one byte per pixel
            assertThat(allocated).isLessThan(4L << 20);
        }

        @Test
        void refusesATiffWithSoManySamplesPerPixelThatItsRasterWouldExhaustTheHeap() {
            EncodedFrame encoded = EncodedFrame.of(FrameFormat.TIFF, DecompressionBombs.tiff(4096, 4096, 64));

            assertThatThrownBy(() -> decoder.decode(encoded))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessage("TIFF pixel layout with 64 samples and 512 bits per pixel is not supported");
        }

        @ParameterizedTest
        @EnumSource(FrameFormat.class)
        void refusesFramesOverConfiguredLimits(FrameFormat format) {
            FrameDecoder small =
                    FrameDecoders.create(new FrameLimits(FrameLimits.defaults().maxBodySize(), 40, 30, 1000));

            assertThat(small.decode(EncodedSamples.encoded(EncodedSamples.blobs(40, 25, 5), format))
                            .width())
                    .isEqualTo(40);
            assertThatThrownBy(() -> small.decode(EncodedSamples.encoded(EncodedSamples.blobs(41, 10, 5), format)))
                    .isInstanceOf(FrameTooLarge.class)
                    .hasMessage("frame is 41x10 pixels; the limit is 40x30 and 1000 pixels");
            assertThatThrownBy(() -> small.decode(EncodedSamples.encoded(EncodedSamples.blobs(10, 31, 5), format)))
                    .isInstanceOf(FrameTooLarge.class);
            assertThatThrownBy(() -> small.decode(EncodedSamples.encoded(EncodedSamples.blobs(40, 26, 5), format)))
                    .isInstanceOf(FrameTooLarge.class);
        }
    }

    /** Damaged, truncated or hostile bytes give a documented refusal. */
    @Nested
    class DamagedInput {

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesAFileCutInHalf(FrameFormat format) {
            byte[] whole = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), format);
            byte[] half = Arrays.copyOf(whole, whole.length / 2);

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(format, half)))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessageContaining("truncated");
        }

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesTheFileCutAtAnyPoint(FrameFormat format) {
            byte[] whole = EncodedSamples.encode(EncodedSamples.blobs(32, 24, 13), format);
            for (int cut = 0; cut < whole.length; cut += Math.max(1, whole.length / 97)) {
                EncodedFrame cutShort = EncodedFrame.of(format, Arrays.copyOf(whole, cut));

                assertThatThrownBy(() -> decoder.decode(cutShort))
                        .as("cut at %d of %d", cut, whole.length)
                        .isInstanceOf(UndecodableFrame.class);
            }
        }

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesAFileCutAfterItsHeader(FrameFormat format) {
            byte[] whole = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), format);
            int headerLength = format == FrameFormat.JPEG ? startOfScan(whole) : 40;
            byte[] head = Arrays.copyOf(whole, headerLength);

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(format, head)))
                    .isInstanceOf(UndecodableFrame.class);
        }

        @Test
        void refusesAPngWithAFlippedByte() {
            byte[] data = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), FrameFormat.PNG);
            data[data.length / 2] ^= 0x5A;

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.PNG, data)))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessageContaining("CRC mismatch in chunk IDAT");
        }

        @Test
        void refusesAJpegWithCorruptEntropyData() {
            byte[] data = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), FrameFormat.JPEG);
            for (int i = data.length - 200; i < data.length - 100; i++) {
                data[i] = (byte) 0xFF;
            }

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.JPEG, data)))
                    .isInstanceOf(UndecodableFrame.class);
        }

        @Test
        void refusesAGifWithCorruptLzwData() {
            byte[] data = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), FrameFormat.GIF);
            int lzw = lzwData(data);
            for (int i = lzw + 20; i < lzw + 60; i++) {
                data[i] = (byte) 0xFF;
            }

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.GIF, data)))
                    .isInstanceOf(UndecodableFrame.class);
        }

        @Test
        void refusesAGifWhoseLzwDataEndsEarly() {
            byte[] data = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), FrameFormat.GIF);
            int lzw = lzwData(data);
            data[lzw] = 40; // the first data sub-block is cut to 40 bytes and ends the data
            data[lzw + 41] = 0;

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.GIF, data)))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessageContaining("GIF image is truncated");
        }

        @Test
        void refusesABmpWithAnImpossibleBitDepth() {
            byte[] data = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), FrameFormat.BMP);
            data[28] = 7; // biBitCount

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.BMP, data)))
                    .isInstanceOf(UndecodableFrame.class);
        }

        @Test
        void refusesATiffWhoseDirectoryPointsOutsideTheFile() {
            byte[] data = EncodedSamples.encode(EncodedSamples.blobs(64, 48, 11), FrameFormat.TIFF);
            boolean littleEndian = data[0] == 'I';
            for (int i = 4; i < 8; i++) {
                data[i] = (byte) (littleEndian == (i == 7) ? 0x00 : 0x7F);
            }

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.TIFF, data)))
                    .isInstanceOf(UndecodableFrame.class);
        }

        @Test
        void namesTheFormatTheBodyLooksLikeWhenTheMagicBytesDoNotMatch() {
            byte[] jpeg = EncodedSamples.encode(EncodedSamples.blobs(16, 16, 1), FrameFormat.JPEG);

            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.PNG, jpeg)))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessage("body is not a PNG image (it looks like a JPEG image)");
            assertThatThrownBy(() -> decoder.decode(
                            EncodedFrame.of(FrameFormat.GIF, "hello".getBytes(StandardCharsets.US_ASCII))))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessage("body is not a GIF image");
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(FrameFormat.PGM, jpeg)))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessageStartingWith("body is not a binary PGM (P5) image");
        }

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesAnEmptyBody(FrameFormat format) {
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(format, new byte[0])))
                    .isInstanceOf(UndecodableFrame.class)
                    .hasMessage("body is empty");
        }

        @ParameterizedTest
        @EnumSource(
                value = FrameFormat.class,
                names = {"PNG", "JPEG", "BMP", "GIF", "TIFF"})
        void refusesRandomBytesAfterAValidSignature(FrameFormat format) {
            byte[] valid = EncodedSamples.encode(EncodedSamples.blobs(16, 16, 1), format);
            Random random = new Random(99);
            for (int trial = 0; trial < 50; trial++) {
                byte[] data = new byte[16 + random.nextInt(300)];
                random.nextBytes(data);
                System.arraycopy(valid, 0, data, 0, 8);
                EncodedFrame encoded = EncodedFrame.of(format, data);

                assertThatThrownBy(() -> decoder.decode(encoded))
                        .isInstanceOfAny(UndecodableFrame.class, FrameTooLarge.class);
            }
        }
    }

    /** Raw gray8 bodies, whose dimensions come with the request. */
    @Nested
    class RawGray8 {

        @Test
        void refusesRawFrameWhoseLengthDoesNotMatchItsDimensions() {
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.rawGray8(new byte[307_199], 640, 480)))
                    .isInstanceOf(InvalidFrameGeometry.class)
                    .hasMessage("expected 307200 bytes for 640x480, got 307199");
        }

        @Test
        void refusesRawFrameWithoutPositiveDimensionsNamingWhichIsWrong() {
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.rawGray8(new byte[0], 0, 10)))
                    .isInstanceOf(InvalidFrameGeometry.class)
                    .hasMessage("raw gray8 width must be positive, got 0x10");
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.rawGray8(new byte[10], 10, -1)))
                    .isInstanceOf(InvalidFrameGeometry.class)
                    .hasMessage("raw gray8 height must be positive, got 10x-1");
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.rawGray8(new byte[0], 0, 0)))
                    .isInstanceOf(InvalidFrameGeometry.class)
                    .hasMessageContaining("width and height");
        }

        @Test
        void refusesHugeRawDimensionsBeforeLookingAtTheLength() {
            assertThatThrownBy(() -> decoder.decode(EncodedFrame.rawGray8(new byte[4], 100_000, 100_000)))
                    .isInstanceOf(FrameTooLarge.class)
                    .hasMessage("frame is 100000x100000 pixels; " + DEFAULT_LIMIT);
        }
    }

    /** What holds for every format: the input is not modified, decoding is thread-safe. */
    @Nested
    class Contract {

        @ParameterizedTest
        @EnumSource(FrameFormat.class)
        void neverModifiesTheInput(FrameFormat format) {
            EncodedFrame encoded = EncodedSamples.encoded(EncodedSamples.blobs(50, 40, 8), format);
            byte[] before = encoded.data().clone();

            decoder.decode(encoded);

            assertThat(encoded.data()).isEqualTo(before);
        }

        @Test
        void decodesTheSameBytesToEqualFramesFromManyThreads() throws Exception {
            List<EncodedFrame> inputs = new ArrayList<>();
            for (FrameFormat format : FrameFormat.values()) {
                inputs.add(EncodedSamples.encoded(EncodedSamples.blobs(120, 90, format.ordinal()), format));
            }
            StageConcurrency.assertConcurrentCallsMatchSequentialOnes(inputs, decoder::decode);
        }
    }

    /** The offset just past the JPEG's SOS marker segment, where the entropy-coded data starts. */
    private static int startOfScan(byte[] jpeg) {
        int position = 2;
        while ((jpeg[position + 1] & 0xFF) != 0xDA) {
            position += 2 + ((jpeg[position + 2] & 0xFF) << 8 | jpeg[position + 3] & 0xFF);
        }
        return position + 2 + ((jpeg[position + 2] & 0xFF) << 8 | jpeg[position + 3] & 0xFF);
    }

    /** The offset of the first LZW data sub-block's length byte in a GIF without extensions before its image. */
    private static int lzwData(byte[] gif) {
        int position = 13;
        if ((gif[10] & 0x80) != 0) {
            position += 3 << ((gif[10] & 0x07) + 1);
        }
        while (gif[position] == 0x21) {
            position += 2;
            while (gif[position] != 0) {
                position += 1 + (gif[position] & 0xFF);
            }
            position++;
        }
        assertThat(gif[position]).as("image descriptor").isEqualTo((byte) 0x2C);
        int packed = gif[position + 9];
        position += 10;
        if ((packed & 0x80) != 0) {
            position += 3 << ((packed & 0x07) + 1);
        }
        return position + 1;
    }

    private static double meanAbsoluteError(Frame a, Frame b) {
        long sum = 0;
        for (int i = 0; i < a.pixelCount(); i++) {
            sum += Math.abs(a.luminance(i) - b.luminance(i));
        }
        return (double) sum / a.pixelCount();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static BufferedImage gray(Frame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(
                frame.gray(), 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, frame.pixelCount());
        return image;
    }

    private static BufferedImage indexedGray(Frame frame) {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        BufferedImage image = new BufferedImage(
                frame.width(),
                frame.height(),
                BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        System.arraycopy(
                frame.gray(), 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, frame.pixelCount());
        return image;
    }

    /** An 8-bit palette image holding exactly the colours of the given RGB image. */
    private static BufferedImage indexed(BufferedImage rgb) {
        int n = rgb.getWidth();
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int x = 0; x < n; x++) {
            int p = rgb.getRGB(x, 0);
            r[x] = (byte) (p >> 16);
            g[x] = (byte) (p >> 8);
            b[x] = (byte) p;
        }
        BufferedImage image =
                new BufferedImage(n, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
        for (int x = 0; x < n; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }
        return image;
    }

    private static byte[] sequence(String formatName, BufferedImage... images) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(formatName).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage image : images) {
                writer.writeToSequence(new IIOImage(image, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The admission reserves {@link FrameHeader#decodeWorkingSet()} before decoding; decoding must stay within it. */
    @Nested
    class WorkingSet {

        @ParameterizedTest
        @EnumSource(FrameFormat.class)
        void decodingAllocatesNoMoreThanTheWorkingSetItsHeaderReserves(FrameFormat format) {
            com.sun.management.ThreadMXBean threads = allocationCounter();
            Frame source = EncodedSamples.blobs(2048, 2048, 11);
            EncodedFrame encoded = EncodedSamples.encoded(source, format);
            long reserved = decoder.header(encoded).decodeWorkingSet();
            decoder.decode(encoded); // warm up

            long before = threads.getCurrentThreadAllocatedBytes();
            decoder.decode(encoded);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            // measured at 2048x2048: 24 bytes (raw) to the reservation + 170 KB (TIFF's strip buffers)
            assertThat(allocated).as("reserved %d", reserved).isLessThanOrEqualTo(reserved + (1L << 20));
        }
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        return threads;
    }
}
