package dev.framepipe.annotation;

import dev.framepipe.detection.Box;
import dev.framepipe.frame.Frame;
import dev.framepipe.pipeline.FrameReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a frame, at its own size, with its objects' boxes coloured by class and labels that
 * stay inside the image and never cover one another.
 * <p>
 * Boxes are drawn just outside the object's bounding box with a dark halo, so they show on
 * bright and dark backgrounds and leave the object's pixels visible; a box is dashed when the
 * object touches the frame's border (its size may be cut). Labels ({@code class 97%}) are
 * placed greedily, largest object first, at the first of a few positions around the box that
 * is inside the image and free of earlier labels, preferring positions that cover no other
 * box; when none is free the label shrinks to the object's id ({@code #12}, as in the JSON
 * report), and when that does not fit either it is left out. Text and stroke sizes grow with
 * the square root of the frame's smaller side, so labels are readable from 64 to 8192 pixels.
 * Thread-safe (no state).
 */
public class FrameAnnotator {

    /** Colour per class; colour-blind-safe (Okabe and Ito 2008). */
    static final Map<String, Color> CLASS_COLOURS = Map.of(
            "round", new Color(0x00, 0x9E, 0x73),
            "elongated", new Color(0xE6, 0x9F, 0x00),
            "rectangular", new Color(0x56, 0xB4, 0xE9),
            "irregular", new Color(0xCC, 0x79, 0xA7));

    private static final Color UNKNOWN = new Color(0xD5, 0x5E, 0x00);
    private static final Color HALO = new Color(0, 0, 0, 170);
    private static final Logger log = LoggerFactory.getLogger(FrameAnnotator.class);
    private static volatile boolean fontsMissingLogged;
    private static final List<String> ORDER = List.of("round", "elongated", "rectangular", "irregular");

    /** Sizes in pixels for a frame: label font, box stroke and label padding. */
    record Style(int fontSize, int stroke, int padding) {

        static Style forFrame(int width, int height) {
            double grow = Math.sqrt(Math.min(width, height) / 240.0);
            int font = (int) Math.round(Math.max(9, Math.min(40, 10 * grow)));
            return new Style(font, Math.max(1, Math.round(font / 9f)), Math.max(1, font / 6));
        }
    }

    /** A label placed on the image: its object, text, colour and rectangle (inside the image). */
    record Label(int objectId, String text, Color colour, Rectangle bounds) {}

    public byte[] annotate(Frame frame, FrameReport report) {
        BufferedImage image = grayImage(frame);
        Graphics2D g = image.createGraphics();
        try {
            Style style = Style.forFrame(frame.width(), frame.height());
            for (FrameReport.ObjectReport object : report.objects()) {
                drawBox(g, object, style);
            }
            try {
                drawLabels(g, report, frame, style);
            } catch (RuntimeException | InternalError | LinkageError e) {
                // A JRE without fonts (no fontconfig in a slim image) still gets the boxes.
                if (!fontsMissingLogged) {
                    fontsMissingLogged = true;
                    log.warn(
                            "Cannot draw labels on annotated frames (no usable font: {}); drawing boxes only",
                            e.toString());
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.width() * frame.height() / 2 + 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawLabels(Graphics2D g, FrameReport report, Frame frame, Style style) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, style.fontSize()));
        FontMetrics metrics = g.getFontMetrics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (Label label : layout(
                report,
                frame.width(),
                frame.height(),
                style,
                metrics::stringWidth,
                metrics.getAscent() + metrics.getDescent())) {
            Rectangle r = label.bounds();
            g.setColor(HALO);
            g.fillRect(r.x, r.y, r.width, r.height);
            g.setColor(label.colour());
            g.fillRect(r.x + 1, r.y + 1, r.width - 2, r.height - 2);
            g.setColor(Color.BLACK);
            g.drawString(label.text(), r.x + style.padding() + 1, r.y + 1 + metrics.getAscent());
        }
    }

    private static BufferedImage grayImage(Frame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int v = frame.luminance(i);
            pixels[i] = (v << 16) | (v << 8) | v;
        }
        return image;
    }

    private static void drawBox(Graphics2D g, FrameReport.ObjectReport object, Style style) {
        Rectangle outline = outline(object.box(), style.stroke());
        Stroke line = object.touchesBorder()
                ? new BasicStroke(
                        style.stroke(),
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {3f * style.stroke() + 2, 2f * style.stroke() + 1},
                        0f)
                : new BasicStroke(style.stroke(), BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER);
        g.setColor(HALO);
        g.setStroke(new BasicStroke(style.stroke() + 2f, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
        g.drawRect(outline.x, outline.y, outline.width, outline.height);
        g.setColor(colourOf(object.label()));
        g.setStroke(line);
        g.drawRect(outline.x, outline.y, outline.width, outline.height);
    }

    /** The rectangle whose stroke of the given width, with its one-pixel halo, lies just outside the box. */
    static Rectangle outline(Box box, int stroke) {
        int offset = (stroke + 2) / 2 + 1;
        return new Rectangle(
                box.x() - offset, box.y() - offset, box.width() - 1 + 2 * offset, box.height() - 1 + 2 * offset);
    }

    /** Where each label goes; visible for tests. Labels are inside the image and never overlap. */
    static List<Label> layout(
            FrameReport report, int width, int height, Style style, ToIntFunction<String> textWidth, int textHeight) {
        List<FrameReport.ObjectReport> objects = new ArrayList<>(report.objects());
        objects.sort(Comparator.comparingLong((FrameReport.ObjectReport o) -> o.area())
                .reversed()
                .thenComparingInt(FrameReport.ObjectReport::id));
        int cell = Math.max(32, 4 * textHeight);
        Grid boxes = new Grid(width, height, cell);
        for (FrameReport.ObjectReport object : report.objects()) {
            boxes.add(outline(object.box(), style.stroke()));
        }
        Grid labels = new Grid(width, height, cell);
        List<Label> placed = new ArrayList<>();
        int labelHeight = textHeight + 2;
        for (FrameReport.ObjectReport object : objects) {
            for (String text : List.of(fullText(object), "#" + object.id())) {
                int labelWidth = textWidth.applyAsInt(text) + 2 * style.padding() + 2;
                if (labelWidth > width || labelHeight > height) {
                    continue;
                }
                Rectangle best = place(
                        outline(object.box(), style.stroke()), labelWidth, labelHeight, width, height, labels, boxes);
                if (best != null) {
                    labels.add(best);
                    placed.add(new Label(object.id(), text, colourOf(object.label()), best));
                    break;
                }
            }
        }
        return placed;
    }

    private static Rectangle place(Rectangle box, int w, int h, int width, int height, Grid labels, Grid boxes) {
        int[][] corners = {
            {box.x, box.y - h}, // above, left-aligned
            {box.x, box.y + box.height + 1}, // below, left-aligned
            {box.x + box.width + 1 - w, box.y - h}, // above, right-aligned
            {box.x + box.width + 1 - w, box.y + box.height + 1}, // below, right-aligned
            {box.x + box.width + 1, box.y}, // right, top-aligned
            {box.x - w, box.y}, // left, top-aligned
            {box.x, box.y}, // inside, top-left
        };
        Rectangle best = null;
        long bestCover = Long.MAX_VALUE;
        for (int[] corner : corners) {
            Rectangle r = new Rectangle(clamp(corner[0], 0, width - w), clamp(corner[1], 0, height - h), w, h);
            if (labels.anyIntersects(r)) {
                continue;
            }
            long cover = boxes.coveredArea(r, box);
            if (cover < bestCover) {
                best = r;
                bestCover = cover;
                if (cover == 0) {
                    break;
                }
            }
        }
        return best;
    }

    /** Rectangles bucketed by the square cells they touch, so crowded frames lay out in near-linear time. */
    private static final class Grid {

        private final int cell;
        private final int columns;
        private final int rows;
        private final List<List<Rectangle>> cells;

        Grid(int width, int height, int cell) {
            this.cell = cell;
            this.columns = Math.max(1, (width + cell - 1) / cell);
            this.rows = Math.max(1, (height + cell - 1) / cell);
            this.cells = new ArrayList<>(columns * rows);
            for (int i = 0; i < columns * rows; i++) {
                cells.add(new ArrayList<>(2));
            }
        }

        void add(Rectangle r) {
            forCells(r, list -> list.add(r));
        }

        boolean anyIntersects(Rectangle r) {
            boolean[] found = {false};
            forCells(r, list -> {
                for (Rectangle other : list) {
                    found[0] |= other.intersects(r);
                }
            });
            return found[0];
        }

        /** Area of {@code r} covered by the stored rectangles other than {@code own} (overlaps counted once per rectangle). */
        long coveredArea(Rectangle r, Rectangle own) {
            Set<Rectangle> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            long[] area = {0};
            forCells(r, list -> {
                for (Rectangle other : list) {
                    if (!other.equals(own) && seen.add(other)) {
                        Rectangle common = other.intersection(r);
                        area[0] += common.isEmpty() ? 0 : (long) common.width * common.height;
                    }
                }
            });
            return area[0];
        }

        private void forCells(Rectangle r, Consumer<List<Rectangle>> action) {
            int x0 = clamp(Math.floorDiv(r.x, cell), 0, columns - 1);
            int x1 = clamp(Math.floorDiv(r.x + r.width - 1, cell), 0, columns - 1);
            int y0 = clamp(Math.floorDiv(r.y, cell), 0, rows - 1);
            int y1 = clamp(Math.floorDiv(r.y + r.height - 1, cell), 0, rows - 1);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    action.accept(cells.get(y * columns + x));
                }
            }
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static String fullText(FrameReport.ObjectReport object) {
        if (object.label() == null) {
            return "#" + object.id() + " ?";
        }
        return object.confidence() == null
                ? object.label()
                : String.format(Locale.ROOT, "%s %.0f%%", object.label(), 100 * object.confidence());
    }

    static Color colourOf(String label) {
        if (label == null) {
            return UNKNOWN;
        }
        Color known = CLASS_COLOURS.get(label);
        return known != null ? known : Color.getHSBColor((Math.floorMod(label.hashCode(), 360)) / 360f, 0.7f, 0.95f);
    }

    static List<String> knownClasses() {
        return ORDER;
    }
}
