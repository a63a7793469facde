package dev.framepipe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Swagger UI in a real browser: every operation is listed and "Try it out" analyses an uploaded PNG. */
// The upload is counted in the statistics: a fresh context afterwards keeps other classes' counts exact.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwaggerUiTests {

    private static final SyntheticScene SCENE = SyntheticFrames.builder(240, 180)
            .seed(11)
            .objects(6)
            .kinds(PaintedShape.DISC, PaintedShape.RECTANGLE, PaintedShape.BAR)
            .sizeRange(14, 30)
            .build();

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        browser = new Browser(port);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private List<WebElement> operations() {
        browser.open("/swagger-ui.html");
        return browser.await("Swagger UI lists the operations", d -> {
            List<WebElement> blocks = d.findElements(By.cssSelector(".opblock"));
            return blocks.size() >= 4 ? blocks : null;
        });
    }

    @Test
    void listsEveryOperation() {
        List<String> listed = operations().stream()
                .map(block -> block.findElement(By.cssSelector(".opblock-summary-method"))
                                .getText() + " "
                        + block.findElement(By.cssSelector(".opblock-summary-path"))
                                .getAttribute("data-path"))
                .toList();
        assertThat(listed)
                .containsExactlyInAnyOrder(
                        "POST /api/v1/frames",
                        "POST /api/v1/batches",
                        "GET /api/v1/stats",
                        "GET /api/v1/stats/{stream}",
                        "DELETE /api/v1/stats/{stream}",
                        "GET /api/v1/classifier",
                        "PUT /api/v1/classifier/model");
    }

    @Test
    void tryItOutAnalysesAnUploadedPng(@TempDir Path dir) throws IOException {
        Path png = Files.write(dir.resolve("scene.png"), EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG));
        operations();
        WebElement operation = browser.find(By.id("operations-frames-analyse"));
        operation.findElement(By.cssSelector(".opblock-summary-control")).click();
        // springdoc.swagger-ui.try-it-out-enabled opens operations in "Try it out" mode already (the button reads
        // "Cancel").
        WebElement tryOut =
                browser.await("the Try it out button", d -> operation.findElement(By.cssSelector(".try-out__btn")));
        if (tryOut.getText().trim().equals("Try it out")) {
            tryOut.click();
        }

        Select contentType = new Select(browser.await(
                "the request body's content type",
                d -> operation.findElement(By.cssSelector(".body-param-content-type select"))));
        contentType.selectByVisibleText("multipart/form-data");
        WebElement stream = browser.await("the editable stream parameter", d -> {
            WebElement input = operation.findElement(By.cssSelector("tr[data-param-name='stream'] input"));
            return input.isDisplayed() && input.isEnabled() ? input : null;
        });
        stream.clear();
        stream.sendKeys("swagger-ui");
        browser.await("the multipart file input", d -> operation.findElement(By.cssSelector("input[type='file']")))
                .sendKeys(png.toAbsolutePath().toString());
        operation.findElement(By.cssSelector(".execute")).click();

        String status = browser.await("a response in Swagger UI", d -> {
            List<WebElement> cells =
                    operation.findElements(By.cssSelector(".live-responses-table tbody .response-col_status"));
            return cells.isEmpty() || cells.get(0).getText().isBlank()
                    ? null
                    : cells.get(0).getText();
        });
        WebElement body =
                operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_description pre"));
        browser.screenshot("swagger-ui-try-it-out");
        assertThat(status.trim()).isEqualTo("200");
        assertThat(body.getText())
                .contains(
                        "\"stream\": \"swagger-ui\"",
                        "\"objectCount\": " + SCENE.truth().size(),
                        "\"objects\": [",
                        "\"label\":");
    }
}
