package dev.framepipe.bench;

import dev.framepipe.frame.Frame;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import java.util.Random;

/**
 * The benchmark frames, named {@code WIDTHxHEIGHT/OBJECTS} or {@code WIDTHxHEIGHT/noisy}, all from the
 * seeded synthetic generator the tests use, so every run measures the same pixels.
 *
 * <ul>
 *   <li>{@code 640x480/30}, {@code 1920x1080/30}, {@code .../300}: objects of every kind, size 12..60
 *       (8..24 for 300 objects at 640x480, where larger ones do not fit), bright on dark, sensor noise
 *       sigma 3 and a 10-level background ramp, as a camera over a belt would see them;</li>
 *   <li>{@code 640x480/noisy}: 30 objects under heavy noise (sigma 40), which the global threshold
 *       breaks into thousands of speckle components: the labeler's bad case;</li>
 *   <li>{@code 4096x4096/uniform}: uniform random bytes (seeded), half the pixels on each side of the threshold:
 *       labeling stops at {@code max-runs}, and the rows it labelled are one object riddled with holes (the
 *       frame of issue 15's noise workload).</li>
 * </ul>
 */
public final class Scenes {

    private Scenes() {}

    /** The frame for a scene name; see the class comment. */
    public static Frame frame(String name) {
        String[] parts = name.split("/");
        String[] size = parts[0].split("x");
        int width = Integer.parseInt(size[0]);
        int height = Integer.parseInt(size[1]);
        if (parts[1].equals("uniform")) {
            byte[] gray = new byte[width * height];
            new Random(42).nextBytes(gray);
            return new Frame(width, height, gray);
        }
        SyntheticFrames.Builder builder = SyntheticFrames.builder(width, height)
                .seed(42)
                .kinds(PaintedShape.solid())
                .gradient(10);
        if (parts[1].equals("noisy")) {
            return builder.objects(30).noise(40).build().frame();
        }
        int objects = Integer.parseInt(parts[1]);
        boolean crowded = (long) objects * 60 * 60 * 2 > (long) width * height;
        return builder.objects(objects)
                .sizeRange(crowded ? 8 : 12, crowded ? 24 : 60)
                .noise(3)
                .build()
                .frame();
    }

    /** Frame size in megapixels. */
    public static double megapixels(Frame frame) {
        return frame.pixelCount() / 1e6;
    }
}
