package dev.framepipe.web;

import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.FrameLimits;
import dev.framepipe.frame.FrameTooLarge;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.MemoryBudget;
import dev.framepipe.pipeline.WorkAdmission;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Admits a frame's body before it is read and reads it without holding a request thread.
 *
 * <p>Before reading: the pipeline must be open with room for the frame (in flight, work) and the
 * memory budget must take the declared {@code Content-Length}; the bytes are reserved then. A
 * refused frame goes to the controller with its refusal, which answers it (503 with
 * {@code Retry-After}, or 413) through {@link ProblemHandler} without reading the body; what still arrives of
 * the body is discarded without a thread for a short while, and then the connection is closed
 * ({@link #refuseUnread}). Then, for a body
 * over 1 MiB or a chunked one, the first bytes the container has (up to 64 KiB; a JPEG's header may follow its metadata): when they hold
 * the frame's header, a frame the admission could not take now by its size (no memory for its decode
 * working set, no room in the work in flight) is refused the same way, before the rest of its body is
 * read or a buffer is allocated for it; a frame it could take holds that room while the rest of its body
 * arrives (for at most a deadline, so a slow upload cannot keep it; {@link FramePipeline#holdRoom}).
 * A service busy with large frames thus reads only the bodies it can analyse.
 *
 * <p>Reading: a body that arrived whole with the headers (the container has buffered all of it; small
 * frames usually) is taken at once and the request goes on on its thread. Any other body: the request
 * is put in asynchronous mode and the rest of the body arrives through a servlet
 * {@link ReadListener} (Servlet 3.1 non-blocking I/O): Tomcat calls it on a container thread only
 * when bytes are there, so a client that trickles its body holds a socket and its reserved bytes,
 * but no thread. (JDK 17 is the target, which has no virtual threads; Tomcat's own timeouts bound
 * one blocking read, not a whole body.) A chunked body grows its reservation as it grows. The body
 * must be complete within {@link IntakeProperties#bodyTimeout(long)}; past it, or when the client
 * goes away, the request is dispatched to the controller with {@link BodyTimedOut} (408) or
 * {@link InvalidFrameRequest} (400). Complete bodies are dispatched with a request whose input
 * stream is the buffered body. The reservation is released when the request completes, on every
 * path.
 *
 * <p>{@code multipart/form-data} bodies (browsers, Swagger UI) are parsed by the container from the
 * socket, so they are reserved and then read as before, blocking.
 */
final class BodyIntakeFilter extends OncePerRequestFilter {

    /** Request attribute: the refusal or failure the controller must answer with. */
    static final String FAILURE = BodyIntakeFilter.class.getName() + ".failure";

    private static final String INTAKE = BodyIntakeFilter.class.getName() + ".intake";
    private static final int FIRST_CHUNK = 64 * 1024;
    /**
     * Bodies up to this length are read and then admitted with the frame; longer ones (and chunked ones) are
     * checked by their header first. A 1 MiB body arrives in about a millisecond on a fast link, so checking
     * a small frame's header first would cost it more than it could save.
     */
    private static final long HEADER_CHECK_LENGTH = 1 << 20;

    private final FramePipeline pipeline;
    private final FrameLimits limits;
    private final IntakeProperties intake;
    private final FrameAccountingFilter accounting;
    /** Tomcat's {@code max-swallow-size}: how much of a refused body is discarded before the connection is closed. */
    private final long maxSwallow;

    BodyIntakeFilter(
            FramePipeline pipeline,
            FrameLimits limits,
            IntakeProperties intake,
            FrameAccountingFilter accounting,
            long maxSwallow) {
        this.pipeline = pipeline;
        this.limits = limits;
        this.intake = intake;
        this.accounting = accounting;
        this.maxSwallow = maxSwallow;
    }

    /** Throws the refusal or failure the intake recorded for this request, if any. */
    static void rethrowFailure(HttpServletRequest request) {
        if (request.getAttribute(FAILURE) instanceof RuntimeException failure) {
            throw failure;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && FrameController.FRAMES_PATH.equals(request.getRequestURI()));
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Intake body = (Intake) request.getAttribute(INTAKE);
            if (body == null) {
                chain.doFilter(request, response);
                return;
            }
            body.served = true;
            try {
                if (request.getAttribute(FAILURE) != null) {
                    answerUnread(body.request(), response, chain);
                } else {
                    chain.doFilter(body.request(), response);
                }
            } finally {
                body.release();
            }
            return;
        }
        long length = request.getContentLengthLong();
        if (length > limits.maxBodySize().toBytes()) {
            // The controller refuses it by the body limit (413) without reading it; the answer goes out whole
            // while the unread body lingers, as every refusal's does.
            refuseUnread(request, response, chain);
            return;
        }
        boolean multipart = isMultipart(request);
        MemoryBudget.Reservation reservation;
        try {
            pipeline.checkAdmissible(length);
            // A chunked multipart body is read by the container in one go: reserve the largest allowed.
            reservation = pipeline.admission()
                    .reserveBody(
                            length >= 0
                                    ? length
                                    : multipart ? limits.maxBodySize().toBytes() : 0);
        } catch (RuntimeException refused) {
            request.setAttribute(FAILURE, refused);
            if (length == 0) {
                chain.doFilter(request, response);
            } else {
                refuseUnread(request, response, chain);
            }
            return;
        }
        if (multipart) {
            try {
                chain.doFilter(request, response);
            } finally {
                reservation.close();
            }
            return;
        }
        byte[] buffered;
        int count;
        WorkAdmission.Hold hold = null;
        try {
            // The first bytes first: a body refused by its header is neither read nor given a buffer.
            buffered = new byte[(int) (length >= 0 ? Math.min(length, FIRST_CHUNK) : FIRST_CHUNK)];
            count = length != 0 ? readBuffered(request.getInputStream(), buffered, 0) : 0;
            if (count != length) {
                try {
                    hold = checksHeader(length) ? holdRoom(request, buffered, count) : null;
                } catch (RuntimeException refused) {
                    reservation.close();
                    request.setAttribute(FAILURE, refused);
                    refuseUnread(request, response, chain);
                    return;
                }
                if (length > buffered.length) {
                    buffered = Arrays.copyOf(buffered, (int) length);
                    count = readBuffered(request.getInputStream(), buffered, count);
                }
            }
        } catch (RuntimeException | IOException e) {
            close(hold);
            reservation.close();
            throw e;
        }
        if (count == length) {
            // The whole body came with the headers (a small frame): no wait, no hand-off to another thread.
            close(hold);
            try {
                chain.doFilter(withBody(request, buffered), response);
            } finally {
                reservation.close();
            }
            return;
        }
        try {
            AsyncContext async = request.startAsync(request, response);
            Intake body = new Intake(
                    async, request, length, reservation, buffered, count, hold, hold != null || !checksHeader(length));
            request.setAttribute(INTAKE, body);
            async.setTimeout(body.timeout.toMillis());
            async.addListener(body);
            request.getInputStream().setReadListener(body);
        } catch (RuntimeException | IOException e) {
            close(hold);
            reservation.close();
            throw e;
        }
    }

    /** Whether a body of this declared length (-1: chunked) is checked by its header before it is read. */
    private static boolean checksHeader(long length) {
        return length < 0 || length > HEADER_CHECK_LENGTH;
    }

    private static void close(WorkAdmission.Hold hold) {
        if (hold != null) {
            hold.close();
        }
    }

    /**
     * Answers a refused request over its unread body ({@link #answerUnread}), then lingers without a thread, as
     * Apache httpd's lingering close does: the request goes asynchronous and {@link Linger} reads and discards the
     * rest of the body as it arrives, up to {@code server.tomcat.max-swallow-size} as Tomcat itself would, for at
     * most {@link IntakeProperties#linger()}; then the request completes and Tomcat closes the connection. A client
     * still sending reads its answer meanwhile, and the connection is not closed under bytes it is still sending (a
     * reset would destroy an answer it has not read yet). Tomcat's own discarding reads with blocking reads on a
     * request thread, so an upload refused and still trickling held a thread as long as it trickled; with a
     * {@link ReadListener} set, Tomcat's discarding at the end of the request takes only what has arrived.
     *
     * <p>A body the client was asked to hold back ({@code Expect: 100-continue}) is not lingered for: reading it
     * would ask for it. Tomcat closes such a connection without reading.
     */
    private void refuseUnread(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            answerUnread(request, response, chain);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(intake.linger().toMillis());
        ServletInputStream in = request.getInputStream();
        Linger linger = new Linger(async, in, maxSwallow);
        async.addListener(linger);
        answerUnread(request, response, chain);
        in.setReadListener(linger);
    }

    /**
     * Answers a request whose body is left unread (refused, timed out) with the refusal recorded in
     * {@link #FAILURE}: the whole answer is written and flushed with its {@code Content-Length} and
     * {@code Connection: close} before the container meets the unread body, so that a client has it whole before
     * the connection ends, even when the end is a reset (a chunked answer, or one ended by the connection's close,
     * would be lost with it; Java's {@code HttpClient} then reports an error).
     *
     * <p>Its {@code Content-Length} is set after its bytes are written: Tomcat takes an answer that reaches its
     * length as finished and closes the request's input with it (the Servlet specification's "Closure of the Response Object"), but checks only as bytes are
     * written, and the {@link Linger} still reads that input.
     */
    private static void answerUnread(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        byte[] body = answer.getContentAsByteArray();
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setBufferSize(Math.max(response.getBufferSize(), body.length));
        response.getOutputStream().write(body);
        response.setContentLength(body.length);
        response.flushBuffer();
    }

    /**
     * Refuses, from the first bytes of its body, a frame whose header says the admission could not take it
     * now (no memory or work for its size), before the rest of its body is read; otherwise holds room for it
     * in the work in flight while the rest arrives ({@link FramePipeline#holdRoom}).
     *
     * @param head  the buffer holding the first bytes
     * @param count how many bytes of it were read
     * @return the hold, or {@code null} when the header could not be read from these bytes
     * @throws RuntimeException the refusal to answer with: {@code PipelineSaturated} when the frame could
     *                          not be admitted now, {@code FrameTooLarge} when it alone needs more memory
     *                          than the budget, {@code ServiceNotReady} when the pipeline closed meanwhile
     */
    private WorkAdmission.Hold holdRoom(HttpServletRequest request, byte[] head, int count) {
        EncodedFrame frame;
        try {
            frame = FrameController.encoded(
                    request.getContentType(),
                    Arrays.copyOf(head, Math.min(count, FIRST_CHUNK)),
                    intParameter(request, "width"),
                    intParameter(request, "height"));
        } catch (RuntimeException notYetAFrame) {
            // Empty so far, or a request the controller refuses with its own error once the body is read.
            return null;
        }
        return pipeline.holdRoom(frame).orElse(null);
    }

    private static Integer intParameter(HttpServletRequest request, String name) {
        try {
            String value = request.getParameter(name);
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Reads what the container has already buffered of the body, without blocking: {@code available()} of a
     * request that is not (yet) asynchronous counts only bytes read from the socket with the headers.
     *
     * @param count bytes already in {@code buffer}
     * @return the number of bytes in {@code buffer} now
     */
    private static int readBuffered(ServletInputStream in, byte[] buffer, int count) throws IOException {
        while (count < buffer.length && in.available() > 0) {
            int n = in.read(buffer, count, buffer.length - count);
            if (n < 0) {
                break;
            }
            count += n;
        }
        return count;
    }

    /** The request as the controller sees it: the buffered body as its input. */
    private static HttpServletRequest withBody(HttpServletRequest request, byte[] body) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                return new BufferedBody(body);
            }

            @Override
            public long getContentLengthLong() {
                return body.length;
            }

            @Override
            public int getContentLength() {
                return body.length;
            }
        };
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    /** One body being read: the buffer, its reservation, and the end of the wait. */
    private final class Intake implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final HttpServletRequest request;
        private final long declared;
        private final MemoryBudget.Reservation reservation;
        private final Duration timeout;
        private byte[] buffer;
        private int count;
        /** Whether the frame's header was read and checked against the admission (or no longer will be). */
        private boolean headChecked;
        /** Room held in the work in flight while the body arrives; closed before the frame is processed. */
        private WorkAdmission.Hold hold;

        private boolean done;
        /** Whether the controller got the request; if the client went away first, it is counted here. */
        private volatile boolean served;

        /** A body of which the first {@code count} bytes of {@code buffer} have been read already. */
        Intake(
                AsyncContext async,
                HttpServletRequest request,
                long declared,
                MemoryBudget.Reservation reservation,
                byte[] buffer,
                int count,
                WorkAdmission.Hold hold,
                boolean headChecked) {
            this.async = async;
            this.request = request;
            this.declared = declared;
            this.reservation = reservation;
            this.timeout = intake.bodyTimeout(
                    declared >= 0 ? declared : limits.maxBodySize().toBytes());
            this.buffer = buffer;
            this.count = count;
            this.hold = hold;
            this.headChecked = headChecked;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = request.getInputStream();
            synchronized (this) {
                while (!done && in.isReady()) {
                    if (count == buffer.length) {
                        if (declared >= 0) {
                            finish();
                            return;
                        }
                        if (!grow()) {
                            return;
                        }
                    }
                    int n = in.read(buffer, count, buffer.length - count);
                    if (n < 0) {
                        finish();
                        return;
                    }
                    count += n;
                    if (!headChecked && !checkHead()) {
                        return;
                    }
                }
            }
        }

        /**
         * Checks the header as soon as the bytes so far hold it (trying no further than the first chunk); fails
         * the request if it is refused.
         *
         * @return false when the request was failed
         */
        private boolean checkHead() {
            try {
                hold = holdRoom(request, buffer, count);
                headChecked = hold != null || count >= FIRST_CHUNK;
                return true;
            } catch (RuntimeException refused) {
                fail(refused);
                return false;
            }
        }

        /** Doubles the buffer of a chunked body, reserving the new array first. */
        private boolean grow() {
            long max = limits.maxBodySize().toBytes();
            if (count >= max + 1) {
                fail(new FrameTooLarge("the frame is more than " + max + " bytes; the limit is " + max
                        + " bytes (framepipe.limits.max-body-size)"));
                return false;
            }
            int size = (int) Math.min(max + 1, 2L * buffer.length);
            try {
                if (!reservation.grow(size)) {
                    fail(pipeline.admission()
                            .refuse(
                                    dev.framepipe.pipeline.FrameAdmission.Cause.MEMORY,
                                    "the memory budget has no room for the rest of the chunked body"));
                    return false;
                }
            } catch (RuntimeException tooLarge) {
                fail(tooLarge);
                return false;
            }
            buffer = Arrays.copyOf(buffer, size);
            return true;
        }

        @Override
        public synchronized void onAllDataRead() {
            finish();
        }

        @Override
        public void onError(Throwable t) {
            fail(new InvalidFrameRequest(
                    "the body ended after " + count + " bytes" + (declared >= 0 ? " of " + declared : "")
                            + ": the client closed the connection or sent a bad chunk"));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            fail(new BodyTimedOut("the body did not arrive in time: " + count + " of "
                    + (declared >= 0 ? declared + " bytes" : "an unknown number of bytes") + " after "
                    + timeout.toMillis() + " ms (framepipe.intake: "
                    + intake.grace().toSeconds() + " s + "
                    + intake.minRate().toBytes() + " bytes/s)"));
        }

        @Override
        public void onError(AsyncEvent event) {
            release();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release();
            if (!served) {
                // The container ended the request (client gone) without dispatching it: count it here, once.
                accounting.countRefused(request);
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private synchronized void finish() {
            if (done) {
                return;
            }
            done = true;
            close(hold);
            if (count < buffer.length) {
                buffer = Arrays.copyOf(buffer, count);
            }
            async.dispatch();
        }

        private synchronized void fail(RuntimeException failure) {
            if (done) {
                return;
            }
            done = true;
            close(hold);
            buffer = new byte[0];
            request.setAttribute(FAILURE, failure);
            async.dispatch();
        }

        void release() {
            close(hold);
            reservation.close();
        }

        /** The request as the controller sees it: the buffered body as its input. */
        synchronized HttpServletRequest request() {
            return withBody(request, buffer);
        }
    }

    /**
     * Reads and discards the rest of a refused request's body as it arrives, without a thread, and completes the
     * request when the body ends, the client goes away, {@code maxBytes} are discarded or the linger's timeout passes.
     */
    private static final class Linger implements ReadListener, AsyncListener {

        /** Where discarded bytes go; never read, so every lingering request shares it. */
        private static final byte[] DISCARDED = new byte[16 * 1024];

        private final AsyncContext async;
        private final ServletInputStream in;
        private final long maxBytes;
        private long discarded;
        private boolean ended;

        Linger(AsyncContext async, ServletInputStream in, long maxBytes) {
            this.async = async;
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            while (!ended && in.isReady()) {
                int n = in.read(DISCARDED);
                if (n < 0) {
                    end();
                    return;
                }
                discarded += n;
                if (discarded > maxBytes) {
                    end();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            end();
        }

        @Override
        public void onError(Throwable t) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}

        /** Ends the request; Tomcat then closes the connection, reading only what has arrived. */
        private synchronized void end() {
            if (!ended) {
                ended = true;
                async.complete();
            }
        }
    }

    /** A buffered body as a servlet input stream. */
    private static final class BufferedBody extends ServletInputStream {

        private final InputStream in;
        private boolean finished;

        BufferedBody(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body is already read");
        }
    }
}
