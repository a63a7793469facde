package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing detector options by their kebab-case names, and their precedence. */
class DetectorOverridesTests {

    @Test
    void parsesEveryOptionByItsName() {
        DetectorOptions options = DetectorOverrides.parse(Map.ofEntries(
                        Map.entry("polarity", "dark"),
                        Map.entry("threshold-method", "LOCAL"),
                        Map.entry("threshold-level", "90"),
                        Map.entry("local-window", "51"),
                        Map.entry("fill-holes", "false"),
                        Map.entry("split", "touching"),
                        Map.entry("object-diameter", "20-60"),
                        Map.entry("min-area", "30"),
                        Map.entry("max-area", "5000"),
                        Map.entry("exclude-border", "true"),
                        Map.entry("connectivity", "4")))
                .applyTo(DetectorOptions.defaults());
        assertThat(options)
                .isEqualTo(new DetectorOptions(
                        ThresholdMethod.LOCAL,
                        90,
                        51,
                        Polarity.DARK,
                        4,
                        false,
                        Split.TOUCHING,
                        new DiameterRange(20, 60),
                        30,
                        5000,
                        true));
        assertThat(options.asParameters())
                .containsEntry("split", "touching")
                .containsEntry("object-diameter", "20-60")
                .containsOnlyKeys(DetectorOption.parameters());
    }

    @Test
    void anUnsetOptionKeepsTheValueBelowIt() {
        DetectorOptions stream = DetectorOverrides.parse(Map.of("polarity", "dark", "min-area", "50"))
                .applyTo(DetectorOptions.defaults());
        DetectorOptions request =
                DetectorOverrides.parse(Map.of("min-area", "9")).applyTo(stream);
        assertThat(request.polarity()).isEqualTo(Polarity.DARK);
        assertThat(request.minArea()).isEqualTo(9);
        assertThat(request.split()).isEqualTo(DetectorOptions.defaults().split());
    }

    @ParameterizedTest
    @CsvSource({
        "split, touchingg",
        "split, ''",
        "polarity, up",
        "threshold-method, mean",
        "threshold-level, 256",
        "threshold-level, -1",
        "threshold-level, x",
        "local-window, 50",
        "local-window, 1",
        "fill-holes, yes",
        "object-diameter, 40-20",
        "object-diameter, 1-5",
        "object-diameter, 20",
        "object-diameter, a-b",
        "min-area, 0",
        "max-area, -1",
        "exclude-border, 1",
        "connectivity, 6",
        "splitt, touching"
    })
    void aBadValueOrUnknownNameIsRefusedNamingTheOption(String name, String value) {
        assertThatThrownBy(() -> DetectorOverrides.parse(Map.of(name, value)).applyTo(DetectorOptions.defaults()))
                .isInstanceOfSatisfying(InvalidDetectorOption.class, e -> {
                    assertThat(e.parameter()).isEqualTo(name);
                    assertThat(e.getMessage()).contains("'" + name + "'");
                });
    }

    @Test
    void aMaximumAreaBelowTheMinimumIsRefusedNamingIt() {
        assertThatThrownBy(() -> DetectorOverrides.parse(Map.of("min-area", "100", "max-area", "50"))
                        .applyTo(DetectorOptions.defaults()))
                .isInstanceOfSatisfying(
                        InvalidDetectorOption.class,
                        e -> assertThat(e.parameter()).isEqualTo("max-area"));
    }
}
