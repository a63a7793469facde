package dev.framepipe.reliability;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body sent as read-only views of one shared array, {@value #CHUNK} bytes at a time, for load
 * generators that post the same large body from many clients.
 *
 * <p>{@code HttpRequest.BodyPublishers.ofByteArray} copies the whole array into new 16 KiB buffers when a
 * request is sent (JDK 17's {@code RequestPublishers.ByteArrayPublisher}). With 64 clients posting 9 to 16 MB
 * bodies, that kept up to 0.8 GB of buffers alive in the test's own JVM, whose collections then paused for up
 * to 1.4 s on both processors, 46 s of a 112 s {@code PackagedOverloadIT} run, and starved the application
 * under test, which shares those two processors (RELIABILITY.md, "Eleventh session"). A view copies nothing.
 */
final class SharedBody implements Flow.Publisher<ByteBuffer> {

    static final int CHUNK = 64 * 1024;

    private final byte[] body;

    private SharedBody(byte[] body) {
        this.body = body;
    }

    /** A publisher of {@code body} that never copies it; the array must not change while requests send it. */
    static HttpRequest.BodyPublisher of(byte[] body) {
        return HttpRequest.BodyPublishers.fromPublisher(new SharedBody(body), body.length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Views(subscriber));
    }

    /** Emits the views as they are requested; a request made from inside {@code onNext} is served by the loop. */
    private final class Views implements Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private int offset;
        private boolean done;
        private volatile boolean cancelled;

        Views(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("demand must be positive, was " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (draining.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && !cancelled && offset < body.length && demand.get() > 0) {
                    int length = Math.min(CHUNK, body.length - offset);
                    ByteBuffer view =
                            ByteBuffer.wrap(body, offset, length).slice().asReadOnlyBuffer();
                    offset += length;
                    demand.decrementAndGet();
                    subscriber.onNext(view);
                }
                if (!done && !cancelled && offset == body.length) {
                    done = true;
                    subscriber.onComplete();
                }
            } while (draining.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
