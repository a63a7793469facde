package dev.framepipe.bench;

import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.frame.FrameLimits;
import dev.framepipe.pipeline.FrameReport;
import dev.framepipe.pipeline.SampleReports;
import dev.framepipe.web.FrameReportWriter;
import dev.framepipe.web.ReportDetail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The before and after of issue 14 measured in alternation in one JVM, for a machine too busy for JMH's
 * averages: each round runs every contender once, in turn, so a slow spell hits all of them alike; it
 * prints the fastest and the median round of each and the ratios of those. Decode: the ImageIO path
 * against the inflating path on the {@link Scenes} frames as 8-bit gray and RGB PNG. Report: databind
 * (JDK doubles, the service before) against the streaming writer with Schubfach doubles (the service now).
 * Not a test: run it with {@code java -cp target/test-classes:target/classes:<test classpath>
 * dev.framepipe.bench.PngAndReportAlternation [rounds]} (BENCHMARKS.md).
 */
public final class PngAndReportAlternation {

    private PngAndReportAlternation() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        FrameDecoder imageIo = FrameDecoders.imageIoOnly(FrameLimits.defaults());
        FrameDecoder inflating = FrameDecoders.withDefaultLimits();
        JsonMapper before = JsonMapper.builder().build();
        FrameReportWriter after = new FrameReportWriter(JsonMapper.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build());
        List<String> names = new ArrayList<>();
        List<Supplier<Object>> contenders = new ArrayList<>();
        for (String scene : List.of("640x480/30", "1920x1080/30")) {
            Frame frame = Scenes.frame(scene);
            for (String layout : List.of("gray", "rgb")) {
                EncodedFrame png = EncodedFrame.of(
                        FrameFormat.PNG,
                        layout.equals("gray")
                                ? EncodedSamples.encode(frame, FrameFormat.PNG)
                                : EncodedSamples.encodeAsRgb(frame, FrameFormat.PNG));
                names.add("decode " + scene + " " + layout + " PNG, ImageIO");
                contenders.add(() -> imageIo.decode(png));
                names.add("decode " + scene + " " + layout + " PNG, inflating");
                contenders.add(() -> inflating.decode(png));
            }
        }
        try (SampleReports reports = new SampleReports(null)) {
            for (String scene : List.of("640x480/30", "640x480/300")) {
                FrameReport report = reports.of("bench", Scenes.frame(scene));
                names.add("report " + scene + ", databind");
                contenders.add(() -> before.writeValueAsBytes(report));
                names.add("report " + scene + ", streaming full");
                contenders.add(() -> after.toJson(report, ReportDetail.FULL));
            }
        }
        long[][] nanos = new long[contenders.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < contenders.size(); c++) {
                long start = System.nanoTime();
                Object result = contenders.get(c).get();
                nanos[c][r] = System.nanoTime() - start;
                if (result == null) {
                    throw new IllegalStateException(names.get(c));
                }
            }
        }
        int warm = rounds / 4;
        double[] best = new double[contenders.size()];
        double[] median = new double[contenders.size()];
        for (int c = 0; c < contenders.size(); c++) {
            long[] measured = Arrays.copyOfRange(nanos[c], warm, rounds);
            Arrays.sort(measured);
            best[c] = measured[0] / 1000.0;
            median[c] = measured[measured.length / 2] / 1000.0;
        }
        System.out.printf("%d rounds, the first %d discarded as warm-up%n", rounds, warm);
        for (int c = 0; c < contenders.size(); c += 2) {
            System.out.printf("%-46s best %8.1f us  median %8.1f us%n", names.get(c), best[c], median[c]);
            System.out.printf(
                    "%-46s best %8.1f us  median %8.1f us  -> before/after: best %.2fx, median %.2fx%n",
                    names.get(c + 1), best[c + 1], median[c + 1], best[c] / best[c + 1], median[c] / median[c + 1]);
        }
    }
}
