package dev.framepipe.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.detection.Box;
import dev.framepipe.frame.Frame;
import dev.framepipe.geometry.Point;
import dev.framepipe.pipeline.FrameReport;
import dev.framepipe.stats.Outcome;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The annotated PNG: frame size kept, boxes in class colours, labels inside the image and apart. */
class FrameAnnotatorTests {

    private static final List<String> CLASSES = List.of("round", "elongated", "rectangular", "irregular");
    /** A fixed-width stand-in for font metrics: 7 px per character, 12 px high. */
    private static final ToIntFunction<String> TEXT_WIDTH = text -> 7 * text.length();

    private static final int TEXT_HEIGHT = 12;

    private static FrameReport.ObjectReport object(int id, Box box, String label, boolean touchesBorder) {
        return new FrameReport.ObjectReport(
                id,
                box,
                new Point(box.x() + box.width() / 2.0, box.y() + box.height() / 2.0),
                (long) box.width() * box.height(),
                2.0 * (box.width() + box.height()),
                touchesBorder,
                null,
                label,
                label == null ? null : 0.87,
                null);
    }

    private static FrameReport report(int width, int height, List<FrameReport.ObjectReport> objects) {
        return new FrameReport(
                "f",
                "s",
                width,
                height,
                Outcome.OK,
                128,
                "BRIGHT",
                objects.size(),
                false,
                Map.of(),
                objects,
                Map.of("total", 1L),
                List.of(),
                "OTSU",
                "BORDER",
                Map.of(),
                null);
    }

    private static List<FrameReport.ObjectReport> randomObjects(long seed, int count, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed);
        List<FrameReport.ObjectReport> objects = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            int w = random.nextInt(3, Math.min(40, width));
            int h = random.nextInt(3, Math.min(40, height));
            int x = random.nextInt(0, width - w + 1);
            int y = random.nextInt(0, height - h + 1);
            String label = random.nextInt(10) == 0 ? null : CLASSES.get(random.nextInt(CLASSES.size()));
            objects.add(object(id, new Box(x, y, w, h), label, x == 0 || y == 0));
        }
        return objects;
    }

    @ParameterizedTest
    @CsvSource({"1, 5, 320, 240", "2, 60, 320, 240", "3, 400, 320, 240", "4, 30, 64, 48", "5, 2000, 1920, 1080"})
    void labelsStayInsideTheImageAndNeverOverlap(long seed, int count, int width, int height) {
        FrameReport report = report(width, height, randomObjects(seed, count, width, height));
        FrameAnnotator.Style style = FrameAnnotator.Style.forFrame(width, height);

        List<FrameAnnotator.Label> labels =
                FrameAnnotator.layout(report, width, height, style, TEXT_WIDTH, TEXT_HEIGHT);

        Rectangle image = new Rectangle(0, 0, width, height);
        assertThat(labels)
                .isNotEmpty()
                .allSatisfy(l ->
                        assertThat(image.contains(l.bounds())).as(l.toString()).isTrue());
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).bounds().intersects(labels.get(j).bounds()))
                        .as("%s and %s", labels.get(i), labels.get(j))
                        .isFalse();
            }
        }
        assertThat(new HashSet<>(
                        labels.stream().map(FrameAnnotator.Label::objectId).toList()))
                .hasSameSizeAs(labels);
    }

    @Test
    void givesEveryObjectOfASparseFrameItsClassAndConfidence() {
        List<FrameReport.ObjectReport> objects = List.of(
                object(1, new Box(0, 0, 30, 30), "round", true),
                object(2, new Box(200, 40, 60, 20), "elongated", false),
                object(3, new Box(100, 200, 25, 25), "rectangular", false),
                object(4, new Box(600, 440, 40, 40), null, true));
        List<FrameAnnotator.Label> labels = FrameAnnotator.layout(
                report(640, 480, objects), 640, 480, FrameAnnotator.Style.forFrame(640, 480), TEXT_WIDTH, TEXT_HEIGHT);

        assertThat(labels)
                .extracting(FrameAnnotator.Label::text)
                .containsExactlyInAnyOrder("round 87%", "elongated 87%", "rectangular 87%", "#4 ?");
        assertThat(labels)
                .filteredOn(l -> l.objectId() == 2)
                .singleElement()
                .satisfies(l -> assertThat(l.colour()).isEqualTo(FrameAnnotator.CLASS_COLOURS.get("elongated")));
    }

    @Test
    void fallsBackToTheObjectIdWhenTheFullLabelHasNoRoom() {
        // A 40-pixel-wide frame has no room for "rectangular 87%" (105 px wide) anywhere.
        List<FrameReport.ObjectReport> objects = List.of(object(7, new Box(10, 10, 20, 20), "rectangular", false));
        List<FrameAnnotator.Label> labels = FrameAnnotator.layout(
                report(40, 40, objects), 40, 40, FrameAnnotator.Style.forFrame(40, 40), TEXT_WIDTH, TEXT_HEIGHT);

        assertThat(labels).extracting(FrameAnnotator.Label::text).containsExactly("#7");
    }

    @Test
    void drawsEachBoxInItsClassColourJustOutsideTheObject() throws IOException {
        int width = 200;
        int height = 150;
        byte[] gray = new byte[width * height];
        Box box = new Box(80, 60, 30, 20);
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            for (int x = box.x(); x < box.x() + box.width(); x++) {
                gray[y * width + x] = (byte) 200;
            }
        }
        Frame frame = new Frame(width, height, gray);
        FrameReport report = report(width, height, List.of(object(1, box, "round", false)));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(new FrameAnnotator().annotate(frame, report)));

        Rectangle outline = FrameAnnotator.outline(
                box, FrameAnnotator.Style.forFrame(width, height).stroke());
        int midY = box.y() + box.height() / 2;
        assertThat(image.getRGB(outline.x, midY) & 0xFFFFFF)
                .isEqualTo(FrameAnnotator.CLASS_COLOURS.get("round").getRGB() & 0xFFFFFF);
        assertThat(image.getRGB(outline.x + outline.width, midY) & 0xFFFFFF)
                .isEqualTo(FrameAnnotator.CLASS_COLOURS.get("round").getRGB() & 0xFFFFFF);
        for (int x = box.x(); x < box.x() + box.width(); x++) {
            assertThat(image.getRGB(x, midY) & 0xFFFFFF)
                    .as("object pixel %d", x)
                    .isEqualTo(0xC8C8C8);
        }
    }

    @ParameterizedTest
    @CsvSource({"24, 16", "320, 240", "4000, 3000"})
    void keepsTheFrameSize(int width, int height) throws IOException {
        Frame frame = new Frame(width, height, new byte[width * height]);
        FrameReport report = report(width, height, randomObjects(9, 3, width, height));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(new FrameAnnotator().annotate(frame, report)));

        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @Test
    void growsTextAndStrokesWithTheFrame() {
        FrameAnnotator.Style small = FrameAnnotator.Style.forFrame(64, 48);
        FrameAnnotator.Style vga = FrameAnnotator.Style.forFrame(640, 480);
        FrameAnnotator.Style large = FrameAnnotator.Style.forFrame(4000, 3000);

        assertThat(small.fontSize()).isEqualTo(9);
        assertThat(vga.fontSize()).isBetween(12, 16);
        assertThat(large.fontSize()).isBetween(30, 40);
        assertThat(large.stroke()).isGreaterThan(small.stroke());
    }
}
