package dev.framepipe.frame;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The {@link FrameDecoder}: PNG, JPEG, BMP, GIF and TIFF through the JDK's ImageIO readers,
 * binary PGM and raw gray8 by hand; the common non-interlaced 8-bit and palette PNG layouts by
 * {@link InflatingPngDecoder} when enabled, which hands everything else (and every doubtful file)
 * back to the ImageIO path below.
 *
 * <p>For ImageIO formats the magic bytes are checked first, then the reader is asked for the
 * first image's width and height (which parses the header only; BMP and JPEG headers are also
 * read by {@link HeaderDimensions}) and those are checked against the {@link FrameLimits}; the pixels are decoded only afterwards, so a decompression bomb is
 * refused without allocating its pixel buffer. A warning from a reader (libjpeg reports a
 * truncated JPEG as "Premature end of JPEG file" and fills the rest with gray) is treated as
 * an error, as is any exception a reader throws. Multi-image GIF and TIFF yield their first
 * image. Colour is converted to luminance by {@link Luminance} (ITU-R BT.601).
 *
 * <p>Thread-safe: each call creates its own {@link ImageReader} from a provider looked up once.
 */
final class ImageIoFrameDecoder implements FrameDecoder {

    private static final int MAX_BANDS = 5;
    private static final int MAX_BITS_PER_PIXEL = 64;

    private final FrameLimits limits;
    private final InflatingPngDecoder png;
    private final Map<FrameFormat, ImageReaderSpi> providers = new EnumMap<>(FrameFormat.class);

    /**
     * @param limits      the dimension limits to enforce
     * @param inflatePng  whether PNG layouts {@link InflatingPngDecoder} handles go through it
     *                    ({@code false} sends every PNG through ImageIO: the reference path)
     */
    ImageIoFrameDecoder(FrameLimits limits, boolean inflatePng) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.png = inflatePng ? new InflatingPngDecoder(limits) : null;
        for (FrameFormat format : FrameFormat.values()) {
            if (format != FrameFormat.PGM && format != FrameFormat.RAW_GRAY8) {
                Iterator<ImageReader> readers =
                        ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
                if (readers.hasNext()) {
                    ImageReader reader = readers.next();
                    providers.put(format, reader.getOriginatingProvider());
                    reader.dispose();
                }
            }
        }
    }

    /** The header, refused (413) when its dimensions exceed the limits, before any admission is spent on it. */
    @Override
    public FrameHeader header(EncodedFrame encoded) {
        FrameHeader header = FrameHeaders.read(encoded);
        if (header.known() && !limits.admits(header.width(), header.height())) {
            throw FrameTooLarge.ofDimensions(header.width(), header.height(), limits);
        }
        return header;
    }

    @Override
    public Frame decode(EncodedFrame encoded) {
        Objects.requireNonNull(encoded, "encoded");
        return switch (encoded.format()) {
            case RAW_GRAY8 -> raw(encoded.data(), encoded.width(), encoded.height());
            case PGM -> Pgm.decode(encoded.data(), limits);
            default -> imageIo(encoded.format(), encoded.data());
        };
    }

    private Frame raw(byte[] data, int width, int height) {
        if (width < 1 || height < 1) {
            String which = width < 1 && height < 1 ? "width and height" : width < 1 ? "width" : "height";
            throw new InvalidFrameGeometry("raw gray8 " + which + " must be positive, got " + width + "x" + height);
        }
        if (!limits.admits(width, height)) {
            throw FrameTooLarge.ofDimensions(width, height, limits);
        }
        long expected = (long) width * height;
        if (data.length != expected) {
            throw new InvalidFrameGeometry(
                    "expected " + expected + " bytes for " + width + "x" + height + ", got " + data.length);
        }
        return Frame.adopt(width, height, data);
    }

    private Frame imageIo(FrameFormat format, byte[] data) {
        if (data.length == 0) {
            throw new UndecodableFrame("body is empty");
        }
        if (!Signatures.matches(format, data)) {
            throw new UndecodableFrame(Signatures.mismatch(format, data));
        }
        if (format == FrameFormat.PNG && png != null) {
            Frame frame = png.decode(data);
            if (frame != null) {
                return frame;
            }
        }
        HeaderDimensions.Dimensions declared = HeaderDimensions.of(format, data).orElse(null);
        if (declared != null && declared.positive() && !limits.admits(declared.width(), declared.height())) {
            throw FrameTooLarge.ofDimensions(declared.width(), declared.height(), limits);
        }
        ImageReaderSpi provider = providers.get(format);
        if (provider == null) {
            throw new UnsupportedFrameFormat("no ImageIO reader for " + format.mediaType());
        }
        ImageReader reader;
        try {
            reader = provider.createReaderInstance();
        } catch (IOException e) {
            throw new UnsupportedFrameFormat("cannot create an ImageIO reader for " + format.mediaType(), e);
        }
        Warnings warnings = new Warnings();
        reader.addIIOReadWarningListener(warnings);
        try (ImageInputStream input = new ByteArrayImageInputStream(data)) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new UndecodableFrame(format.name() + " header declares " + width + "x" + height + " pixels");
            }
            if (!limits.admits(width, height)) {
                throw FrameTooLarge.ofDimensions(width, height, limits);
            }
            if (reader.isImageTiled(0) && !limits.admits(reader.getTileWidth(0), reader.getTileHeight(0))) {
                throw new FrameTooLarge(format.name() + " tiles are " + reader.getTileWidth(0) + "x"
                        + reader.getTileHeight(0) + " pixels; the limit is " + limits.maxWidth() + "x"
                        + limits.maxHeight() + " and " + limits.maxPixels() + " pixels");
            }
            checkPixelLayout(format, reader);
            if (format == FrameFormat.PNG) {
                PngChunks.verify(data);
            }
            RowCounter rows = new RowCounter();
            if (format == FrameFormat.GIF) {
                reader.addIIOReadUpdateListener(rows);
            }
            Checkpoints checkpoints = new Checkpoints();
            reader.addIIOReadProgressListener(checkpoints);
            BufferedImage image = reader.read(0);
            checkpoints.throwIfAbandoned();
            warnings.throwIfAny(format);
            if (format == FrameFormat.GIF && rows.count < height) {
                throw new UndecodableFrame(
                        "GIF image is truncated: its LZW data ends after " + rows.count + " of " + height + " rows");
            }
            if (image.getWidth() != width || image.getHeight() != height) {
                throw new UndecodableFrame(format.name() + " header declares " + width + "x" + height
                        + " pixels but the image is " + image.getWidth() + "x" + image.getHeight());
            }
            return Frame.adopt(width, height, Luminance.of(image));
        } catch (FrameTooLarge | UndecodableFrame | UnsupportedFrameFormat | WorkCheckpoint.Abandoned e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw undecodable(format, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Refuses pixel layouts wider than 16-bit RGBA (8 bytes per pixel): a TIFF header may declare
     * up to 1024 samples per pixel, which would multiply an admitted frame's raster a hundredfold.
     */
    private static void checkPixelLayout(FrameFormat format, ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            throw new UndecodableFrame(format.name() + " image has no pixel layout the reader can decode");
        }
        int bands = type.getNumBands();
        long bits = 0;
        for (int band = 0; band < bands; band++) {
            bits += type.getBitsPerBand(band);
        }
        if (bands > MAX_BANDS || bits > MAX_BITS_PER_PIXEL) {
            throw new UndecodableFrame(format.name() + " pixel layout with " + bands + " samples and " + bits
                    + " bits per pixel is not supported");
        }
    }

    /** "PNG image is truncated or corrupt: Error reading PNG image data: Unexpected end of ZLIB input stream". */
    private static UndecodableFrame undecodable(FrameFormat format, Exception failure) {
        List<String> details = new ArrayList<>();
        boolean truncated = false;
        for (Throwable t = failure; t != null && details.size() < 4; t = t.getCause()) {
            truncated |= t instanceof EOFException;
            if (t.getMessage() != null && !details.contains(t.getMessage())) {
                details.add(t.getMessage());
            }
        }
        String what = format.name() + (truncated ? " image is truncated" : " image is truncated or corrupt");
        if (details.isEmpty() && !truncated) {
            details.add(failure.getClass().getSimpleName());
        }
        return new UndecodableFrame(details.isEmpty() ? what : what + ": " + String.join(": ", details), failure);
    }

    /**
     * Runs a {@link WorkCheckpoint} at each progress report of the reader (the JDK's readers report per row or
     * band); an abandoned frame aborts the read, which the reader honours at its next row, and is thrown when
     * the read returns. Nothing is thrown from inside the reader, whose native code calls the listener.
     */
    private static final class Checkpoints implements IIOReadProgressListener {

        private WorkCheckpoint.@Nullable Abandoned abandoned;

        void throwIfAbandoned() {
            if (abandoned != null) {
                throw abandoned;
            }
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (abandoned == null) {
                try {
                    WorkCheckpoint.check();
                } catch (WorkCheckpoint.Abandoned e) {
                    abandoned = e;
                    source.abort();
                }
            }
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {}

        @Override
        public void sequenceComplete(ImageReader source) {}

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {}

        @Override
        public void imageComplete(ImageReader source) {}

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {}

        @Override
        public void thumbnailComplete(ImageReader source) {}

        @Override
        public void readAborted(ImageReader source) {}
    }

    /**
     * Counts the rows a GIF reader delivers: the JDK's reader ends the image quietly when the
     * LZW data runs out, leaving the remaining rows blank.
     */
    private static final class RowCounter implements IIOReadUpdateListener {

        private int count;

        @Override
        public void imageUpdate(
                ImageReader source,
                BufferedImage image,
                int minX,
                int minY,
                int width,
                int height,
                int periodX,
                int periodY,
                int[] bands) {
            count += height;
        }

        @Override
        public void passStarted(
                ImageReader source,
                BufferedImage image,
                int pass,
                int minPass,
                int maxPass,
                int minX,
                int minY,
                int periodX,
                int periodY,
                int[] bands) {}

        @Override
        public void passComplete(ImageReader source, BufferedImage image) {}

        @Override
        public void thumbnailPassStarted(
                ImageReader source,
                BufferedImage thumbnail,
                int pass,
                int minPass,
                int maxPass,
                int minX,
                int minY,
                int periodX,
                int periodY,
                int[] bands) {}

        @Override
        public void thumbnailUpdate(
                ImageReader source,
                BufferedImage thumbnail,
                int minX,
                int minY,
                int width,
                int height,
                int periodX,
                int periodY,
                int[] bands) {}

        @Override
        public void thumbnailPassComplete(ImageReader source, BufferedImage thumbnail) {}
    }

    /** Collects the warnings a reader reports while decoding; one reader, one thread. */
    private static final class Warnings implements IIOReadWarningListener {

        private final List<String> messages = new ArrayList<>();

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            messages.add(warning);
        }

        void throwIfAny(FrameFormat format) {
            if (!messages.isEmpty()) {
                throw new UndecodableFrame(
                        format.name() + " image is truncated or corrupt: " + String.join("; ", messages));
            }
        }
    }
}
