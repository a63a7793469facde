package dev.framepipe.baseline;

import dev.framepipe.classification.Classifier;
import dev.framepipe.detection.Detector;
import dev.framepipe.sizing.SizeEstimator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

/**
 * The {@code baseline} profile: replaces the detector, size estimator and classifier with the original
 * Python controller's synthetic stages ({@link BaselineWorkload}), to compare the two designs on the
 * same work. Without the profile none of these beans exist.
 */
@Configuration(proxyBeanMethods = false)
@Profile(BaselineConfiguration.PROFILE)
public class BaselineConfiguration {

    /** The profile's name. */
    public static final String PROFILE = "baseline";

    /** Frames whose (max, min) sizes are kept. */
    private static final int EXTREMES_KEPT = 1024;

    @Bean
    BaselineExtremes baselineExtremes() {
        return new BaselineExtremes(EXTREMES_KEPT);
    }

    @Bean
    @Primary
    Detector baselineDetector() {
        return BaselineStages.detector();
    }

    @Bean
    @Primary
    SizeEstimator baselineSizeEstimator(BaselineExtremes extremes) {
        return BaselineStages.sizeEstimator(extremes);
    }

    @Bean
    @Primary
    Classifier baselineClassifier() {
        return BaselineStages.classifier();
    }
}
