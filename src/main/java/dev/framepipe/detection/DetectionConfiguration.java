package dev.framepipe.detection;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the detector stage from {@code framepipe.detector.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DetectorProperties.class)
public class DetectionConfiguration {

    /** The detector, one instance for all request threads. */
    @Bean
    public Detector detector(DetectorProperties properties) {
        return Detectors.create(properties);
    }
}
