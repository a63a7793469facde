package dev.framepipe.web;

import dev.framepipe.frame.Frame;
import dev.framepipe.pipeline.FrameReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders a frame with its objects' boxes, coloured by class, and readable labels that stay
 * inside the image. Thread-safe (no state).
 */
class FrameAnnotator {

    /** Colour per class; colour-blind-safe (Okabe and Ito 2008). */
    static final Map<String, Color> CLASS_COLOURS = Map.of(
            "round", new Color(0x00, 0x9E, 0x73),
            "elongated", new Color(0xE6, 0x9F, 0x00),
            "rectangular", new Color(0x56, 0xB4, 0xE9),
            "irregular", new Color(0xCC, 0x79, 0xA7));
    private static final Color UNKNOWN = new Color(0xD5, 0x5E, 0x00);
    private static final List<String> ORDER = List.of("round", "elongated", "rectangular", "irregular");

    byte[] annotate(Frame frame, FrameReport report) {
        int w = frame.width();
        int h = frame.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = frame.luminance(x, y);
                row[x] = (v << 16) | (v << 8) | v;
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float scale = Math.max(1f, Math.min(w, h) / 480f);
            g.setStroke(new BasicStroke(Math.max(1f, 1.5f * scale)));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(11 * scale)));
            FontMetrics metrics = g.getFontMetrics();
            for (FrameReport.ObjectReport object : report.objects()) {
                Color colour = colourOf(object.label());
                g.setColor(colour);
                g.drawRect(object.box().x(), object.box().y(), object.box().width() - 1, object.box().height() - 1);
                String text = object.label() == null ? "#" + object.id()
                        : String.format(Locale.ROOT, "%s %.0f%%", object.label(), 100 * object.confidence());
                drawLabel(g, metrics, text, colour, object, w, h);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 2);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void drawLabel(Graphics2D g, FontMetrics metrics, String text, Color colour,
            FrameReport.ObjectReport object, int width, int height) {
        int tw = metrics.stringWidth(text) + 4;
        int th = metrics.getHeight();
        int x = Math.max(0, Math.min(object.box().x(), width - tw));
        int y = object.box().y() - th;
        if (y < 0) {
            y = Math.min(height - th, object.box().y() + object.box().height());
        }
        y = Math.max(0, y);
        g.setColor(colour);
        g.fillRect(x, y, tw, th);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 2, y + metrics.getAscent());
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
