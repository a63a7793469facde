package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.classification.ModelRejected;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * {@link ClassifierController} in a web slice over a small classifier double that records the
 * models it is given: the active model's identity, a replacement only with the operator token
 * and with exactly the bytes sent, and a rejected model as a 422 problem.
 */
@WebMvcTest(controllers = ClassifierController.class, properties = "framepipe.security.operator-token=tok")
@Import({WebSliceConfiguration.class, ClassifierControllerTests.Doubles.class})
class ClassifierControllerTests {

    private static final ModelIdentity SHIPPED = new ModelIdentity(
            "onnx",
            "shape-classifier",
            "3",
            "ab12",
            List.of("round", "elongated"),
            Instant.parse("2026-01-02T03:04:05Z"));

    /** Accepts any model but one that starts with 'x', and remembers what it was given. */
    static final class RecordingClassifier implements Classifier {

        final List<byte[]> replacements = new ArrayList<>();

        @Override
        public FrameClassification classify(Frame frame, Detection detection) {
            throw new UnsupportedOperationException("no frames in this slice");
        }

        @Override
        public List<String> labels() {
            return SHIPPED.labels();
        }

        @Override
        public ModelIdentity model() {
            return SHIPPED;
        }

        @Override
        public ModelIdentity replaceModel(byte[] model) {
            if (model.length > 0 && model[0] == 'x') {
                throw new ModelRejected(
                        "the model has no output named 'label'", new IllegalStateException("onnx says no"));
            }
            replacements.add(model);
            return new ModelIdentity(
                    "onnx", "uploaded", "4", "cd34", SHIPPED.labels(), Instant.parse("2026-01-03T00:00:00Z"));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Doubles {

        @Bean
        RecordingClassifier classifier() {
            return new RecordingClassifier();
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RecordingClassifier classifier;

    @BeforeEach
    void forgetReplacements() {
        classifier.replacements.clear();
    }

    @Test
    void showsTheActiveModelsIdentity() {
        assertThat(mvc.get().uri("/api/v1/classifier"))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"kind": "onnx", "name": "shape-classifier", "version": "3", "sha256": "ab12",
                         "labels": ["round", "elongated"], "loadedAt": "2026-01-02T03:04:05Z"}""");
    }

    @Test
    void replacesTheModelWithExactlyTheBytesSentAndAnswersTheNewIdentity() {
        byte[] model = {1, 2, 3, 4, 5};
        assertThat(mvc.put()
                        .uri("/api/v1/classifier/model")
                        .header("Authorization", "Bearer tok")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(model))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.name")
                .isEqualTo("uploaded");
        assertThat(classifier.replacements).hasSize(1);
        assertThat(Arrays.equals(classifier.replacements.get(0), model)).isTrue();
    }

    @Test
    void refusesAReplacementWithoutTheOperatorTokenBeforeReadingTheModel() {
        for (String authorization : new String[] {null, "Bearer nope"}) {
            var put = mvc.put()
                    .uri("/api/v1/classifier/model")
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .content(new byte[] {1, 2, 3});
            if (authorization != null) {
                put.header("Authorization", authorization);
            }
            assertThat(put)
                    .as(String.valueOf(authorization))
                    .hasStatus(403)
                    .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(classifier.replacements).isEmpty();
    }

    @Test
    void answersARejectedModelWithA422ProblemWithoutTheCause() {
        var answer = mvc.put()
                .uri("/api/v1/classifier/model")
                .header("Authorization", "Bearer tok")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .content(new byte[] {'x', 1})
                .exchange();
        assertThat(answer)
                .hasStatus(422)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("the model has no output named 'label'");
        assertThat(answer).bodyText().doesNotContain("onnx says no");
    }
}
