package dev.framepipe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the FramePipe frame-analytics service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FramePipeApplication {

    public static void main(String[] args) {
        SpringApplication.run(FramePipeApplication.class, args);
    }
}
