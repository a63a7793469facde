package dev.framepipe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every metric the Grafana dashboard ({@code deploy/grafana/dashboards}) and the alert rules
 * ({@code deploy/prometheus/rules}) query exists in a real scrape of the running application,
 * after a few frames went through it. Names are taken from the PromQL text: selectors, not
 * functions, keywords, grouping labels, strings or durations; a selector's {@code name="value"}
 * matchers must match a sample too (except labels that only appear under load, such as
 * {@code status="503"}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardMetricsTests {

    private static final Path DASHBOARDS = Path.of("deploy/grafana/dashboards");
    private static final Path RULES = Path.of("deploy/prometheus/rules");
    /** Series that Prometheus makes itself, never in an application's scrape. */
    private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    /** Label values that exist only under particular traffic (a 503 needs saturation). */
    private static final Set<String> TRAFFIC_DEPENDENT_LABELS = Set.of("status");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!=|!~|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "offset",
            "bool",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan",
            "Inf",
            "NaN");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void everyMetricInTheDashboardAndAlertRulesIsInARealScrape() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri("/api/v1/frames?stream=dash"))
                            .header("Content-Type", "image/png")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(discs(i)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        HttpResponse<String> scrape = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Map<String, List<Map<String, String>>> samples = samples(scrape.body());

        Map<String, Set<Map<String, String>>> queried = new LinkedHashMap<>();
        for (String query : queries()) {
            names(query).forEach(name -> queried.computeIfAbsent(name, n -> new LinkedHashSet<>()));
            selectors(query).forEach((name, matchers) -> queried.get(name).addAll(matchers));
        }
        queried.keySet().removeAll(SYNTHETIC);

        assertThat(samples.keySet()).as("sample names in the scrape").containsAll(queried.keySet());
        queried.forEach((name, matcherSets) -> {
            for (Map<String, String> matchers : matcherSets) {
                assertThat(samples.get(name))
                        .as("%s%s", name, matchers)
                        .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(matchers));
            }
        });
    }

    @Test
    void dashboardShowsThroughputOutcomesStageQuantilesObjectsSizesExecutorAndInflight() throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> queries = dashboardQueries();
        queries.forEach(query -> names.addAll(names(query)));

        assertThat(names)
                .contains(
                        "framepipe_fps",
                        "framepipe_frames_total",
                        "framepipe_stage_duration_seconds_bucket",
                        "framepipe_objects_total",
                        "framepipe_object_size_pixels_bucket",
                        "executor_active_threads",
                        "executor_queued_tasks",
                        "framepipe_inflight");
        assertThat(queries)
                .anyMatch(q -> q.startsWith(
                        "histogram_quantile(0.99, sum by (le, stage) (rate(framepipe_stage_duration_seconds_bucket["))
                .anyMatch(q -> q.startsWith(
                        "histogram_quantile(0.50, sum by (le, stage) (rate(framepipe_stage_duration_seconds_bucket["));
    }

    @Test
    void alertRulesCoverSilenceErrorsLatencyAndSaturation() throws IOException {
        Set<String> names = new TreeSet<>();
        ruleQueries().forEach(query -> names.addAll(names(query)));

        assertThat(names)
                .contains(
                        "framepipe_frames_total",
                        "framepipe_stage_duration_seconds_bucket",
                        "framepipe_inflight",
                        "executor_queued_tasks",
                        "http_server_requests_seconds_count");
    }

    @Test
    void readsMetricNamesNotFunctionsLabelsStringsOrDurations() {
        String query = """
                histogram_quantile(0.99, sum by (le, stage) (rate(framepipe_stage_duration_seconds_bucket[$__rate_interval])))
                / on (stage) group_left sum without (instance) (increase(a_total{stream=~"$stream", x="y z"}[1h] offset 10m))
                unless b:recorded > bool 1e3 and max by (instance) (executor_queued_tasks{name="stageExecutor"}) > inf""";

        assertThat(names(query))
                .containsExactlyInAnyOrder(
                        "framepipe_stage_duration_seconds_bucket", "a_total", "b:recorded", "executor_queued_tasks");
        assertThat(selectors(query))
                .containsOnlyKeys("a_total", "executor_queued_tasks")
                .containsEntry("a_total", Set.of(Map.of("x", "y z")))
                .containsEntry("executor_queued_tasks", Set.of(Map.of("name", "stageExecutor")));
    }

    @Test
    void readsSampleNamesAndLabelsFromTheExpositionFormat() {
        String scrape = """
                # HELP framepipe_frames_total Frames
                # TYPE framepipe_frames_total counter
                framepipe_frames_total{outcome="ok",stream="a \\"b\\""} 3.0
                framepipe_inflight 0.0
                """;

        assertThat(samples(scrape)).containsOnlyKeys("framepipe_frames_total", "framepipe_inflight");
        assertThat(samples(scrape).get("framepipe_frames_total"))
                .containsExactly(Map.of("outcome", "ok", "stream", "a \\\"b\\\""));
    }

    // ---------------------------------------------------------------- PromQL and exposition text

    /** Metric names a PromQL expression selects. */
    static Set<String> names(String query) {
        Set<String> names = new LinkedHashSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.find()) {
            names.add(labelValues.group(1));
            return names;
        }
        String bare = STRING.matcher(query).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group(1))) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }

    /** Equality matchers with literal values per selected metric, minus traffic-dependent labels. */
    static Map<String, Set<Map<String, String>>> selectors(String query) {
        Map<String, Set<Map<String, String>>> selectors = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(query);
        while (selector.find()) {
            Map<String, String> equalities = new HashMap<>();
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                boolean literal = !matcher.group(3).contains("$");
                if (matcher.group(2).equals("=") && literal && !TRAFFIC_DEPENDENT_LABELS.contains(matcher.group(1))) {
                    equalities.put(matcher.group(1), matcher.group(3));
                }
            }
            if (!equalities.isEmpty()) {
                selectors
                        .computeIfAbsent(selector.group(1), name -> new HashSet<>())
                        .add(equalities);
            }
        }
        return selectors;
    }

    /** Sample name to the label sets of its samples, from Prometheus text exposition format. */
    static Map<String, List<Map<String, String>>> samples(String scrape) {
        Map<String, List<Map<String, String>>> samples = new LinkedHashMap<>();
        Pattern label = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String name = line.substring(0, labelled ? brace : space);
            Map<String, String> labels = new HashMap<>();
            if (labelled) {
                Matcher matcher = label.matcher(line.substring(brace, line.lastIndexOf('}')));
                while (matcher.find()) {
                    labels.put(matcher.group(1), matcher.group(2));
                }
            }
            samples.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
        }
        return samples;
    }

    // ---------------------------------------------------------------- sources

    private static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>(dashboardQueries());
        queries.addAll(ruleQueries());
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (Path file : files(DASHBOARDS, ".json")) {
            Map<String, Object> dashboard = (Map<String, Object>) load(file).get(0);
            for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
                for (Map<String, Object> target :
                        (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
                    queries.add((String) target.get("expr"));
                }
            }
            Map<String, Object> templating = (Map<String, Object>) dashboard.getOrDefault("templating", Map.of());
            for (Map<String, Object> variable :
                    (List<Map<String, Object>>) templating.getOrDefault("list", List.of())) {
                if (variable.get("definition") instanceof String definition) {
                    queries.add(definition);
                }
            }
        }
        assertThat(queries).isNotEmpty().doesNotContainNull();
        return queries;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (Path file : files(RULES, ".yml")) {
            for (Object document : load(file)) {
                for (Map<String, Object> group :
                        (List<Map<String, Object>>) ((Map<String, Object>) document).get("groups")) {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                        queries.add((String) rule.get("expr"));
                    }
                }
            }
        }
        assertThat(queries).isNotEmpty().doesNotContainNull();
        return queries;
    }

    private static List<Path> files(Path directory, String suffix) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    /** YAML documents of a file; JSON dashboards load the same way. */
    private static List<Object> load(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(documents::add);
        }
        return documents;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A 96x64 grayscale PNG: dark background, three bright discs at seeded positions. */
    private static byte[] discs(long seed) throws IOException {
        Random random = new Random(seed);
        int width = 96;
        int height = 64;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = new byte[width * height];
        Arrays.fill(pixels, (byte) 20);
        for (int disc = 0; disc < 3; disc++) {
            int cx = 12 + disc * 30 + random.nextInt(6);
            int cy = 16 + random.nextInt(32);
            int r = 5 + random.nextInt(4);
            for (int y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        pixels[y * width + x] = (byte) 220;
                    }
                }
            }
        }
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
