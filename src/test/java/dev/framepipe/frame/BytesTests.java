package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class BytesTests {

    private static final byte[] DATA = {0x00, (byte) 0xFE, (byte) 0xDC, (byte) 0xBA, (byte) 0x98};

    @Test
    void readsBothByteOrdersAsByteBufferDoesIncludingBytesWithTheHighBitSet() {
        ByteBuffer big = ByteBuffer.wrap(DATA).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer little = ByteBuffer.wrap(DATA).order(ByteOrder.LITTLE_ENDIAN);

        for (int position = 0; position + 4 <= DATA.length; position++) {
            assertThat(Bytes.bigEndian32(DATA, position)).isEqualTo(big.getInt(position));
            assertThat(Bytes.littleEndian32(DATA, position)).isEqualTo(little.getInt(position));
        }
        for (int position = 0; position + 2 <= DATA.length; position++) {
            assertThat(Bytes.bigEndian16(DATA, position)).isEqualTo(Short.toUnsignedInt(big.getShort(position)));
            assertThat(Bytes.littleEndian16(DATA, position)).isEqualTo(Short.toUnsignedInt(little.getShort(position)));
        }
    }
}
