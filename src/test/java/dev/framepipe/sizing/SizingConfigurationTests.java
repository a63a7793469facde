package dev.framepipe.sizing;

import static dev.framepipe.sizing.RasterShapes.detection;
import static dev.framepipe.sizing.RasterShapes.object;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SizingConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SizingProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Properties.class, SizingConfiguration.class);

    @Test
    void reportsPixelsOnlyWithoutScale() {
        runner.run(context -> {
            SizeEstimator estimator = context.getBean(SizeEstimator.class);
            assertThat(estimator
                            .estimate(detection(40, 40, object(1, RasterShapes.disc(20), 20, 20, 40, 40)))
                            .get(0)
                            .mm())
                    .isNull();
        });
    }

    @Test
    void reportsMillimetresWithConfiguredScale() {
        runner.withPropertyValues("framepipe.sizing.mm-per-pixel=0.1").run(context -> {
            ObjectSize size = context.getBean(SizeEstimator.class)
                    .estimate(detection(40, 40, object(1, RasterShapes.rectangle(20, 10, 0), 20.5, 20.5, 40, 40)))
                    .get(0);
            assertThat(size.mm()).isNotNull();
            assertThat(size.mm().area()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(size.mm().minFeret()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        });
    }
}
