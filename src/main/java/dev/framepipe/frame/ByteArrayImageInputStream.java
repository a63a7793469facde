package dev.framepipe.frame;

import java.io.IOException;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} that reads a byte array in place.
 *
 * <p>Unlike {@code ImageIO.createImageInputStream}, it neither copies the bytes into a
 * memory cache nor spills them to a temporary file. The array is never modified. Not
 * thread-safe (one stream per decode); callers close it.
 *
 * <p>Not finalizable. {@code ImageInputStreamImpl} declares {@code finalize()}, so each
 * stream would wait for the finalizer thread before it is collected, and the array it reads
 * with it: under a flood of PNG headers (a few hundred a second) that kept up to 90 MiB of
 * bodies alive through the first full collection after the flood, in no reservation
 * (RELIABILITY.md, "Eleventh session"). An empty {@code finalize()} tells the JVM not to
 * register the object at all.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    private final byte[] data;

    ByteArrayImageInputStream(byte[] data) {
        this.data = Objects.requireNonNull(data);
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= data.length) {
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(offset, length, buffer.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return -1;
        }
        int count = (int) Math.min(length, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, buffer, offset, count);
        streamPos += count;
        return count;
    }

    @Override
    public long length() {
        return data.length;
    }

    /** Empty, so that the JVM does not register streams for finalization (see the class comment). */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        // nothing to release: the stream only reads an array
    }
}
