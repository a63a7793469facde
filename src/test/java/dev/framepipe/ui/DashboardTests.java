package dev.framepipe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.web.FrameClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard at {@code /} in a real browser: it shows what {@code /api/v1/stats} says, an
 * uploaded frame comes back annotated beside its report, and it fits a laptop and a phone.
 */
// A one-minute FPS window keeps the rates of the traffic sent at the start positive throughout;
// the context is this class's own, so no other test's frames are counted.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "framepipe.stats.fps-window=60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTests {

    private static final SyntheticScene SCENE = SyntheticFrames.builder(320, 240)
            .seed(42)
            .objects(14)
            .kinds(PaintedShape.DISC, PaintedShape.ELLIPSE, PaintedShape.RECTANGLE, PaintedShape.BAR)
            .sizeRange(12, 40)
            .build();
    private static final SyntheticScene SMALL = SyntheticFrames.builder(160, 120)
            .seed(5)
            .objects(5)
            .kinds(PaintedShape.DISC, PaintedShape.BAR)
            .sizeRange(10, 24)
            .build();

    @LocalServerPort
    int port;

    private Browser browser;
    private FrameClient client;

    @BeforeAll
    void start() {
        client = new FrameClient(port);
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        byte[] small = EncodedSamples.encode(SMALL.frame(), FrameFormat.PNG);
        for (int i = 0; i < 12; i++) {
            client.postFrame("stream=cam-" + (i % 3), "image/png", i % 2 == 0 ? png : small);
        }
        client.postFrame("stream=cam-1", "image/png", new byte[] {1, 2, 3});
        browser = new Browser(port);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private void openDashboard() {
        browser.viewport(1366, 768, false);
        browser.open("/");
        awaitPolls(1);
    }

    private int polls() {
        Object polls = browser.script("return document.body.dataset.polls || '0'");
        return Integer.parseInt(String.valueOf(polls));
    }

    private void awaitPolls(int atLeast) {
        browser.await("the dashboard polled the statistics " + atLeast + " times", d -> polls() >= atLeast);
    }

    private String value(String testId) {
        return browser.attributeOf(testId, "data-value");
    }

    private long count(String testId) {
        return Long.parseLong(value(testId));
    }

    @Test
    @Order(1)
    void showsTheFrameAndObjectCountsOfTheStatisticsApi() {
        openDashboard();
        JsonNode overall = client.getJson("/api/v1/stats").get("overall");
        long total = overall.get("frames").get("total").asLong();
        browser.await("the dashboard shows " + total + " frames", d -> count("frames-total") == total);

        assertThat(total).isEqualTo(13);
        for (String outcome : List.of("ok", "partial", "rejected", "failed")) {
            assertThat(count("frames-" + outcome))
                    .as(outcome)
                    .isEqualTo(overall.get("frames").get(outcome).asLong());
        }
        assertThat(count("frames-rejected")).isEqualTo(1);
        assertThat(count("objects-total"))
                .isEqualTo(overall.get("objects").asLong())
                .isPositive();
        for (Map.Entry<String, JsonNode> byClass : overall.get("objectsByClass").properties()) {
            assertThat(count("class-count-" + byClass.getKey()))
                    .as(byClass.getKey())
                    .isEqualTo(byClass.getValue().asLong());
        }
        assertThat(browser.textOf("frames-total")).isEqualTo(String.valueOf(total));
        assertThat(browser.textOf("readiness")).isEqualTo("Readiness: UP");
    }

    @Test
    @Order(2)
    void showsTheFpsOfTheStatisticsApiPerStream() {
        openDashboard();
        // No traffic now, so every rate can only fall: what the dashboard shows from a poll made
        // after the first reading lies between that reading and a later one.
        JsonNode before = client.getJson("/api/v1/stats");
        awaitPolls(polls() + 2);
        double shown = Double.parseDouble(value("fps-current"));
        Map<String, Double> shownPerStream = new java.util.TreeMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#fps-rows tr"))) {
            shownPerStream.put(
                    row.getAttribute("data-stream"),
                    Double.parseDouble(row.findElement(By.cssSelector("[data-testid='stream-fps']"))
                            .getAttribute("data-value")));
        }
        String shownText = browser.byTestId("fps-current").getText();
        JsonNode after = client.getJson("/api/v1/stats");

        double earlier = before.get("overall").get("fps").get("current").asDouble();
        double later = after.get("overall").get("fps").get("current").asDouble();
        assertThat(earlier).isPositive();
        assertThat(shown).isBetween(later, earlier);
        assertThat(shownText).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", shown));
        assertThat(shownPerStream.keySet()).containsExactly("*", "cam-0", "cam-1", "cam-2");
        for (String stream : List.of("cam-0", "cam-1", "cam-2")) {
            assertThat(shownPerStream.get(stream))
                    .as(stream)
                    .isBetween(
                            after.get("streams")
                                    .get(stream)
                                    .get("fps")
                                    .get("current")
                                    .asDouble(),
                            before.get("streams")
                                    .get(stream)
                                    .get("fps")
                                    .get("current")
                                    .asDouble());
        }
    }

    @Test
    @Order(3)
    void uploadThroughTheFilePickerShowsTheAnnotatedFrameAndTheReport(@TempDir Path dir) throws IOException {
        Path png = Files.write(dir.resolve("scene.png"), EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG));
        openDashboard();
        browser.find(By.id("frame-file")).sendKeys(png.toAbsolutePath().toString());

        assertUploadShown(SCENE, "dashboard");
        browser.screenshot("dashboard-laptop-upload");
    }

    @Test
    @Order(4)
    void uploadThroughTheDropZoneShowsTheAnnotatedFrameAndTheReport() {
        openDashboard();
        browser.find(By.id("upload-stream")).clear();
        browser.find(By.id("upload-stream")).sendKeys("dropped");
        String base64 = Base64.getEncoder().encodeToString(EncodedSamples.encode(SMALL.frame(), FrameFormat.PNG));
        browser.script("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], 'dropped.png', {type: 'image/png'}));
                const zone = document.querySelector("[data-testid='drop-zone']");
                zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                """, base64);

        assertUploadShown(SMALL, "dropped");
        assertThat(client.getJson("/api/v1/stats/dropped")
                        .get("frames")
                        .get("total")
                        .asLong())
                .as("one upload is one request and one counted frame")
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void uploadWithDetectorOptionsSendsThemAndTheReportEchoesThem(@TempDir Path dir) throws IOException {
        SyntheticScene pairs = SyntheticFrames.builder(320, 240)
                .seed(11)
                .objects(8)
                .kinds(PaintedShape.DISC)
                .sizeRange(26, 36)
                .touchingPairs(0.1)
                .build();
        Path png = Files.write(dir.resolve("pairs.png"), EncodedSamples.encode(pairs.frame(), FrameFormat.PNG));
        openDashboard();
        browser.find(By.id("upload-stream")).clear();
        browser.find(By.id("upload-stream")).sendKeys("options");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("opt-split"))).selectByValue("touching");
        browser.find(By.id("opt-object-diameter")).sendKeys("20-40");
        browser.find(By.id("frame-file")).sendKeys(png.toAbsolutePath().toString());

        assertUploadShown(pairs, "options");
        assertThat(browser.byTestId("report-json").getText())
                .contains("\"split\": \"touching\"", "\"object-diameter\": \"20-40\"");
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("opt-split"))).selectByValue("");
        browser.find(By.id("opt-object-diameter")).clear();
    }

    private void assertUploadShown(SyntheticScene scene, String stream) {
        browser.await("the report of the upload", d -> {
            String json = browser.byTestId("report-json").getText();
            return json.contains("\"stream\": \"" + stream + "\"") ? json : null;
        });
        long width = browser.await("the annotated frame is loaded", d -> {
            Object natural = browser.script("const i = document.querySelector(\"[data-testid='annotated-image']\");"
                    + "return i.complete ? i.naturalWidth : 0;");
            long w = ((Number) natural).longValue();
            return w > 0 ? w : null;
        });
        assertThat(width).isEqualTo(scene.frame().width());
        assertThat(browser.byTestId("annotated-image").getAttribute("src")).startsWith("blob:");
        assertThat(count("report-object-count")).isEqualTo(scene.truth().size());
        assertThat(browser.byTestId("report-json").getText())
                .contains("\"objectCount\": " + scene.truth().size());
        assertThat(browser.byTestId("upload-status").getAttribute("class")).doesNotContain("error");
    }

    @Test
    @Order(5)
    void fitsALaptopAndAPhoneWithoutSidewaysScrolling() {
        openDashboard();
        assertThat(browser.script("return document.documentElement.scrollWidth"))
                .isEqualTo(1366L);
        browser.screenshot("dashboard-laptop");

        browser.viewport(390, 844, true);
        browser.await(
                "the layout settles at phone width",
                d -> ((Number) browser.script("return document.documentElement.clientWidth")).intValue() == 390);
        awaitPolls(polls() + 1);
        assertThat(browser.script("return document.documentElement.scrollWidth"))
                .isEqualTo(390L);
        browser.screenshot("dashboard-phone");
    }

    @Test
    @Order(6)
    void everyControlHasAnAccessibleName() {
        openDashboard();
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) browser.script("""
                return [...document.querySelectorAll('input, select, button, textarea, canvas, [role=img]')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                               && !e.getAttribute('aria-labelledby') && !e.getAttribute('alt'))
                  .map(e => e.outerHTML.slice(0, 80));
                """);
        assertThat(unnamed).isEmpty();
    }
}
