package dev.framepipe.bench;

import dev.framepipe.pipeline.FrameReport;
import dev.framepipe.pipeline.SampleReports;
import dev.framepipe.web.FrameReportWriter;
import dev.framepipe.web.ReportDetail;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.afterburner.AfterburnerModule;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * One frame report to UTF-8 JSON bytes: databind as the service used it (plain, the "before"), databind
 * with Jackson 3's Blackbird and Afterburner modules and with the Schubfach double writer, and the
 * streaming {@link FrameReportWriter} with JDK doubles and, as the service now runs it, with the Schubfach
 * writer at each detail level. The reports are real: the default pipeline's on the frames of {@link Scenes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReportBenchmark {

    @Param({"640x480/30", "640x480/300"})
    public String scene;

    private final JsonMapper plain = JsonMapper.builder().build();
    private final JsonMapper blackbird =
            JsonMapper.builder().addModule(new BlackbirdModule()).build();
    private final JsonMapper afterburner =
            JsonMapper.builder().addModule(new AfterburnerModule()).build();
    private final JsonMapper fastDoubles = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private final FrameReportWriter plainWriter = new FrameReportWriter(plain);
    private final FrameReportWriter writer = new FrameReportWriter(fastDoubles);
    private FrameReport report;

    @Setup
    public void setUp() {
        try (SampleReports reports = new SampleReports(null)) {
            report = reports.of("bench", Scenes.frame(scene));
        }
        byte[] expected = plain.writeValueAsBytes(report);
        if (!java.util.Arrays.equals(expected, plainWriter.toJson(report, ReportDetail.FULL))
                || !java.util.Arrays.equals(
                        fastDoubles.writeValueAsBytes(report), writer.toJson(report, ReportDetail.FULL))
                || !java.util.Arrays.equals(expected, blackbird.writeValueAsBytes(report))
                || !java.util.Arrays.equals(expected, afterburner.writeValueAsBytes(report))) {
            throw new IllegalStateException("the serializers disagree on " + scene);
        }
    }

    @Benchmark
    public byte[] databind() {
        return plain.writeValueAsBytes(report);
    }

    @Benchmark
    public byte[] databindBlackbird() {
        return blackbird.writeValueAsBytes(report);
    }

    @Benchmark
    public byte[] databindAfterburner() {
        return afterburner.writeValueAsBytes(report);
    }

    @Benchmark
    public byte[] databindFastDoubles() {
        return fastDoubles.writeValueAsBytes(report);
    }

    @Benchmark
    public byte[] streamingPlainDoubles() {
        return plainWriter.toJson(report, ReportDetail.FULL);
    }

    @Benchmark
    public byte[] streamingFull() {
        return writer.toJson(report, ReportDetail.FULL);
    }

    @Benchmark
    public byte[] streamingObjects() {
        return writer.toJson(report, ReportDetail.OBJECTS);
    }

    @Benchmark
    public byte[] streamingCounts() {
        return writer.toJson(report, ReportDetail.COUNTS);
    }
}
