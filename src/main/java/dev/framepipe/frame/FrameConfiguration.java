package dev.framepipe.frame;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the decode stage: one thread-safe {@link FrameDecoder} bound to the {@link FrameLimits}. */
@Configuration(proxyBeanMethods = false)
public class FrameConfiguration {

    @Bean
    public FrameDecoder frameDecoder(FrameLimits limits) {
        return FrameDecoders.create(limits);
    }
}
