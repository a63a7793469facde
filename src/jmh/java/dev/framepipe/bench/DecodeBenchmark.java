package dev.framepipe.bench;

import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decode stage alone: encoded bytes to a luminance {@link Frame}, on the frames of {@link Scenes}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {

    @Param({"640x480/30", "1920x1080/30"})
    public String scene;

    @Param({"PNG", "JPEG", "RAW_GRAY8"})
    public FrameFormat format;

    private final FrameDecoder decoder = FrameDecoders.withDefaultLimits();
    private EncodedFrame encoded;

    @Setup
    public void setUp() {
        encoded = EncodedSamples.encoded(Scenes.frame(scene), format);
    }

    @Benchmark
    public Frame decode() {
        return decoder.decode(encoded);
    }
}
