package dev.framepipe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.unit.DataSize;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the Kubernetes manifests under {@code deploy/k8s} against the application they deploy:
 * every document parses and names itself; the container port, probe paths, shutdown budget and
 * user agree with {@code application.properties}, the frame deadline and the Dockerfile; and the
 * probe paths answer UP on the application started the way the cluster starts it (Kubernetes
 * platform, the ConfigMap's properties on top).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeploymentManifestsTests {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";
    private static final Duration DEFAULT_FRAME_DEADLINE =
            dev.framepipe.pipeline.PipelineProperties.defaults().deadline();
    /** Spring Boot's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void asOnTheCluster(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.main.cloud-platform", () -> "kubernetes");
        configMapProperties().forEach((key, value) -> registry.add((String) key, () -> value));
    }

    @Test
    void everyManifestParsesAndNamesItsKind() throws IOException {
        List<Map<String, Object>> documents = documents();

        assertThat(documents)
                .extracting(document -> document.get("kind"))
                .contains(
                        "Deployment",
                        "Service",
                        "HorizontalPodAutoscaler",
                        "ConfigMap",
                        "PodDisruptionBudget",
                        "ServiceMonitor");
        for (Map<String, Object> document : documents) {
            assertThat(document).containsKeys("apiVersion", "kind", "metadata");
            assertThat((String) at(document, "metadata", "name")).isNotBlank();
        }
    }

    @Test
    void kustomizationListsEveryManifestButTheOptionalServiceMonitor() throws IOException {
        List<String> resources = at(load(K8S.resolve("kustomization.yaml")).get(0), "resources");
        List<String> manifests;
        try (Stream<Path> files = Files.list(K8S)) {
            manifests = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml") && !name.equals("servicemonitor.yaml"))
                    .toList();
        }

        assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
    }

    @Test
    void containerPortsAreTheApplicationsServerAndManagementPorts() throws IOException {
        Properties application = applicationProperties();
        int serverPort = Integer.parseInt(application.getProperty("server.port", "8080"));
        String managementPort = application.getProperty("management.server.port");

        assertThat(managementPort)
                .as("the actuator has its own port by default")
                .isNotNull()
                .isNotEqualTo(String.valueOf(serverPort));
        assertThat(containerPort("http")).isEqualTo(serverPort);
        assertThat(containerPort("management")).isEqualTo(Integer.parseInt(managementPort));
        assertThat(dockerfileExposedPorts()).containsExactly(serverPort, Integer.parseInt(managementPort));
        assertThat((String) at(deployment(), "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                .isEqualTo(managementPort);
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnTheManagementPort() throws IOException {
        Map<String, Object> container = container();

        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo(LIVENESS);
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo(READINESS);
        assertThat((String) at(container, "startupProbe", "httpGet", "path")).isEqualTo(LIVENESS);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat((Object) at(container, probe, "httpGet", "port"))
                    .isIn("management", containerPort("management"));
        }
    }

    @Test
    void probePathsAnswerUpOnTheApplicationConfiguredAsOnTheCluster() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            String path = at(container(), probe, "httpGet", "path");
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void terminationGraceCoversPreStopShutdownPhaseAndFrameDeadline() throws IOException {
        Properties application = applicationProperties();
        application.putAll(configMapProperties());
        Duration shutdownPhase = durationOr(
                application.getProperty("spring.lifecycle.timeout-per-shutdown-phase"), DEFAULT_SHUTDOWN_PHASE);
        Duration frameDeadline =
                durationOr(application.getProperty("framepipe.pipeline.deadline"), DEFAULT_FRAME_DEADLINE);
        long grace =
                ((Number) at(deployment(), "spec", "template", "spec", "terminationGracePeriodSeconds")).longValue();
        long preStop = preStopSeconds();

        assertThat(application.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(preStop).as("preStop pause").isPositive();
        assertThat(grace)
                .isGreaterThan(frameDeadline.toSeconds())
                .isGreaterThanOrEqualTo(preStop + shutdownPhase.toSeconds());
    }

    @Test
    void podRunsAsTheImagesNonRootUserWithTheConfigMapInItsConfigDirectory() throws IOException {
        Map<String, Object> podSecurity = at(deployment(), "spec", "template", "spec", "securityContext");
        int dockerfileUser = Integer.parseInt(lastInstruction("USER").split(":")[0]);
        List<Map<String, Object>> mounts = at(container(), "volumeMounts");
        String configMount = mounts.stream()
                .filter(mount -> "config".equals(mount.get("name")))
                .map(mount -> (String) mount.get("mountPath"))
                .findFirst()
                .orElseThrow();

        assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", dockerfileUser);
        assertThat(dockerfileUser).isNotZero();
        assertThat(configMount)
                .as("Spring Boot reads ./config/ beside the working directory")
                .isEqualTo(lastInstruction("WORKDIR") + "/config");
        assertThat((Object) at(container(), "securityContext", "allowPrivilegeEscalation"))
                .isEqualTo(false);
        assertThat((String) at(container(), "env", 0, "value")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void deploymentRunsSeveralReplicasWithResourcesAndMatchingSelector() throws IOException {
        Map<String, Object> deployment = deployment();
        Map<String, Object> podLabels = at(deployment, "spec", "template", "metadata", "labels");

        assertThat(((Number) at(deployment, "spec", "replicas")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(podLabels).containsAllEntriesOf(at(deployment, "spec", "selector", "matchLabels"));
        assertThat((Map<String, Object>) at(container(), "resources", "requests"))
                .containsKeys("cpu", "memory");
        assertThat((Map<String, Object>) at(container(), "resources", "limits")).containsKey("memory");
    }

    @Test
    void serviceSelectsThePodsAndTargetsTheHttpPort() throws IOException {
        Map<String, Object> service = ofKind("Service");
        Map<String, Object> podLabels = at(deployment(), "spec", "template", "metadata", "labels");

        assertThat(podLabels).containsAllEntriesOf(at(service, "spec", "selector"));
        assertThat((Object) at(service, "spec", "ports", 0, "targetPort")).isIn("http", containerPort("http"));
    }

    @Test
    void autoscalerScalesTheDeploymentOnCpu() throws IOException {
        Map<String, Object> hpa = ofKind("HorizontalPodAutoscaler");

        assertThat((String) at(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat((String) at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat((String) at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(at(deployment(), "metadata", "name"));
        assertThat(((Number) at(hpa, "spec", "minReplicas")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat((String) at(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
    }

    @Test
    void prometheusScrapesTheActuatorEndpointOfEveryReplica() throws IOException {
        Map<String, Object> annotations = at(deployment(), "spec", "template", "metadata", "annotations");
        Map<String, Object> monitor = ofKind("ServiceMonitor");
        Map<String, Object> service = ofKind("Service");

        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        assertThat((String) at(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        List<Map<String, Object>> servicePorts = at(service, "spec", "ports");
        assertThat((String) at(monitor, "spec", "endpoints", 0, "port")).isEqualTo("management");
        assertThat(servicePorts)
                .anySatisfy(port ->
                        assertThat(port).containsEntry("name", "management").containsEntry("targetPort", "management"));
        assertThat((Map<String, Object>) at(service, "metadata", "labels"))
                .containsAllEntriesOf(at(monitor, "spec", "selector", "matchLabels"));
    }

    // ---------------------------------------------------------------- helpers

    private static List<Map<String, Object>> documents() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.endsWith("kustomization.yaml"))
                    .sorted()
                    .toList()) {
                documents.addAll(load(file));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
        return documents;
    }

    /**
     * The arithmetic of docs/DEPLOYMENT.md: the container's memory limit and JAVA_TOOL_OPTIONS give the
     * heap; half of it is the default admission budget; its body share holds the largest body, and the
     * rest the working set of the largest frame the limits admit (widest pixel layout, 8 bytes) with the
     * detector's scratch, so no admissible frame is refused for its size alone.
     */
    @Test
    void memoryLimitHeapAndAdmissionBudgetAgree() throws IOException {
        String limit = at(container(), "resources", "limits", "memory");
        assertThat(limit).endsWith("Gi");
        long limitBytes = Long.parseLong(limit.replace("Gi", "")) << 30;
        List<Map<String, Object>> env = at(container(), "env");
        String options = env.stream()
                .filter(e -> "JAVA_TOOL_OPTIONS".equals(e.get("name")))
                .map(e -> (String) e.get("value"))
                .findFirst()
                .orElseThrow();
        assertThat(Files.readString(DOCKERFILE)).contains("JAVA_TOOL_OPTIONS=\"" + options + "\"");
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        assertThat(percentage.find()).as(options).isTrue();
        long heap = limitBytes * Long.parseLong(percentage.group(1)) / 100;
        assertThat(heap).isEqualTo(768L << 20);
        assertThat(options)
                .as("the whole heap committed from the start")
                .contains("-XX:InitialRAMPercentage=" + percentage.group(1));
        assertThat(options.replace("-XX:InitialRAMPercentage=" + percentage.group(1), "-Xms" + (heap >> 20) + "m")
                        .replace(percentage.group(), "-Xmx" + (heap >> 20) + "m"))
                .as("the JVM PackagedOverloadIT starts is the container's, collector included")
                .isEqualTo(String.join(" ", dev.framepipe.reliability.PackagedOverloadIT.CONTAINER_JVM));

        Properties application = applicationProperties();
        application.putAll(configMapProperties());
        assertThat(application.getProperty("framepipe.admission.memory-budget"))
                .as("derived from the heap")
                .isNull();
        dev.framepipe.pipeline.AdmissionProperties admission = dev.framepipe.pipeline.AdmissionProperties.defaults();
        long budget = admission.effectiveMemoryBudget(heap);
        long bodies = (long) (budget * Double.parseDouble(application.getProperty("framepipe.admission.body-share")));
        dev.framepipe.frame.FrameLimits limits = dev.framepipe.frame.FrameLimits.defaults();
        long side = (long) Math.sqrt(limits.maxPixels());
        long largest = new dev.framepipe.frame.FrameHeader(
                                dev.framepipe.frame.FrameFormat.TIFF,
                                (int) side,
                                (int) side,
                                8,
                                limits.maxBodySize().toBytes())
                        .decodeWorkingSet()
                + dev.framepipe.detection.DetectorProperties.defaults().scratchBytes(limits.maxPixels());
        assertThat(budget).isEqualTo(384L << 20);
        assertThat(bodies)
                .as("the bodies' share holds the largest body")
                .isGreaterThanOrEqualTo(DataSize.parse(application.getProperty("framepipe.limits.max-body-size"))
                        .toBytes());
        assertThat(budget - bodies)
                .as("the working share holds the largest frame")
                .isGreaterThanOrEqualTo(largest);
    }

    private static Map<String, Object> ofKind(String kind) throws IOException {
        List<Map<String, Object>> matches =
                documents().stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(matches).as(kind).hasSize(1);
        return matches.get(0);
    }

    private static Map<String, Object> deployment() throws IOException {
        return ofKind("Deployment");
    }

    private static Map<String, Object> container() throws IOException {
        List<Map<String, Object>> containers = at(deployment(), "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static int containerPort(String name) throws IOException {
        List<Map<String, Object>> ports = at(container(), "ports");
        return ports.stream()
                .filter(port -> name.equals(port.get("name")))
                .map(port -> ((Number) port.get("containerPort")).intValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    private static long preStopSeconds() throws IOException {
        Map<String, Object> preStop = at(container(), "lifecycle", "preStop");
        if (preStop.containsKey("sleep")) {
            return ((Number) at(preStop, "sleep", "seconds")).longValue();
        }
        List<String> command = at(preStop, "exec", "command");
        assertThat(command).hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(command.get(1));
    }

    private static Properties configMapProperties() throws IOException {
        Properties properties = new Properties();
        for (Map<String, Object> document : load(K8S.resolve("configmap.yaml"))) {
            String text = at(document, "data", "application.properties");
            properties.load(new StringReader(text));
        }
        return properties;
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Duration durationOr(String value, Duration fallback) {
        return (value == null) ? fallback : DurationStyle.detectAndParse(value.trim());
    }

    private static List<Integer> dockerfileExposedPorts() throws IOException {
        Matcher matcher = Pattern.compile("(?m)^EXPOSE\\s+(.+)$").matcher(Files.readString(DOCKERFILE));
        List<Integer> ports = new ArrayList<>();
        while (matcher.find()) {
            for (String port : matcher.group(1).trim().split("\\s+")) {
                ports.add(Integer.parseInt(port.split("/")[0]));
            }
        }
        return ports;
    }

    private static String lastInstruction(String instruction) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^" + instruction + "\\s+(\\S+)").matcher(Files.readString(DOCKERFILE));
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        assertThat(last).as("Dockerfile " + instruction).isNotNull();
        return last;
    }

    /** Walks maps by key (String) and lists by index (Integer); fails with the path when a step is missing. */
    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (step instanceof Integer index) {
                assertThat(current).as("list at %s", List.of(path)).isInstanceOf(List.class);
                List<Object> list = (List<Object>) current;
                assertThat(list).as("%s", List.of(path)).hasSizeGreaterThan(index);
                current = list.get(index);
            } else {
                assertThat(current).as("map at %s", List.of(path)).isInstanceOf(Map.class);
                current = ((Map<String, Object>) current).get(step);
            }
            assertThat(current).as("%s", List.of(path)).isNotNull();
        }
        return (T) current;
    }
}
