package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HeaderDimensionsTests {

    @Test
    void readsBmpDimensionsTakingNegativeHeightAsTopDown() {
        byte[] bmp = DecompressionBombs.bmp(640, -480);

        assertThat(HeaderDimensions.of(FrameFormat.BMP, bmp)).contains(new HeaderDimensions.Dimensions(640, 480));
    }

    @Test
    void readsSixteenBitDimensionsOfAnOs2CoreHeader() {
        byte[] bmp = ByteBuffer.allocate(26)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'B')
                .put((byte) 'M')
                .putInt(26)
                .putInt(0)
                .putInt(26)
                .putInt(12)
                .putShort((short) 40000)
                .putShort((short) 3)
                .array();

        assertThat(HeaderDimensions.of(FrameFormat.BMP, bmp)).contains(new HeaderDimensions.Dimensions(40000, 3));
    }

    @Test
    void readsJpegDimensionsFromTheStartOfFrame() {
        byte[] jpeg = EncodedSamples.encode(EncodedSamples.blobs(97, 61, 1), FrameFormat.JPEG);

        assertThat(HeaderDimensions.of(FrameFormat.JPEG, jpeg)).contains(new HeaderDimensions.Dimensions(97, 61));
    }

    @Test
    void leavesUnreadableHeadersToTheReader() {
        assertThat(HeaderDimensions.of(FrameFormat.JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}))
                .isEmpty();
        assertThat(HeaderDimensions.of(FrameFormat.BMP, new byte[] {'B', 'M'})).isEmpty();
        assertThat(HeaderDimensions.of(FrameFormat.PNG, DecompressionBombs.png(1, 1)))
                .isEmpty();
    }
}
