package dev.framepipe.detection;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the detector stage from {@code framepipe.detector.*} and {@code framepipe.streams.<stream>.detector.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DetectorProperties.class, StreamDetectorProperties.class})
public class DetectionConfiguration {

    /** The detector, one instance for all request threads. */
    @Bean
    public Detector detector(DetectorProperties properties) {
        return Detectors.create(properties);
    }

    /** Each frame's effective options: global, then its stream's, then its request's. */
    @Bean
    public DetectorDefaults detectorDefaults(DetectorProperties properties, StreamDetectorProperties streams) {
        return new DetectorDefaults(properties, streams);
    }
}
