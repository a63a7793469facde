package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class FrameConfigurationTests {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withUserConfiguration(LimitsConfiguration.class, FrameConfiguration.class);

    @Test
    void providesADecoderBoundToTheConfiguredLimits() {
        contexts.withPropertyValues("framepipe.limits.max-width=100", "framepipe.limits.max-height=50")
                .run(context -> {
                    FrameDecoder decoder = context.getBean(FrameDecoder.class);

                    assertThat(decoder.decode(EncodedFrame.rawGray8(new byte[100 * 50], 100, 50))
                                    .width())
                            .isEqualTo(100);
                    assertThatThrownBy(() -> decoder.decode(EncodedFrame.rawGray8(new byte[101], 101, 1)))
                            .isInstanceOf(FrameTooLarge.class)
                            .hasMessage("frame is 101x1 pixels; the limit is 100x50 and 16777216 pixels");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FrameLimits.class)
    static class LimitsConfiguration {}
}
