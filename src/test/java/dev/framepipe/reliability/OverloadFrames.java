package dev.framepipe.reliability;

import dev.framepipe.frame.Frame;
import dev.framepipe.testing.SyntheticFrames;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes the frames of {@code scripts/overload.sh}: {@code frame4k.png} (a 4096x4096 gray scene of
 * 300 objects with sensor noise, about 9 MB), {@code raw4k.gray} (the same frame raw, 16 MB),
 * {@code noise4k.gray} (4096x4096 uniform random noise: half the pixels are object pixels, millions of
 * runs), {@code large.jpg} (the scene as a 4096x4096 colour JPEG) and {@code small.gray} (a 640x480
 * scene, raw). Deterministic (fixed seeds).
 *
 * <pre>java -cp target/test-classes:target/classes dev.framepipe.reliability.OverloadFrames DIR</pre>
 */
public final class OverloadFrames {

    private OverloadFrames() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/overload");
        Files.createDirectories(dir);
        Frame scene = SyntheticFrames.builder(4096, 4096)
                .seed(15)
                .objects(300)
                .sizeRange(30, 100)
                .noise(3)
                .build()
                .frame();
        byte[] gray = scene.gray();
        Files.write(dir.resolve("raw4k.gray"), gray);
        BufferedImage image = new BufferedImage(4096, 4096, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 4096, 4096, gray);
        ImageIO.write(image, "png", dir.resolve("frame4k.png").toFile());
        BufferedImage colour = new BufferedImage(4096, 4096, BufferedImage.TYPE_3BYTE_BGR);
        colour.getGraphics().drawImage(image, 0, 0, null);
        ImageIO.write(colour, "jpeg", dir.resolve("large.jpg").toFile());
        byte[] noise = new byte[4096 * 4096];
        new Random(15).nextBytes(noise);
        Files.write(dir.resolve("noise4k.gray"), noise);
        Files.write(
                dir.resolve("small.gray"),
                SyntheticFrames.builder(640, 480)
                        .seed(15)
                        .objects(12)
                        .sizeRange(10, 40)
                        .noise(3)
                        .build()
                        .frame()
                        .gray());
    }
}
