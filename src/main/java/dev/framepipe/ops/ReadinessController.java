package dev.framepipe.ops;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/readiness}: the readiness health group on the API port, with the same body
 * and status code (200 when UP, 503 otherwise) as {@code /actuator/health/readiness} on the
 * management port. The dashboard is served from the API port and the management port is kept off
 * the public network, so the browser reads readiness here. Not part of the documented API: its
 * body is the actuator's health format.
 */
@Hidden
@RestController
class ReadinessController {

    private static final String READINESS_GROUP = "readiness";

    private final HealthEndpoint health;
    private final HttpCodeStatusMapper statusCodes;

    ReadinessController(HealthEndpoint health, HttpCodeStatusMapper statusCodes) {
        this.health = health;
        this.statusCodes = statusCodes;
    }

    @GetMapping(path = "/api/v1/readiness", produces = "application/json")
    ResponseEntity<HealthDescriptor> readiness() {
        HealthDescriptor readiness = health.healthForPath(READINESS_GROUP);
        if (readiness == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.status(statusCodes.getStatusCode(readiness.getStatus()))
                .body(readiness);
    }
}
