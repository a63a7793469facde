package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.frame.Frame;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DetectionConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DetectionConfiguration.class);

    @Test
    void providesADetectorBoundToTheDetectorProperties() {
        runner.withPropertyValues("framepipe.detector.connectivity=4", "framepipe.detector.min-area=1",
                        "framepipe.detector.polarity=BRIGHT")
                .run(context -> {
                    assertThat(context).hasSingleBean(Detector.class);
                    DetectorProperties properties = context.getBean(DetectorProperties.class);
                    assertThat(properties.connectivity()).isEqualTo(4);
                    assertThat(properties.thresholdMethod()).isEqualTo(ThresholdMethod.OTSU);
                    Frame diagonal = Fixtures.frame("#.", ".#");
                    assertThat(context.getBean(Detector.class).detect(diagonal).objects()).hasSize(2);
                });
    }

    @Test
    void refusesAConnectivityOtherThanFourOrEight() {
        assertThatThrownBy(() -> new DetectorProperties(ThresholdMethod.OTSU, 128, Polarity.AUTO, 6, 4, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectivity");
    }
}
