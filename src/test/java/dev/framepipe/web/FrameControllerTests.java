package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.framepipe.detection.DetectionConfiguration;
import dev.framepipe.detection.DetectorDefaults;
import dev.framepipe.frame.FrameLimits;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.PipelineProperties;
import dev.framepipe.pipeline.PipelineSaturated;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StatsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FrameController} in a web slice with the pipeline mocked: what it refuses before any
 * frame is analysed (a bad {@code detail}, an unknown query parameter, a saturated pipeline).
 * Analysis itself, the body intake and its limits need real HTTP ({@code FrameApiTests},
 * {@code BadInputTests}).
 */
@WebMvcTest(controllers = FrameController.class)
@Import({WebSliceConfiguration.class, DetectionConfiguration.class, FrameControllerTests.Collaborators.class})
class FrameControllerTests {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FrameLimits.class)
    static class Collaborators {

        @Bean
        Aggregator aggregator(StatsProperties properties) {
            return new Aggregator(properties);
        }

        @Bean
        DetectorParameters detectorParameters(DetectorDefaults defaults) {
            return new DetectorParameters(defaults);
        }

        @Bean
        FrameReportWriter frameReportWriter(JsonMapper mapper) {
            return new FrameReportWriter(mapper);
        }
    }

    @MockitoBean
    FramePipeline pipeline;

    @Autowired
    MockMvcTester mvc;

    @Test
    void refusesAnUnknownQueryParameterWith400NamingItBeforeAskingThePipeline() {
        assertThat(mvc.post()
                        .uri("/api/v1/frames?stream=slice&colour=red")
                        .contentType(MediaType.IMAGE_PNG)
                        .content(PNG_SIGNATURE))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.parameter")
                .isEqualTo("colour");
        verify(pipeline, never()).checkAdmissible();
    }

    @Test
    void refusesAnUnknownDetailWith400NamingIt() {
        assertThat(mvc.post()
                        .uri("/api/v1/frames?stream=slice&detail=boxes")
                        .contentType(MediaType.IMAGE_PNG)
                        .content(PNG_SIGNATURE))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("detail 'boxes'");
        verify(pipeline, never()).checkAdmissible();
    }

    @Test
    void refusesAFrameWhileThePipelineIsSaturatedWith503AndRetryAfter() {
        doThrow(new PipelineSaturated("no room for the frame")).when(pipeline).checkAdmissible();

        assertThat(mvc.post()
                        .uri("/api/v1/frames?stream=slice")
                        .contentType(MediaType.IMAGE_PNG)
                        .content(PNG_SIGNATURE))
                .hasStatus(503)
                .hasHeader(
                        "Retry-After",
                        Long.toString(Math.max(
                                1, PipelineProperties.defaults().retryAfter().toSeconds())))
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("no room for the frame");
    }
}
