package dev.framepipe.bench;

import ar.com.hjg.pngj.IImageLine;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngReaderByte;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * PNG to luminance three ways, on the frames of {@link Scenes} written by the JDK's PNG writer as
 * 8-bit gray and as 8-bit RGB (R = G = B): the standard decoder (the inflating path), the ImageIO
 * path it replaced ({@link FrameDecoders#imageIoOnly}), and PNGJ 2.1.0 ({@code PngReaderByte}, row by
 * row, plus the same BT.601 conversion), the maintained-library candidate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PngDecodeBenchmark {

    @Param({"640x480/30", "1920x1080/30"})
    public String scene;

    @Param({"gray", "rgb"})
    public String layout;

    private final FrameDecoder inflating = FrameDecoders.withDefaultLimits();
    private final FrameDecoder imageIo = FrameDecoders.imageIoOnly(dev.framepipe.frame.FrameLimits.defaults());
    private EncodedFrame encoded;

    @Setup
    public void setUp() {
        Frame frame = Scenes.frame(scene);
        byte[] data = layout.equals("gray")
                ? EncodedSamples.encode(frame, FrameFormat.PNG)
                : EncodedSamples.encodeAsRgb(frame, FrameFormat.PNG);
        encoded = EncodedFrame.of(FrameFormat.PNG, data);
        Frame expected = imageIo.decode(encoded);
        if (!expected.equals(inflating.decode(encoded)) || !expected.equals(pngj())) {
            throw new IllegalStateException("the three paths disagree on " + scene + " " + layout);
        }
    }

    @Benchmark
    public Frame inflating() {
        return inflating.decode(encoded);
    }

    @Benchmark
    public Frame imageIo() {
        return imageIo.decode(encoded);
    }

    @Benchmark
    public Frame pngj() {
        PngReaderByte reader = new PngReaderByte(new ByteArrayInputStream(encoded.data()));
        try {
            int width = reader.imgInfo.cols;
            int height = reader.imgInfo.rows;
            int channels = reader.imgInfo.channels;
            byte[] out = new byte[width * height];
            for (int y = 0; y < height; y++) {
                IImageLine line = reader.readRow();
                byte[] samples = ((ImageLineByte) line).getScanlineByte();
                int o = y * width;
                if (channels == 1) {
                    System.arraycopy(samples, 0, out, o, width);
                } else {
                    for (int x = 0, i = 0; x < width; x++, i += channels) {
                        out[o + x] = (byte) ((299 * (samples[i] & 0xFF)
                                        + 587 * (samples[i + 1] & 0xFF)
                                        + 114 * (samples[i + 2] & 0xFF)
                                        + 500)
                                / 1000);
                    }
                }
            }
            return new Frame(width, height, out);
        } finally {
            reader.end();
        }
    }
}
