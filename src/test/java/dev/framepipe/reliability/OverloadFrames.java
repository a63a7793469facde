package dev.framepipe.reliability;

import dev.framepipe.testing.SyntheticFrames;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The frames of the overload runs ({@code scripts/overload.sh}, {@code scripts/no-collapse.sh} and
 * {@code PackagedOverloadIT}), as bodies ready to post: {@code png} (a 4096x4096 gray scene of 300 objects
 * with sensor noise, about 9 MB), {@code raw} (the same frame raw, 16 MB), {@code noise} (4096x4096 uniform
 * random noise: half the pixels are object pixels, millions of runs), {@code jpeg} (the scene as a 4096x4096
 * colour JPEG) and {@code small} (a 640x480 scene, raw). Deterministic (fixed seeds).
 *
 * <p>{@link #main} writes them for the scripts as {@code frame4k.png}, {@code raw4k.gray}, {@code noise4k.gray},
 * {@code large.jpg} and {@code small.gray}:
 *
 * <pre>java -cp target/test-classes:target/classes dev.framepipe.reliability.OverloadFrames DIR</pre>
 */
public record OverloadFrames(byte[] png, byte[] raw, byte[] noise, byte[] jpeg, byte[] small) {

    /** Side of the large frames. */
    public static final int LARGE = 4096;

    public static final int SMALL_WIDTH = 640;
    public static final int SMALL_HEIGHT = 480;

    /** Generates the five bodies (a few seconds: the 4096x4096 scene, its PNG and its JPEG). */
    public static OverloadFrames generate() {
        byte[] gray = SyntheticFrames.builder(LARGE, LARGE)
                .seed(15)
                .objects(300)
                .sizeRange(30, 100)
                .noise(3)
                .build()
                .frame()
                .gray();
        BufferedImage image = new BufferedImage(LARGE, LARGE, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, LARGE, LARGE, gray);
        BufferedImage colour = new BufferedImage(LARGE, LARGE, BufferedImage.TYPE_3BYTE_BGR);
        colour.getGraphics().drawImage(image, 0, 0, null);
        byte[] noise = new byte[LARGE * LARGE];
        new Random(15).nextBytes(noise);
        byte[] small = SyntheticFrames.builder(SMALL_WIDTH, SMALL_HEIGHT)
                .seed(15)
                .objects(12)
                .sizeRange(10, 40)
                .noise(3)
                .build()
                .frame()
                .gray();
        return new OverloadFrames(encode(image, "png"), gray, noise, encode(colour, "jpeg"), small);
    }

    /** Writes the bodies under the file names the scripts post. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("raw4k.gray"), raw);
        Files.write(dir.resolve("frame4k.png"), png);
        Files.write(dir.resolve("large.jpg"), jpeg);
        Files.write(dir.resolve("noise4k.gray"), noise);
        Files.write(dir.resolve("small.gray"), small);
    }

    public static void main(String[] args) throws IOException {
        generate().writeTo(Path.of(args.length > 0 ? args[0] : "target/overload"));
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
