package dev.framepipe.fuzz;

import dev.framepipe.frame.DecompressionBombs;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the fuzz tests' seed corpora under {@code src/test/resources/dev/framepipe/fuzz/}:
 * per format a small valid image (gray, and RGB where the format has it; for PNG also palette,
 * RGBA and 1-bit gray), the same cut in half, and a decompression bomb; for the detector a few seeded random inputs. Run once from
 * the project root to regenerate (see RELIABILITY.md); the files are committed.
 */
final class SeedCorpus {

    private SeedCorpus() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/framepipe/fuzz");
        Frame frame = EncodedSamples.blobs(24, 16, 11);
        for (FrameFormat format : FrameFormat.values()) {
            if (format == FrameFormat.RAW_GRAY8) {
                continue;
            }
            String name = format.name().charAt(0) + format.name().substring(1).toLowerCase(Locale.ROOT);
            Path dir = root.resolve("DecoderFuzzTestsInputs/fuzz" + name);
            Files.createDirectories(dir);
            byte[] valid = EncodedSamples.encode(frame, format);
            Files.write(dir.resolve("valid-gray"), valid);
            Files.write(dir.resolve("truncated"), Arrays.copyOf(valid, valid.length / 2));
            Files.write(dir.resolve("bomb"), DecompressionBombs.of(format));
            if (format != FrameFormat.GIF && format != FrameFormat.PGM) {
                Files.write(dir.resolve("valid-rgb"), EncodedSamples.encodeAsRgb(frame, format));
            }
        }
        Path png = root.resolve("DecoderFuzzTestsInputs/fuzzPng");
        Files.write(
                png.resolve("valid-palette"), EncodedSamples.write(colours(BufferedImage.TYPE_BYTE_INDEXED), "png"));
        Files.write(png.resolve("valid-rgba"), EncodedSamples.write(colours(BufferedImage.TYPE_4BYTE_ABGR), "png"));
        Files.write(
                png.resolve("valid-gray-1bit"), EncodedSamples.write(colours(BufferedImage.TYPE_BYTE_BINARY), "png"));
        Path raw = root.resolve("DecoderFuzzTestsInputs/fuzzRawGray8");
        Files.createDirectories(raw);
        ByteBuffer header =
                ByteBuffer.allocate(4 + frame.pixelCount()).putShort((short) 24).putShort((short) 16);
        Files.write(raw.resolve("valid"), header.put(frame.gray()).array());
        Files.write(raw.resolve("short"), Arrays.copyOf(header.array(), 40));

        Path detector = root.resolve("DetectorFuzzTestsInputs/fuzzDetector");
        Files.createDirectories(detector);
        Random random = new Random(5);
        for (int i = 0; i < 4; i++) {
            byte[] seed = new byte[64 + 256 * i];
            random.nextBytes(seed);
            Files.write(detector.resolve("random-" + i), seed);
        }
        byte[] blobs = EncodedSamples.blobs(32, 32, 3).gray();
        Files.write(detector.resolve("blobs"), Arrays.copyOf(blobs, blobs.length + 16));
    }

    /** A 24x16 image of seeded random colours (and alpha) in the given type. */
    private static BufferedImage colours(int type) {
        BufferedImage image = new BufferedImage(24, 16, type);
        Random random = new Random(17);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }
}
