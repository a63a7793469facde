package dev.framepipe.web;

import dev.framepipe.stats.StatsProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Checks {@code Authorization: Bearer <token>} for protected operations against
 * {@code framepipe.security.operator-token}, or its older alias {@code framepipe.stats.reset-token}.
 * Constant-time comparison; thread-safe.
 */
@Component
class OperatorToken {

    private final String token;

    OperatorToken(SecurityProperties security, StatsProperties stats) {
        String operator = security.operatorToken();
        this.token = operator != null && !operator.isBlank() ? operator : stats.resetToken();
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param operation     what is being attempted, for the message (e.g. {@code "resetting statistics"})
     * @throws OperatorForbidden when no token is configured, or the header does not carry it
     */
    void check(String authorization, String operation) {
        if (token == null || token.isBlank()) {
            throw new OperatorForbidden(operation + " is disabled; set framepipe.security.operator-token "
                    + "(or its alias framepipe.stats.reset-token) to enable it");
        }
        String expected = "Bearer " + token;
        if (authorization == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))) {
            throw new OperatorForbidden(operation + " needs 'Authorization: Bearer <token>' with the operator token");
        }
    }
}
