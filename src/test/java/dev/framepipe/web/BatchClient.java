package dev.framepipe.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP clients for {@code POST /api/v1/batches}: a whole body sent by {@code java.net.http},
 * and a {@link Streaming} request over a plain socket that sends parts one at a time (chunked) while
 * it reads the NDJSON lines as they arrive.
 */
final class BatchClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One file part of a batch. */
    record Part(String name, String filename, String contentType, byte[] data, List<String> headers) {

        static Part frame(String filename, String contentType, byte[] data, String... headers) {
            return new Part("frame", filename, contentType, data, List.of(headers));
        }

        /** The part as it stands in a body: its delimiter line, headers, a blank line, its bytes and a CRLF. */
        byte[] encode(String boundary) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(headersAndData());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return out.toByteArray();
        }

        /** The part's headers, the blank line and its bytes. */
        byte[] headersAndData() {
            StringBuilder head = new StringBuilder("Content-Disposition: form-data; name=\"")
                    .append(name)
                    .append("\"; filename=\"")
                    .append(filename)
                    .append("\"\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                head.append(headers.get(i))
                        .append(": ")
                        .append(headers.get(i + 1))
                        .append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data);
            return out.toByteArray();
        }
    }

    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    BatchClient(int port) {
        this.port = port;
    }

    /** The multipart body of these parts, with its boundary. */
    static byte[] body(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            out.writeBytes(part.encode(boundary));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** POSTs the whole batch at once and returns the answer. */
    HttpResponse<String> post(String query, List<Part> parts) {
        String boundary = "batch-" + UUID.randomUUID();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + BatchController.BATCHES_PATH + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, parts)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request head without its body and returns the answer's status, headers and (one-line) body. */
    static String sendHead(int port, String head) throws IOException {
        try (Streaming raw = new Streaming(port, head, true)) {
            int status = raw.status();
            JsonNode body = raw.contentLength == 0 ? null : raw.readLine();
            return status + "\n" + raw.head + "\n" + body;
        }
    }

    /** The NDJSON lines of an answer, parsed. */
    static List<JsonNode> lines(String ndjson) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** Opens a batch whose body is sent part by part, chunked. */
    Streaming open(String query) {
        return new Streaming(port, query);
    }

    /**
     * One batch request on its own socket: {@link #send} writes a part as one chunk,
     * {@link #readLine} reads the next NDJSON line of the answer (blocking, up to the socket timeout).
     */
    static final class Streaming implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String boundary = "batch-" + UUID.randomUUID();
        private int status = -1;
        private boolean chunked;
        private long chunkLeft;
        private boolean ended;
        private int parts;

        private final StringBuilder head = new StringBuilder();
        private long contentLength = -1;

        Streaming(int port, String query) {
            this(port, "POST " + BatchController.BATCHES_PATH + (query.isEmpty() ? "" : "?" + query), false);
        }

        private Streaming(int port, String requestLine, boolean rawHead) {
            try {
                socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(20_000);
                out = socket.getOutputStream();
                in = socket.getInputStream();
                String head = rawHead
                        ? requestLine
                        : requestLine
                                + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                + "\r\nContent-Type: multipart/form-data; boundary="
                                + boundary + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Sends one part as one chunk, with the delimiter that ends it: a multipart parser knows a
         * part has ended only when it sees the next delimiter.
         */
        void send(Part part) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((parts++ == 0 ? "--" + boundary + "\r\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part.headersAndData());
            out.writeBytes(("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII));
            chunk(out.toByteArray());
        }

        /** Sends the start of a part (headers and these bytes) without the delimiter that would end it. */
        void sendUnfinished(Part part) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((parts++ == 0 ? "--" + boundary + "\r\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part.headersAndData());
            chunk(out.toByteArray());
        }

        /** Sends the end of the closing delimiter and the last chunk: the body is finished. */
        void finish() throws IOException {
            chunk((parts == 0 ? "--" + boundary + "--\r\n" : "--\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private void chunk(byte[] data) throws IOException {
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The answer's status, reading its head if not read yet. */
        int status() throws IOException {
            if (status < 0) {
                String statusLine = asciiLine();
                status = Integer.parseInt(statusLine.split(" ")[1]);
                for (String header = asciiLine(); !header.isEmpty(); header = asciiLine()) {
                    head.append(header).append('\n');
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Long.parseLong(
                                header.substring(header.indexOf(':') + 1).trim());
                    }
                    if (header.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked")) {
                        chunked = true;
                    }
                }
            }
            return status;
        }

        /** The next line of the answer's body, parsed; null at its end. */
        JsonNode readLine() throws IOException {
            status();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = bodyByte(); b != '\n'; b = bodyByte()) {
                if (b < 0) {
                    return line.size() == 0 ? null : JSON.readTree(line.toByteArray());
                }
                line.write(b);
            }
            return JSON.readTree(line.toByteArray());
        }

        private int bodyByte() throws IOException {
            if (!chunked) {
                return in.read();
            }
            if (ended) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = asciiLine();
                if (size.isEmpty()) {
                    size = asciiLine();
                }
                chunkLeft = Long.parseLong(size.split(";")[0].trim(), 16);
                if (chunkLeft == 0) {
                    ended = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the answer ended inside a chunk");
            }
            chunkLeft--;
            return b;
        }

        private String asciiLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the answer ended early");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
