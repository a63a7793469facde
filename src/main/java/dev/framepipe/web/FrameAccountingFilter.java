package dev.framepipe.web;

import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Counts every frame request that did not end in an analysis, whatever refused it (Spring
 * MVC's media-type and parameter checks included): 4xx and 503 as {@code rejected}, other
 * 5xx as {@code failed}. Analysed frames are counted by the pipeline itself, so every frame
 * is counted exactly once.
 */
class FrameAccountingFilter extends OncePerRequestFilter {

    private final Aggregator aggregator;

    FrameAccountingFilter(Aggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && FrameController.FRAMES_PATH.equals(request.getRequestURI()));
    }

    /** Bodies read by {@link BodyIntakeFilter} reach the controller in an asynchronous dispatch; count them there. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean thrown = true;
        try {
            chain.doFilter(request, response);
            thrown = false;
        } finally {
            int status = thrown ? 500 : response.getStatus();
            if (status >= 400) {
                aggregator.countRefusal(streamOf(request), outcomeOf(status));
            }
        }
    }

    /** How a frame refused with this (error) status is counted: 4xx and 503 rejected, other 5xx failed. */
    static Outcome outcomeOf(int status) {
        return status >= 500 && status != 503 ? Outcome.FAILED : Outcome.REJECTED;
    }

    /** Counts a frame request that ended before it reached the controller, as {@code rejected}. */
    void countRefused(HttpServletRequest request) {
        aggregator.countRefusal(streamOf(request), Outcome.REJECTED);
    }

    private static String streamOf(HttpServletRequest request) {
        String query = request.getQueryString();
        String stream = query == null
                ? null
                : UriComponentsBuilder.newInstance()
                        .query(query)
                        .build()
                        .getQueryParams()
                        .getFirst("stream");
        return Aggregator.streamName(
                stream == null
                        ? null
                        : org.springframework.web.util.UriUtils.decode(
                                stream, java.nio.charset.StandardCharsets.UTF_8));
    }
}
