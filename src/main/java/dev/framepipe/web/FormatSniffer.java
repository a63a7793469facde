package dev.framepipe.web;

import dev.framepipe.frame.FrameFormat;
import java.util.Optional;

/** Recognises an image format from its first bytes (magic numbers), for untyped uploads. */
final class FormatSniffer {

    private FormatSniffer() {
    }

    static Optional<FrameFormat> sniff(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return Optional.of(FrameFormat.PNG);
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(FrameFormat.JPEG);
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return Optional.of(FrameFormat.GIF);
        }
        if (startsWith(b, 'B', 'M')) {
            return Optional.of(FrameFormat.BMP);
        }
        if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
            return Optional.of(FrameFormat.TIFF);
        }
        if (startsWith(b, 'P', '5')) {
            return Optional.of(FrameFormat.PGM);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int... magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
