package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.frame.Frame;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DetectionConfigurationTests {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(DetectionConfiguration.class);

    @Test
    void providesADetectorBoundToTheDetectorProperties() {
        runner.withPropertyValues(
                        "framepipe.detector.connectivity=4",
                        "framepipe.detector.min-area=1",
                        "framepipe.detector.polarity=BRIGHT")
                .run(context -> {
                    assertThat(context).hasSingleBean(Detector.class);
                    DetectorProperties properties = context.getBean(DetectorProperties.class);
                    assertThat(properties.connectivity()).isEqualTo(4);
                    assertThat(properties.thresholdMethod()).isEqualTo(ThresholdMethod.OTSU);
                    Frame diagonal = Fixtures.frame("#.", ".#");
                    assertThat(context.getBean(Detector.class).detect(diagonal).objects())
                            .hasSize(2);
                });
    }

    @Test
    void refusesAConnectivityOtherThanFourOrEight() {
        assertThatThrownBy(() -> new DetectorProperties(ThresholdMethod.OTSU, 128, Polarity.AUTO, 6, 4, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectivity");
    }

    @Test
    void aStreamOverridesTheGlobalDefaultsAndARequestOverridesItsStream() {
        runner.withPropertyValues(
                        "framepipe.detector.min-area=20",
                        "framepipe.detector.split=touching",
                        "framepipe.streams.belt.detector.polarity=dark",
                        "framepipe.streams.belt.detector.object-diameter=30-90",
                        "framepipe.streams.belt.detector.threshold-method=local")
                .run(context -> {
                    DetectorDefaults defaults = context.getBean(DetectorDefaults.class);
                    DetectorOptions belt = defaults.forStream("belt");
                    assertThat(belt.polarity()).isEqualTo(Polarity.DARK);
                    assertThat(belt.objectDiameter()).isEqualTo(new DiameterRange(30, 90));
                    assertThat(belt.thresholdMethod()).isEqualTo(ThresholdMethod.LOCAL);
                    assertThat(belt.minArea()).isEqualTo(20);
                    assertThat(belt.split()).isEqualTo(Split.TOUCHING);
                    assertThat(defaults.forStream("other-cam")).isEqualTo(defaults.global());
                    assertThat(defaults.global().polarity()).isEqualTo(Polarity.AUTO);
                    DetectorOptions request = defaults.resolve(
                            "belt", DetectorOverrides.parse(java.util.Map.of("polarity", "bright", "split", "none")));
                    assertThat(request.polarity()).isEqualTo(Polarity.BRIGHT);
                    assertThat(request.split()).isEqualTo(Split.NONE);
                    assertThat(request.objectDiameter()).isEqualTo(new DiameterRange(30, 90));
                });
    }

    @Test
    void aBadStreamOptionFailsTheStartUpNamingIt() {
        runner.withPropertyValues("framepipe.streams.belt.detector.object-diameter=90-30")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("90-30"));
        runner.withPropertyValues("framepipe.streams.belt.detector.min-area=50", "framepipe.detector.max-area=10")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("max-area"));
    }
}
