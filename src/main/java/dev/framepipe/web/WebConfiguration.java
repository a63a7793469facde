package dev.framepipe.web;

import dev.framepipe.frame.FrameLimits;
import dev.framepipe.stats.Aggregator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import io.swagger.v3.oas.models.info.Info;
import dev.framepipe.pipeline.FramePipeline;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** HTTP wiring: multipart limits derived from the frame limits, frame accounting, OpenAPI info. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Multipart uploads obey the same body limit as plain bodies, plus room for the form's own headers. */
    @Bean
    MultipartConfigElement multipartConfigElement(FrameLimits limits) {
        long max = limits.maxBodySize().toBytes();
        return new MultipartConfigElement("", max, max + 64 * 1024, 0);
    }

    @Bean
    FrameAccountingFilter frameAccounting(Aggregator aggregator) {
        return new FrameAccountingFilter(aggregator);
    }

    @Bean
    FilterRegistrationBean<FrameAccountingFilter> frameAccountingFilter(FrameAccountingFilter accounting) {
        FilterRegistrationBean<FrameAccountingFilter> registration = new FilterRegistrationBean<>(accounting);
        registration.addUrlPatterns(FrameController.FRAMES_PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    /** Admits and reads frame bodies before the accounting filter and the controller see them. */
    @Bean
    FilterRegistrationBean<BodyIntakeFilter> bodyIntakeFilter(FramePipeline pipeline, FrameLimits limits,
            IntakeProperties intake, FrameAccountingFilter accounting) {
        FilterRegistrationBean<BodyIntakeFilter> registration =
                new FilterRegistrationBean<>(new BodyIntakeFilter(pipeline, limits, intake, accounting));
        registration.addUrlPatterns(FrameController.FRAMES_PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    /** Name of the bearer security scheme of token-protected operations. */
    public static final String BEARER = "bearerAuth";

    /**
     * Every operation states its security: token-protected ones name {@link #BEARER}; the others say
     * {@code security: []} (none needed), as Redocly's recommended {@code security-defined} rule asks.
     */
    @Bean
    OperationCustomizer openOperations() {
        return (operation, handler) -> {
            if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
                operation.setSecurity(new java.util.ArrayList<>());
            }
            return operation;
        };
    }

    @Bean
    OpenAPI frameOpenApi() {
        return new OpenAPI()
                .servers(java.util.List.of(new Server().url("/").description("this service")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("Authorization: Bearer <token>, the token configured for the operation")))
                .info(new Info()
                .title("FramePipe API")
                .version("v1")
                .description("Post image frames; FramePipe detects the objects (Otsu threshold and connected-component "
                        + "labeling), measures them, classifies them and keeps running statistics per stream. "
                        + "Errors are RFC 9457 problem documents."));
    }
}
