package dev.framepipe.sizing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the size estimator stage from {@code framepipe.sizing.*}. */
@Configuration(proxyBeanMethods = false)
public class SizingConfiguration {

    @Bean
    SizeEstimator sizeEstimator(SizingProperties properties) {
        return SizeEstimators.create(properties);
    }
}
