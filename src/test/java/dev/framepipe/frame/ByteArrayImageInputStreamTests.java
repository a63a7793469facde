package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class ByteArrayImageInputStreamTests {

    @Test
    void readsTheArrayInPlaceToItsEnd() throws IOException {
        byte[] data = {1, 2, 3, (byte) 200};
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            byte[] two = new byte[2];
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read(two, 0, 2)).isEqualTo(2);
            assertThat(two).containsExactly(2, 3);
            assertThat(in.read()).isEqualTo(200);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.length()).isEqualTo(4);
        }
    }

    /**
     * A phantom reference is enqueued only once its referent is unreachable, finalizers included: an array read by a
     * finalizable stream would still be held, through the stream, until the finalizer thread had run and a second
     * collection had passed.
     */
    @Test
    void aClosedStreamLeavesItsArrayCollectableAtTheNextCollection() throws Exception {
        ReferenceQueue<byte[]> queue = new ReferenceQueue<>();
        PhantomReference<byte[]> body = readAndDrop(queue);

        System.gc();
        Reference<? extends byte[]> collected = queue.remove(2_000);

        assertThat(collected).isSameAs(body);
    }

    private static PhantomReference<byte[]> readAndDrop(ReferenceQueue<byte[]> queue) throws IOException {
        byte[] data = new byte[1 << 20];
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            in.read();
        }
        return new PhantomReference<>(data, queue);
    }
}
