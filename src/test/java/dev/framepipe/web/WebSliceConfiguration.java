package dev.framepipe.web;

import dev.framepipe.pipeline.PipelineProperties;
import dev.framepipe.stats.StatsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} slice of the API needs besides its controller: the properties that
 * {@link ProblemHandler} ({@code Retry-After}) and {@link OperatorToken} bind (a slice does not run
 * the application's {@code @ConfigurationPropertiesScan}), and the operator token itself.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties({PipelineProperties.class, SecurityProperties.class, StatsProperties.class})
@Import(OperatorToken.class)
class WebSliceConfiguration {}
