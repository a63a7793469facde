package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkCheckpointTests {

    private static final FrameDecoder DECODER = FrameDecoders.create(FrameLimits.defaults());

    /** A watch that lets {@code allowed} checkpoints pass and abandons the frame at the next one. */
    private static final class AbandonAfter implements WorkCheckpoint.Watch {

        final AtomicInteger checks = new AtomicInteger();
        final WorkCheckpoint.Abandoned abandoned = new WorkCheckpoint.Abandoned("test");
        private final int allowed;

        AbandonAfter(int allowed) {
            this.allowed = allowed;
        }

        @Override
        public void check() {
            if (checks.incrementAndGet() > allowed) {
                throw abandoned;
            }
        }
    }

    private static Frame gradient(int width, int height) {
        byte[] gray = new byte[width * height];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) ((i % width + i / width) * 7);
        }
        return new Frame(width, height, gray);
    }

    @Test
    void aWatchAbandonsAPngDecodeAtAStripBoundaryNotAtTheEnd() {
        EncodedFrame png = EncodedSamples.encoded(gradient(1024, 1024), FrameFormat.PNG);
        AbandonAfter watch = new AbandonAfter(2);

        try (WorkCheckpoint.Scope scope = WorkCheckpoint.watch(watch)) {
            assertThatThrownBy(() -> DECODER.decode(png)).isSameAs(watch.abandoned);
        }

        // 64 KB strips of 1 025-byte rows: 16 of them for 1 024 rows; the third check stopped it.
        assertThat(watch.checks).hasValue(3);
        assertThat(DECODER.decode(png).gray())
                .as("decoded whole without a watch")
                .hasSize(1024 * 1024);
    }

    @Test
    void aWatchAbortsAJpegDecodeAndTheAbandonmentIsNotReportedAsBadInput() {
        Frame frame = gradient(1024, 1024);
        EncodedFrame jpeg = EncodedSamples.encoded(frame, FrameFormat.JPEG);
        AbandonAfter watch = new AbandonAfter(0);

        try (WorkCheckpoint.Scope scope = WorkCheckpoint.watch(watch)) {
            assertThatThrownBy(() -> DECODER.decode(jpeg)).isSameAs(watch.abandoned);
        }

        assertThat(watch.checks)
                .as("the read stopped at the first progress report")
                .hasValue(1);
        Frame decoded = DECODER.decode(jpeg);
        assertThat(decoded.width()).isEqualTo(1024);
        assertThat(decoded.luminance(512, 512)).isCloseTo(frame.luminance(512, 512), offset(8));
    }

    @Test
    void closingAScopeRestoresTheWatchItReplaced() {
        AbandonAfter outer = new AbandonAfter(0);
        AbandonAfter inner = new AbandonAfter(Integer.MAX_VALUE);
        try (WorkCheckpoint.Scope outerScope = WorkCheckpoint.watch(outer)) {
            try (WorkCheckpoint.Scope innerScope = WorkCheckpoint.watch(inner)) {
                WorkCheckpoint.check();
            }
            assertThatThrownBy(WorkCheckpoint::check).isSameAs(outer.abandoned);
        }
        WorkCheckpoint.check();

        assertThat(inner.checks).hasValue(1);
        assertThat(outer.checks).as("no watch after the outer scope").hasValue(1);
    }
}
