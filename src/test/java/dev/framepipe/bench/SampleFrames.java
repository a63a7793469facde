package dev.framepipe.bench;

import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the HTTP load test's request bodies: the {@link Scenes} frame {@code 640x480/30} as raw gray8
 * ({@code frame-640x480.gray}) and as PNG ({@code frame-640x480.png}), and a 64x48 black raw frame for
 * the baseline profile, whose detector ignores the pixels ({@code baseline-64x48.gray}).
 *
 * <p>Usage: {@code java -cp <test class path> dev.framepipe.bench.SampleFrames <directory>}
 * (scripts/bench-http.sh runs it).
 */
public final class SampleFrames {

    private SampleFrames() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(directory);
        Frame frame = Scenes.frame("640x480/30");
        Files.write(directory.resolve("frame-640x480.gray"), EncodedSamples.encode(frame, FrameFormat.RAW_GRAY8));
        Files.write(directory.resolve("frame-640x480.png"), EncodedSamples.encode(frame, FrameFormat.PNG));
        Files.write(directory.resolve("baseline-64x48.gray"), new byte[64 * 48]);
    }
}
