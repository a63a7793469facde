package dev.framepipe.web;

import dev.framepipe.frame.FrameLimits;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.PipelineProperties;
import dev.framepipe.stats.Aggregator;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP wiring: multipart limits derived from the frame limits, Spring's multipart parsing kept off
 * the streamed batches, the batch executor, frame accounting, OpenAPI info.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Name of the batch executor bean, and the {@code name} tag of Boot's {@code executor.*} meters. */
    public static final String BATCH_EXECUTOR = "batchExecutor";

    /**
     * Tomcat answers {@code Expect: 100-continue} only when the application first reads the body, not at once
     * (its default): a frame refused before its body is read (no room, body over the memory budget) is then
     * answered before the client sends a byte of its body.
     */
    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    /**
     * The request threads of the frames' connector run at the lowest priority, under the analysis threads
     * ({@link dev.framepipe.pipeline.AnalysisThreads}, which says why and which JVM options make it count); the
     * management server's are not this connector's and keep theirs.
     */
    @Bean
    TomcatConnectorCustomizer requestThreadsUnderAnalysis() {
        return connector -> connector.setProperty("threadPriority", String.valueOf(Thread.MIN_PRIORITY));
    }

    /**
     * Spring's standard resolver, except for {@code POST /api/v1/batches}: that body is read as a
     * stream, part by part, by {@link BatchController}, while the standard resolver would have the
     * container read (and buffer) every part before the controller runs.
     */
    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    StandardServletMultipartResolver multipartResolver() {
        return new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return !BatchController.BATCHES_PATH.equals(request.getRequestURI()) && super.isMultipart(request);
            }
        };
    }

    /**
     * Decodes and analyses the frames of batches. Every queued task already holds one of the
     * pipeline's {@code max-in-flight} places, so a queue of that size never refuses one.
     */
    @Bean(name = BATCH_EXECUTOR)
    ThreadPoolTaskExecutor batchExecutor(BatchProperties batch, PipelineProperties pipeline) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("batch-");
        executor.setCorePoolSize(batch.effectiveThreads());
        executor.setMaxPoolSize(batch.effectiveThreads());
        executor.setQueueCapacity(pipeline.maxInFlight());
        // Batches still running during a graceful shutdown finish the frames they hold.
        executor.setAcceptTasksAfterContextClose(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    /** Name of the OpenAPI security scheme that protected operations declare. */
    public static final String OPERATOR_TOKEN = "operatorToken";

    /** Multipart uploads obey the same body limit as plain bodies, plus room for the form's own headers. */
    @Bean
    MultipartConfigElement multipartConfigElement(FrameLimits limits) {
        long max = limits.maxBodySize().toBytes();
        return new MultipartConfigElement("", max, max + 64 * 1024, 0);
    }

    /** The frame report's JSON, written by the streaming generator; shared by every operation that answers reports. */
    @Bean
    FrameReportWriter frameReportWriter(JsonMapper mapper) {
        return new FrameReportWriter(mapper);
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

    /**
     * Admits and reads frame bodies before the accounting filter and the controller see them; a refused body is
     * discarded up to Tomcat's {@code max-swallow-size}, as Tomcat would.
     */
    @Bean
    FilterRegistrationBean<BodyIntakeFilter> bodyIntakeFilter(
            FramePipeline pipeline,
            FrameLimits limits,
            IntakeProperties intake,
            FrameAccountingFilter accounting,
            TomcatServerProperties tomcat) {
        FilterRegistrationBean<BodyIntakeFilter> registration = new FilterRegistrationBean<>(new BodyIntakeFilter(
                pipeline, limits, intake, accounting, tomcat.getMaxSwallowSize().toBytes()));
        registration.addUrlPatterns(FrameController.FRAMES_PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    /**
     * Every operation states its security: token-protected ones name {@link #OPERATOR_TOKEN}; the others say
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
                .info(new Info()
                        .title("FramePipe API")
                        .version("v1")
                        .description(
                                "Post image frames, one by one or as a batch; FramePipe detects the objects (threshold, "
                                        + "labeling, holes, optional splitting), measures them, classifies them (a learned model by "
                                        + "default) and keeps running statistics per stream. "
                                        + "Errors are RFC 9457 problem documents."))
                .components(new Components()
                        .addSecuritySchemes(
                                OPERATOR_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description(
                                                "framepipe.security.operator-token (alias framepipe.stats.reset-token); "
                                                        + "protected operations answer 403 while none is configured")));
    }
}
