package dev.framepipe.web;

import dev.framepipe.frame.FrameLimits;
import dev.framepipe.stats.Aggregator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HTTP wiring: multipart limits derived from the frame limits, frame accounting, OpenAPI info. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Name of the OpenAPI security scheme that protected operations declare. */
    static final String OPERATOR_TOKEN = "operatorToken";

    /** Multipart uploads obey the same body limit as plain bodies, plus room for the form's own headers. */
    @Bean
    MultipartConfigElement multipartConfigElement(FrameLimits limits) {
        long max = limits.maxBodySize().toBytes();
        return new MultipartConfigElement("", max, max + 64 * 1024, 0);
    }

    @Bean
    FilterRegistrationBean<FrameAccountingFilter> frameAccountingFilter(Aggregator aggregator) {
        FilterRegistrationBean<FrameAccountingFilter> registration =
                new FilterRegistrationBean<>(new FrameAccountingFilter(aggregator));
        registration.addUrlPatterns(FrameController.FRAMES_PATH);
        return registration;
    }

    @Bean
    OpenAPI frameOpenApi() {
        return new OpenAPI().info(new Info()
                .title("FramePipe API")
                .version("v1")
                .description("Post image frames; FramePipe detects the objects (Otsu threshold and connected-component "
                        + "labeling), measures them, classifies them and keeps running statistics per stream. "
                        + "Errors are RFC 9457 problem documents."))
                .components(new Components().addSecuritySchemes(OPERATOR_TOKEN,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("framepipe.security.operator-token (alias framepipe.stats.reset-token); "
                                        + "protected operations answer 403 while none is configured")));
    }
}
