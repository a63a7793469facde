package dev.framepipe.frame;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Walks the chunks of a PNG file and checks each chunk's CRC-32 (PNG specification, section
 * 5.3), which the JDK's PNG reader does not. This turns a flipped byte anywhere in the file,
 * and a file cut short before its IEND chunk, into an {@link UndecodableFrame} instead of
 * silently wrong pixels. Stateless and thread-safe.
 */
final class PngChunks {

    private static final int SIGNATURE_LENGTH = 8;

    private PngChunks() {}

    static void verify(byte[] data) {
        int position = SIGNATURE_LENGTH;
        CRC32 crc = new CRC32();
        while (position + 8 <= data.length) {
            long length = Bytes.bigEndian32(data, position) & 0xFFFFFFFFL;
            String type = new String(data, position + 4, 4, StandardCharsets.ISO_8859_1);
            long end = position + 12 + length;
            if (length > Integer.MAX_VALUE || end > data.length) {
                throw new UndecodableFrame("PNG image is truncated: chunk " + type + " at byte " + position + " needs "
                        + (12 + length) + " bytes, " + (data.length - position) + " remain");
            }
            crc.reset();
            crc.update(data, position + 4, (int) length + 4);
            int stored = Bytes.bigEndian32(data, (int) end - 4);
            if ((int) crc.getValue() != stored) {
                throw new UndecodableFrame(
                        "PNG image is corrupt: CRC mismatch in chunk " + type + " at byte " + position);
            }
            if (type.equals("IEND")) {
                return;
            }
            position = (int) end;
        }
        throw new UndecodableFrame("PNG image is truncated: no IEND chunk");
    }
}
