package dev.framepipe.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may run protected operations ({@code framepipe.security.*}).
 *
 * @param operatorToken bearer token required by every protected operation (replacing the classifier's model,
 *                      resetting a stream's statistics); unset falls back to {@code framepipe.stats.reset-token},
 *                      and with neither set those operations are disabled (403)
 */
@ConfigurationProperties("framepipe.security")
public record SecurityProperties(String operatorToken) {}
