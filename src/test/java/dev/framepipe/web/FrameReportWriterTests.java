package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.classification.ShapeFeatures;
import dev.framepipe.detection.Box;
import dev.framepipe.geometry.Point;
import dev.framepipe.pipeline.FrameReport;
import dev.framepipe.pipeline.FrameReport.ObjectReport;
import dev.framepipe.pipeline.SampleReports;
import dev.framepipe.pipeline.StageFailure;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.stats.Outcome;
import dev.framepipe.testing.SyntheticFrames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streaming report writer against databind, which is what the application's {@link JsonMapper}
 * (configured by {@code application.properties}) writes for a {@link FrameReport}: the same document, compared as trees (every field, at any depth, so
 * a field added to a report record later and not written is caught) and as text (same order, same
 * number formatting), on hundreds of real pipeline reports and hundreds of generated ones with every
 * nullable field null, extreme numbers and characters that need escaping.
 */
class FrameReportWriterTests {

    private static JsonMapper mapper;
    private static FrameReportWriter writer;

    @BeforeAll
    static void applicationMapper() {
        AtomicReference<JsonMapper> bean = new AtomicReference<>();
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> bean.set(context.getBean(JsonMapper.class)));
        mapper = bean.get();
        writer = new FrameReportWriter(mapper);
    }

    @Test
    void writesWhatDatabindWritesForHundredsOfPipelineReports() {
        List<FrameReport> reports = new ArrayList<>();
        try (SampleReports pixels = new SampleReports(null);
                SampleReports scaled = new SampleReports(0.05)) {
            for (int i = 0; i < 200; i++) {
                int width = 48 + 17 * (i % 11);
                int height = 40 + 13 * (i % 7);
                var frame = SyntheticFrames.builder(width, height)
                        .seed(i)
                        .objects(i % 13)
                        .noise(i % 5)
                        .darkObjects(i % 4 == 1)
                        .build()
                        .frame();
                reports.add((i % 2 == 0 ? pixels : scaled).of("cam-" + (i % 3), frame));
            }
        }
        assertThat(reports)
                .anyMatch(r -> r.objectCount() == 0)
                .anyMatch(r -> r.objectCount() > 5)
                .anyMatch(
                        r -> !r.objects().isEmpty() && r.objects().get(0).size().mm() != null);
        for (FrameReport report : reports) {
            assertSameDocuments(report);
        }
    }

    @Test
    void writesWhatDatabindWritesForHundredsOfGeneratedReports() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            assertSameDocuments(generated(random));
        }
    }

    @Test
    void usesTheApplicationMappersSettings() {
        assertThat(mapper.isEnabled(tools.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER))
                .isTrue();
    }

    @Test
    void writesAComponentWithoutADirectWriterThroughDatabind() {
        record Probe(int known, List<Map<String, Double>> unknown, Box box, String last) {}
        FrameReportWriter.Layout<Probe> layout = new FrameReportWriter.Layout<>(
                Probe.class, Map.of("known", (g, p, d) -> g.writeNumber(p.known())), Map.of());
        Probe probe = new Probe(7, List.of(Map.of("a", 1.5)), new Box(1, 2, 3, 4), "x\"y");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = mapper.createGenerator(out)) {
            layout.write(g, probe, ReportDetail.FULL);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(mapper.writeValueAsString(probe));
    }

    @Test
    void writesAnObjectSizesGroupsAsTheFlatFieldsOfTheDocument() {
        ObjectSize size = new ObjectSize(
                3,
                12,
                3.9,
                new ObjectSize.Ellipse(5, 3, 45),
                new ObjectSize.ConvexHull(14, 6),
                new ObjectSize.Feret(5.5, 3.5),
                null);
        FrameReport report = new FrameReport(
                "f",
                "cam-1",
                8,
                8,
                Outcome.OK,
                100,
                "BRIGHT",
                1,
                false,
                Map.of(),
                List.of(new ObjectReport(
                        3, new Box(1, 1, 4, 4), new Point(2.5, 2.5), 12, 11.2, false, size, null, null, null)),
                Map.of(),
                List.of(),
                "OTSU",
                "BORDER",
                Map.of(),
                null);

        String json = new String(writer.toJson(report, ReportDetail.FULL), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"size\":{\"objectId\":3,\"area\":12.0,\"equivalentDiameter\":3.9,"
                        + "\"majorAxis\":5.0,\"minorAxis\":3.0,\"orientation\":45.0,\"convexHullArea\":14.0,"
                        + "\"convexHullVertices\":6,\"maxFeret\":5.5,\"minFeret\":3.5,\"mm\":null}");
        assertThat(json).isEqualTo(mapper.writeValueAsString(report));
    }

    @Test
    void parsesTheDetailParameter() {
        assertThat(ReportDetail.parse(null)).isEqualTo(ReportDetail.FULL);
        assertThat(ReportDetail.parse("counts")).isEqualTo(ReportDetail.COUNTS);
        assertThat(ReportDetail.parse("OBJECTS")).isEqualTo(ReportDetail.OBJECTS);
        assertThatThrownBy(() -> ReportDetail.parse("boxes"))
                .isInstanceOf(InvalidFrameRequest.class)
                .hasMessage("detail 'boxes' is not one of counts, objects, full");
    }

    /** Full is databind's document; counts and objects are it with the fields they leave out removed. */
    private static void assertSameDocuments(FrameReport report) {
        String expected = mapper.writeValueAsString(report);
        String full = new String(writer.toJson(report, ReportDetail.FULL), StandardCharsets.UTF_8);
        assertThat(mapper.readTree(full)).isEqualTo(mapper.readTree(expected));
        assertThat(full).isEqualTo(expected);

        ObjectNode counts = (ObjectNode) mapper.readTree(expected);
        counts.remove("objects");
        assertThat(mapper.readTree(writer.toJson(report, ReportDetail.COUNTS))).isEqualTo(counts);

        ObjectNode objects = (ObjectNode) mapper.readTree(expected);
        for (JsonNode object : objects.get("objects")) {
            ((ObjectNode) object).remove(List.of("size", "features"));
        }
        assertThat(mapper.readTree(writer.toJson(report, ReportDetail.OBJECTS))).isEqualTo(objects);
    }

    private static FrameReport generated(Random random) {
        int n = random.nextInt(12);
        List<ObjectReport> objects = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            boolean sized = random.nextInt(4) > 0;
            boolean classified = random.nextInt(4) > 0;
            ObjectSize.Millimetres mm = random.nextBoolean()
                    ? null
                    : new ObjectSize.Millimetres(
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random));
            ObjectSize size = sized
                    ? new ObjectSize(
                            i + 1,
                            number(random),
                            number(random),
                            new ObjectSize.Ellipse(number(random), number(random), number(random)),
                            new ObjectSize.ConvexHull(number(random), random.nextInt()),
                            new ObjectSize.Feret(number(random), number(random)),
                            mm)
                    : null;
            String label = classified ? text(random) : null;
            ShapeFeatures features = classified
                    ? new ShapeFeatures(
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random),
                            number(random))
                    : null;
            objects.add(new ObjectReport(
                    random.nextInt(),
                    new Box(random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt()),
                    new Point(number(random), number(random)),
                    random.nextLong(),
                    number(random),
                    random.nextBoolean(),
                    size,
                    label,
                    classified ? number(random) : null,
                    features));
            if (label != null) {
                counts.merge(label, 1, Integer::sum);
            }
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        for (String stage : List.of("decode", "detect", "size", "classify", "aggregate", "total")) {
            timings.put(stage, random.nextLong());
        }
        List<StageFailure> failures =
                random.nextInt(3) == 0 ? List.of(new StageFailure("size", text(random))) : List.of();
        return new FrameReport(
                text(random),
                text(random),
                random.nextInt(),
                random.nextInt(),
                Outcome.values()[random.nextInt(Outcome.values().length)],
                random.nextInt(256),
                random.nextBoolean() ? "BRIGHT" : "DARK",
                n,
                random.nextBoolean(),
                counts,
                objects,
                timings,
                failures,
                random.nextBoolean() ? "OTSU" : "LOCAL",
                random.nextBoolean() ? "BORDER" : "MINORITY",
                Map.of("split", text(random), "min-area", Integer.toString(random.nextInt(100))),
                random.nextBoolean()
                        ? null
                        : new ModelIdentity(
                                "onnx",
                                text(random),
                                text(random),
                                text(random),
                                List.of(text(random), text(random)),
                                Instant.ofEpochSecond(random.nextInt(2_000_000_000))));
    }

    private static final double[] SPECIAL = {
        0.0,
        -0.0,
        1.0,
        0.1,
        1e-300,
        1e300,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        123456789.125,
        2.0 / 3.0
    };

    private static double number(Random random) {
        return random.nextInt(3) == 0
                ? SPECIAL[random.nextInt(SPECIAL.length)]
                : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 4);
    }

    private static String text(Random random) {
        String[] pieces = {"round", "cam-1", "é", "\"", "\\", "\n", "\u0001", "€", "\uD83D\uDE00", " ", "</script>"};
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }
}
