package dev.framepipe.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A raw HTTP client for tests against a service on a local port. Thread-safe.
 *
 * <p>Tests that only send requests and check answers use Spring's {@code RestTestClient}
 * ({@code RestTestClient.bindToServer()}, as {@code StreamLimitTests} does). This client stays
 * where a raw one is needed: bodies sent exactly as given (no message converter picks or changes
 * the content type, a missing {@code Content-Type} stays missing), hand-built multipart bodies
 * (duplicate or missing parts), any status read without an exception or an expectation, and one
 * shared instance driven from many threads at once (concurrency, overload and soak tests).
 */
public final class FrameClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public FrameClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs bytes with a content type to a path (with query). */
    public HttpResponse<byte[]> post(String pathAndQuery, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** POSTs a frame to {@code /api/v1/frames} with the given query (without '?'). */
    public HttpResponse<byte[]> postFrame(String query, String contentType, byte[] body, String... headers) {
        return post("/api/v1/frames" + (query.isEmpty() ? "" : "?" + query), contentType, body, headers);
    }

    /** POSTs a multipart form with the given file parts (name, content type, bytes, repeated). */
    public HttpResponse<byte[]> postMultipart(String query, Object... parts) {
        String boundary = "fp-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i + 2 < parts.length; i += 3) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + parts[i]
                    + "\"; filename=\"frame.bin\"\r\nContent-Type: " + parts[i + 1] + "\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            body.writeBytes((byte[]) parts[i + 2]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return postFrame(query, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<byte[]> put(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<byte[]> delete(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .DELETE();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** GETs a path and parses the JSON answer. */
    public JsonNode getJson(String path) {
        return json(get(path));
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
