package dev.framepipe.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How long a frame's body may take to arrive ({@code framepipe.intake.*}), in the manner of nginx's
 * {@code client_body_timeout} and Jetty's minimum request data rate: a body of {@code n} bytes must
 * be complete within {@code grace + n / minRate}; a chunked body (length unknown) gets the time of
 * the largest body allowed. Past it the answer is 408 and the frame is counted as rejected.
 *
 * @param grace   time allowed on top of the transfer time at the minimum rate (connection set-up,
 *                a client's pauses)
 * @param minRate slowest accepted upload, per second
 * @param linger  how long the rest of a refused frame's body is read and discarded after its answer, without a
 *                thread, before the connection is closed under it (Apache httpd lingers as long): a client still
 *                sending reads its answer meanwhile, while one that trickles on cannot keep a thread or socket
 */
@Validated
@ConfigurationProperties("framepipe.intake")
public record IntakeProperties(
        @DefaultValue("5s") @NotNull Duration grace,
        @DefaultValue("64KB") @NotNull DataSize minRate,
        @DefaultValue("2s") @NotNull Duration linger) {

    /** The time allowed for a body of {@code bytes} bytes. */
    public Duration bodyTimeout(long bytes) {
        long rate = Math.max(1, minRate.toBytes());
        return grace.plusMillis(bytes * 1000 / rate);
    }
}
