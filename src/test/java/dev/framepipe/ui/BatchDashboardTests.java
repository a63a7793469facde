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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's "Analyse a folder" in a real browser: a folder of frames goes through
 * {@code POST /api/v1/batches} to 100 %, the live table agrees with the frames API, the CSV has one
 * row per object, and the stop button stops the upload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchDashboardTests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private Browser browser;
    private FrameClient client;

    @BeforeAll
    void start() {
        client = new FrameClient(port);
        browser = new Browser(port);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static SyntheticScene scene(long seed) {
        return SyntheticFrames.builder(160, 120)
                .seed(seed)
                .objects(2 + (int) (seed % 5))
                .kinds(PaintedShape.DISC, PaintedShape.ELLIPSE, PaintedShape.RECTANGLE, PaintedShape.BAR)
                .sizeRange(10, 26)
                .build();
    }

    private void openWithStream(String stream) {
        browser.viewport(1366, 768, false);
        browser.open("/");
        WebElement input = browser.find(By.id("batch-stream"));
        input.clear();
        input.sendKeys(stream);
    }

    private String state() {
        return browser.byTestId("batch-progress-text").getAttribute("data-state");
    }

    private String download(String testId) {
        String href = browser.byTestId(testId).getAttribute("href");
        return (String) ((JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
                        href);
    }

    @Test
    void aFolderOfFortyFramesReachesOneHundredPercentWithTheCountsOfTheApiAndACsvRowPerObject(@TempDir Path dir)
            throws IOException {
        Path folder = Files.createDirectory(dir.resolve("frames"));
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            byte[] png = EncodedSamples.encode(scene(i).frame(), FrameFormat.PNG);
            files.put("frames/f" + i + ".png", png);
            Files.write(folder.resolve("f" + i + ".png"), png);
        }
        openWithStream("folder-40");
        browser.find(By.id("batch-folder")).sendKeys(folder.toAbsolutePath().toString());

        browser.await("the batch is done", d -> "done".equals(state()));
        WebElement text = browser.byTestId("batch-progress-text");
        assertThat(text.getAttribute("data-percent")).isEqualTo("100");
        assertThat(text.getAttribute("data-done")).isEqualTo("40");
        assertThat(text.getText()).contains("40 / 40 frames (100 %)", "frames/s");
        assertThat(browser.byTestId("batch-progress").getAttribute("value")).isEqualTo("40");

        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#batch-rows tr"));
        assertThat(rows).hasSize(40);
        browser.screenshot("dashboard-batch");
        int objects = 0;
        for (WebElement row : rows) {
            String file = row.getAttribute("data-file");
            assertThat(files).containsKey(file);
            JsonNode alone = FrameClient.json(client.postFrame("stream=folder-check", "image/png", files.get(file)));
            assertThat(row.getAttribute("data-outcome")).isEqualTo("ok");
            assertThat(Integer.parseInt(row.getAttribute("data-objects")))
                    .as(file)
                    .isEqualTo(alone.get("objectCount").asInt());
            assertThat(JSON.readTree(row.getAttribute("data-counts"))).as(file).isEqualTo(alone.get("countsByClass"));
            objects += alone.get("objectCount").asInt();
        }
        assertThat(client.getJson("/api/v1/stats/folder-40")
                        .get("frames")
                        .get("total")
                        .asLong())
                .isEqualTo(40);

        String[] csv = download("batch-csv").split("\\r?\\n");
        assertThat(csv[0])
                .isEqualTo(
                        "file,id,class,confidence,area,equivalent_diameter,max_feret,min_feret,centroid_x,centroid_y");
        assertThat(csv).hasSize(1 + objects);
        for (int i = 1; i < csv.length; i++) {
            String[] fields = csv[i].split(",");
            assertThat(fields).hasSize(10);
            assertThat(files).containsKey(fields[0]);
            assertThat(fields[2]).isIn("round", "elongated", "rectangular", "irregular");
            assertThat(Double.parseDouble(fields[5])).isPositive();
        }
        String[] ndjson = download("batch-ndjson").split("\n");
        assertThat(ndjson).hasSize(41);
        assertThat(JSON.readTree(ndjson[40]).get("summary").get("frames").asInt())
                .isEqualTo(40);
    }

    @Test
    void theStopButtonStopsTheUploadAndTheServiceCountsOnlyWhatItAnalysed() throws InterruptedException {
        SyntheticScene large = SyntheticFrames.builder(640, 480)
                .seed(9)
                .objects(30)
                .kinds(PaintedShape.DISC, PaintedShape.RECTANGLE, PaintedShape.BAR)
                .sizeRange(12, 40)
                .build();
        String base64 = Base64.getEncoder().encodeToString(EncodedSamples.encode(large.frame(), FrameFormat.PNG));
        openWithStream("stopped");
        browser.script("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                for (let i = 0; i < 300; i++) transfer.items.add(new File([bytes], `s${i}.png`, {type: 'image/png'}));
                // press Stop as soon as the first result is in the table
                new MutationObserver((changes, observer) => {
                  observer.disconnect();
                  document.querySelector("[data-testid='batch-stop']").click();
                }).observe(document.getElementById('batch-rows'), {childList: true});
                const zone = document.querySelector("[data-testid='batch-drop-zone']");
                zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                """, base64);

        browser.await("the batch is stopped", d -> "stopped".equals(state()));
        int shown =
                browser.driver().findElements(By.cssSelector("#batch-rows tr")).size();
        assertThat(shown).isBetween(1, 99);
        assertThat(browser.byTestId("batch-status").getText()).startsWith("Stopped after");
        assertThat(browser.byTestId("batch-stop").isEnabled()).isFalse();

        // The service stops the batch at its next line: what it counted stays below the first request's 100.
        long counted = -1;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            counted = client.getJson("/api/v1/stats/stopped")
                    .get("frames")
                    .get("total")
                    .asLong();
        }
        assertThat(counted).isBetween((long) shown, 99L);
        Thread.sleep(500);
        assertThat(client.getJson("/api/v1/stats/stopped")
                        .get("frames")
                        .get("total")
                        .asLong())
                .isEqualTo(counted);
    }
}
