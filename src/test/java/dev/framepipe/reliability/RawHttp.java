package dev.framepipe.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} will not send: a declared
 * {@code Content-Length} with no body behind it, an endless chunked body, oversized headers.
 */
final class RawHttp {

    /** The status line, headers and as much of the body as arrived before the server closed or went quiet. */
    record Answer(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** What a body-streaming request sent before the answer came and the connection ended. */
    record Streamed(Answer answer, long bytesSent) {}

    private RawHttp() {}

    /** Sends the request head (request line and headers, no body) and reads the answer. */
    static Answer sendHead(int port, String head) {
        try (Socket socket = open(port)) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the head, then a chunked body of up to {@code maxBytes} in 64 KiB chunks from another
     * thread, while this thread reads the answer; the count says how much the server let through.
     */
    static Streamed streamChunked(int port, String head, long maxBytes) {
        try (Socket socket = open(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < maxBytes) {
                        out.write(size);
                        out.write(chunk);
                        out.write('\r');
                        out.write('\n');
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByServer) {
                    // the server stopped reading and closed the connection: what we want to see
                }
            });
            Answer answer = read(socket.getInputStream());
            socket.close();
            writer.join();
            return new Streamed(answer, sent.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A slow client: sends the head, then {@code bytesPerSend} body bytes every {@code intervalMillis}
     * until the server answers (or {@code maxMillis} pass), and reads the answer.
     */
    static Answer trickle(int port, String head, int bytesPerSend, long intervalMillis, long maxMillis) {
        return trickle(port, head, bytesPerSend, intervalMillis, maxMillis, false);
    }

    /**
     * Sends the head, then {@code bytesPerSend} bytes every {@code intervalMillis} for {@code maxMillis}, whatever the
     * server answers meanwhile (until it closes the connection); the answer is read as soon as it arrives.
     */
    static Answer trickleRegardless(int port, String head, int bytesPerSend, long intervalMillis, long maxMillis) {
        return trickle(port, head, bytesPerSend, intervalMillis, maxMillis, true);
    }

    private static Answer trickle(
            int port, String head, int bytesPerSend, long intervalMillis, long maxMillis, boolean afterAnswer) {
        try (Socket socket = open(port)) {
            socket.setSoTimeout((int) maxMillis);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long until = System.nanoTime() + maxMillis * 1_000_000;
            byte[] bytes = new byte[bytesPerSend];
            Answer answer = null;
            while (System.nanoTime() < until && (afterAnswer || in.available() == 0)) {
                if (answer == null && in.available() > 0) {
                    answer = read(in);
                }
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException closedByServer) {
                    break;
                }
                Thread.sleep(intervalMillis);
            }
            return answer != null ? answer : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request sent in parts over one connection: the head and part of the body now, the rest later. */
    static final class Connection implements AutoCloseable {

        private final Socket socket;

        Connection(int port) {
            try {
                this.socket = open(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Connection send(byte[] bytes) {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Answer read() {
            try {
                return RawHttp.read(socket.getInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Waits for the server to end the connection: true for an orderly end (no more bytes), false for a reset.
         */
        boolean endsCleanly() {
            try {
                return socket.getInputStream().read() < 0;
            } catch (SocketException reset) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /** Reads the status line, headers and the body (by Content-Length, or until close or quiet). */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the answer's head: " + head);
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(headText.substring(9, 12));
        Answer partial = new Answer(status, headText, "");
        String length = partial.header("Content-Length");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (length != null) {
                body.write(in.readNBytes(Integer.parseInt(length)));
            } else if ("chunked".equalsIgnoreCase(String.valueOf(partial.header("Transfer-Encoding")))) {
                readChunked(in, body);
            } else {
                in.transferTo(body); // delimited by the connection's end
            }
        } catch (SocketTimeoutException | SocketException quietOrReset) {
            // keep what arrived
        }
        return new Answer(status, headText, body.toString(StandardCharsets.UTF_8));
    }

    private static void readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            int size = line.length() == 0
                    ? 0
                    : Integer.parseInt(line.toString().trim().toLowerCase(Locale.ROOT), 16);
            if (size == 0 || b < 0) {
                return;
            }
            body.write(in.readNBytes(size));
            in.readNBytes(2);
        }
    }
}
