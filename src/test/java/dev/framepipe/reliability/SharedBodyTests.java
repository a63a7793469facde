package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class SharedBodyTests {

    @Test
    void publishesTheWholeBodyInOrderAsViewsOfTheSharedArray() {
        byte[] body = new byte[3 * SharedBody.CHUNK + 17];
        new Random(5).nextBytes(body);
        Collector collector = new Collector(1);

        SharedBody.of(body).subscribe(collector);

        assertThat(SharedBody.of(body).contentLength()).isEqualTo(body.length);
        assertThat(collector.completed).isTrue();
        assertThat(collector.bytes.toByteArray()).isEqualTo(body);
        assertThat(collector.chunks)
                .hasSize(4)
                .allSatisfy(view -> assertThat(view.isReadOnly()).isTrue());
    }

    @Test
    void servesADemandOfOneMadeFromInsideEachOnNextWithoutRecursing() {
        byte[] body = new byte[200 * SharedBody.CHUNK];
        Collector collector = new Collector(1);

        SharedBody.of(body).subscribe(collector);

        assertThat(collector.completed).isTrue();
        assertThat(collector.chunks).hasSize(200);
        assertThat(collector.deepestNesting).isEqualTo(1);
    }

    @Test
    void stopsWhenTheSubscriberCancels() {
        byte[] body = new byte[10 * SharedBody.CHUNK];
        Collector collector = new Collector(1);
        collector.cancelAfter = 3;

        SharedBody.of(body).subscribe(collector);

        assertThat(collector.chunks).hasSize(3);
        assertThat(collector.completed).isFalse();
    }

    /** Requests {@code batch} at a time from inside onNext, as HttpClient does, and records what it got. */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {

        private final long batch;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<ByteBuffer> chunks = new ArrayList<>();
        private Flow.Subscription subscription;
        private boolean completed;
        private int nesting;
        private int deepestNesting;
        private int cancelAfter = Integer.MAX_VALUE;

        Collector(long batch) {
            this.batch = batch;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(batch);
        }

        @Override
        public void onNext(ByteBuffer item) {
            nesting++;
            deepestNesting = Math.max(deepestNesting, nesting);
            chunks.add(item);
            byte[] copy = new byte[item.remaining()];
            item.duplicate().get(copy);
            bytes.writeBytes(copy);
            if (chunks.size() == cancelAfter) {
                subscription.cancel();
            } else {
                subscription.request(batch);
            }
            nesting--;
        }

        @Override
        public void onError(Throwable throwable) {
            throw new AssertionError(throwable);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
