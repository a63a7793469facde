package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.DecompressionBombs;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bad input over real HTTP. Every case gets a documented 4xx problem document (never a 500,
 * never a stack trace), leaves the service UP, and is counted as exactly one {@code rejected}
 * frame, never as an analysed one.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"framepipe.limits.max-body-size=2MB", "framepipe.stats.max-streams=1000"})
class BadInputTests {

    static final int LIMIT = 2 * 1024 * 1024;
    static final Frame FRAME = EncodedSamples.blobs(96, 64, 42);
    static final FrameFormat[] IMAGE_FORMATS = {
        FrameFormat.PNG, FrameFormat.JPEG, FrameFormat.GIF, FrameFormat.BMP, FrameFormat.TIFF, FrameFormat.PGM
    };

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private FrameClient client;
    private JsonNode before;

    @BeforeEach
    void rememberCounts() {
        client = new FrameClient(port);
        before = overallFrames();
    }

    private JsonNode overallFrames() {
        return client.getJson("/api/v1/stats").get("overall").get("frames");
    }

    /** The case was refused with the status, counted once as rejected, and the service is still UP. */
    private JsonNode assertRefused(HttpResponse<byte[]> response, int status, String type) {
        JsonNode problem = Problems.assertProblem(response, status);
        if (type != null) {
            assertThat(problem.get("type").asString()).endsWith("/" + type);
        }
        JsonNode after = overallFrames();
        assertThat(after.get("rejected").asLong() - before.get("rejected").asLong())
                .as("rejected")
                .isEqualTo(1);
        assertThat(after.get("ok").asLong()).as("ok").isEqualTo(before.get("ok").asLong());
        assertThat(after.get("partial").asLong())
                .as("partial")
                .isEqualTo(before.get("partial").asLong());
        assertThat(after.get("failed").asLong())
                .as("failed")
                .isEqualTo(before.get("failed").asLong());
        assertThat(new FrameClient(managementPort)
                        .getJson("/actuator/health")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
        return problem;
    }

    private static String stream(String name) {
        return "stream=" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Corrupt and truncated images, decompression bombs. */
    @Nested
    class CorruptAndTruncatedImages {

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesATruncatedImageWith422(FrameFormat format) {
            byte[] valid = EncodedSamples.encode(FRAME, format);
            for (int cut : new int[] {valid.length / 2, 16}) {
                before = overallFrames();
                assertRefused(
                        client.postFrame(stream("cut-" + format), format.mediaType(), Arrays.copyOf(valid, cut)),
                        422,
                        "undecodable-frame");
            }
        }

        static Stream<Arguments> corruptions() {
            return Stream.of(IMAGE_FORMATS)
                    .flatMap(format -> Stream.of(
                            Arguments.of(format, "header-garbled"),
                            Arguments.of(format, "body-garbled"),
                            Arguments.of(format, "magic-only")));
        }

        /** Garbled header or body: a 422, or where the garbling happens to still decode, a 200; never a 5xx. */
        @ParameterizedTest
        @MethodSource("corruptions")
        void refusesACorruptImageWithA4xx(FrameFormat format, String corruption) {
            byte[] data = EncodedSamples.encode(FRAME, format);
            Random random = new Random(format.ordinal() * 31L + corruption.length());
            switch (corruption) {
                case "header-garbled" -> {
                    for (int i = 4; i < Math.min(40, data.length); i++) {
                        data[i] = (byte) random.nextInt(256);
                    }
                }
                case "body-garbled" -> {
                    for (int i = data.length / 3; i < data.length; i += 7) {
                        data[i] = (byte) random.nextInt(256);
                    }
                }
                default -> data = Arrays.copyOf(data, 4);
            }
            HttpResponse<byte[]> response = client.postFrame(stream("bad-" + format), format.mediaType(), data);
            if (response.statusCode() == 200) {
                // BMP, PGM and TIFF have no checksum: garbled pixels are still pixels.
                assertThat(corruption).isEqualTo("body-garbled");
                assertThat(format)
                        .isIn(FrameFormat.BMP, FrameFormat.PGM, FrameFormat.TIFF, FrameFormat.GIF, FrameFormat.JPEG);
                return;
            }
            assertThat(response.statusCode()).as(FrameClient.text(response)).isBetween(400, 499);
            assertRefused(response, response.statusCode(), null);
        }

        @ParameterizedTest
        @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
        void refusesADecompressionBombWith413FromItsHeader(FrameFormat format) {
            JsonNode problem = assertRefused(
                    client.postFrame(stream("bomb-" + format), format.mediaType(), DecompressionBombs.of(format)),
                    413,
                    "frame-too-large");
            assertThat(problem.get("detail").asString()).contains(Integer.toString(DecompressionBombs.size(format)));
        }

        @Test
        void refusesATiffWhoseSamplesPerPixelWouldNeedAGigabyteWith4xx() {
            HttpResponse<byte[]> response =
                    client.postFrame(stream("bomb-tiff-spp"), "image/tiff", DecompressionBombs.tiff(4096, 4096, 64));
            assertRefused(response, response.statusCode(), null);
            assertThat(response.statusCode()).isIn(413, 422);
        }
    }

    /** An empty, untyped, mislabelled or unsupported body. */
    @Nested
    class BodyAndMediaType {

        @ParameterizedTest
        @ValueSource(strings = {"image/png", "application/octet-stream", "image/jpeg"})
        void refusesAnEmptyBodyWith400(String type) {
            assertRefused(client.postFrame(stream("empty"), type, new byte[0]), 400, "invalid-frame-request");
        }

        @Test
        void refusesAMissingContentTypeWith400() {
            HttpResponse<byte[]> response =
                    client.postFrame(stream("untyped"), null, EncodedSamples.encode(FRAME, FrameFormat.PNG));
            assertThat(assertRefused(response, 400, null).get("detail").asString())
                    .contains("Content-Type");
        }

        static Stream<Arguments> mislabelled() {
            return Stream.of(
                    Arguments.of(FrameFormat.PNG, "image/jpeg"), Arguments.of(FrameFormat.JPEG, "image/png"),
                    Arguments.of(FrameFormat.GIF, "image/bmp"), Arguments.of(FrameFormat.BMP, "image/tiff"),
                    Arguments.of(FrameFormat.TIFF, "image/x-portable-graymap"),
                            Arguments.of(FrameFormat.PGM, "image/gif"));
        }

        @ParameterizedTest
        @MethodSource("mislabelled")
        void refusesImageBytesDeclaredAsAnotherFormatWith422(FrameFormat actual, String declared) {
            assertRefused(
                    client.postFrame(stream("mislabelled"), declared, EncodedSamples.encode(FRAME, actual)),
                    422,
                    "undecodable-frame");
        }

        @ParameterizedTest
        @ValueSource(strings = {"text/plain", "image/webp", "application/json", "video/mp4"})
        void refusesUnsupportedMediaTypesWith415(String type) {
            assertRefused(client.postFrame(stream("unsupported"), type, new byte[] {1, 2, 3, 4}), 415, null);
        }

        @Test
        void refusesUntypedBytesThatAreNoKnownImageWith400() {
            assertRefused(
                    client.postFrame(stream("unknown-magic"), "application/octet-stream", new byte[] {1, 2, 3, 4}),
                    400,
                    "invalid-frame-request");
        }
    }

    /** Raw grayscale frames whose dimensions do not fit the body. */
    @Nested
    class RawDimensions {

        @ParameterizedTest
        @ValueSource(ints = {-1, 1, 64 * 96 - 1, 64 * 96 + 1})
        void refusesRawGray8WhoseLengthIsNotWidthTimesHeightWith400(int delta) {
            byte[] body = new byte[delta < 0 ? 64 * 96 - 2 : delta > 1 ? delta : 64 * 96 + 7];
            assertRefused(
                    client.postFrame(stream("raw-length") + "&width=96&height=64", "application/octet-stream", body),
                    400,
                    "invalid-frame-geometry");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "width=0&height=64",
                    "width=96&height=0",
                    "width=-96&height=64",
                    "width=96&height=-1",
                    "width=0&height=0",
                    "width=-2147483648&height=-2147483648"
                })
        void refusesZeroOrNegativeRawDimensionsWith400(String dimensions) {
            assertRefused(
                    client.postFrame(
                            stream("raw-neg") + "&" + dimensions, "application/octet-stream", new byte[96 * 64]),
                    400,
                    "invalid-frame-geometry");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "width=wide&height=64",
                    "width=96&height=tall",
                    "width=1.5&height=64",
                    "width=&height=64",
                    "width=99999999999&height=64",
                    "width=96&height=1e3"
                })
        void refusesNonNumericRawDimensionsWith400(String dimensions) {
            assertRefused(
                    client.postFrame(
                            stream("raw-nan") + "&" + dimensions, "application/octet-stream", new byte[96 * 64]),
                    400,
                    null);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "width=100000&height=100000",
                    "width=2147483647&height=2147483647",
                    "width=8193&height=1",
                    "width=65536&height=65536"
                })
        void refusesEnormousRawDimensionsWith413BeforeLookingAtTheBody(String dimensions) {
            assertRefused(
                    client.postFrame(
                            stream("raw-huge") + "&" + dimensions, "application/octet-stream", new byte[96 * 64]),
                    413,
                    "frame-too-large");
        }

        @Test
        void refusesRawGray8WithOnlyOneDimensionWith400() {
            assertRefused(
                    client.postFrame(stream("raw-one") + "&width=96", "application/octet-stream", new byte[96 * 64]),
                    400,
                    "invalid-frame-request");
        }
    }

    /** Bodies over the limit, declared, chunked or multipart. */
    @Nested
    class BodySize {

        @Test
        void refusesABodyOverTheLimitWith413() {
            assertRefused(
                    client.postFrame(stream("big"), "application/octet-stream", new byte[LIMIT + 1]),
                    413,
                    "frame-too-large");
        }

        /**
         * A declared Content-Length over the limit is answered at once, without a byte of the body being sent,
         * and whole: with its own length and {@code Connection: close}, not chunked, so that the container's
         * closing the connection over the unread body cannot cut the answer short (a chunked 413 was, about
         * once in 400 posts of a 2 MiB body).
         */
        @Test
        void refusesADeclaredContentLengthOverTheLimitWithoutReadingTheBody() {
            RawHttp.Answer answer = RawHttp.sendHead(
                    port,
                    "POST /api/v1/frames?" + stream("declared-big")
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: " + (1L << 40)
                            + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            Problems.assertNoLeak(answer.body());
            assertThat(answer.header("Server")).isNull();
            assertThat(answer.header("Transfer-Encoding")).as(answer.head()).isNull();
            assertThat(answer.header("Content-Length"))
                    .as(answer.head())
                    .isEqualTo(String.valueOf(answer.body().length()));
            assertThat(answer.header("Connection")).as(answer.head()).isEqualTo("close");
            assertCountedOnceAsRejected();
        }

        /**
         * A chunked body has no declared length: the server reads one byte past the limit, answers
         * 413, and stops reading (Tomcat swallows at most {@code server.tomcat.max-swallow-size}
         * more, then closes). The client could not send anywhere near the 1 GiB it tried.
         */
        @Test
        void refusesAChunkedBodyOverTheLimitWithoutReadingItAll() {
            long attempted = 1L << 30;
            RawHttp.Streamed streamed = RawHttp.streamChunked(
                    port,
                    "POST /api/v1/frames?" + stream("chunked-big")
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n",
                    attempted);
            assertThat(streamed.answer().status()).as(streamed.answer().head()).isEqualTo(413);
            Problems.assertNoLeak(streamed.answer().body());
            assertThat(streamed.bytesSent())
                    .as("bytes the server let the client send")
                    .isLessThan(64L * 1024 * 1024);
            assertCountedOnceAsRejected();
        }

        @Test
        void refusesAMultipartPartOverTheLimitWith413() {
            assertRefused(
                    client.postMultipart(stream("multipart-big"), "frame", "image/png", new byte[LIMIT + 1]),
                    413,
                    null);
        }

        /** A declared multipart Content-Length over the limit is refused before the body is read. */
        @Test
        void refusesADeclaredMultipartContentLengthOverTheLimitWithoutReadingTheBody() {
            RawHttp.Answer answer = RawHttp.sendHead(
                    port,
                    "POST /api/v1/frames?" + stream("multipart-declared")
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
                            + "Content-Length: " + (1L << 40) + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(413);
            Problems.assertNoLeak(answer.body());
            assertCountedOnceAsRejected();
        }

        private void assertCountedOnceAsRejected() {
            JsonNode after = overallFrames();
            assertThat(after.get("rejected").asLong() - before.get("rejected").asLong())
                    .isEqualTo(1);
            assertThat(after.get("ok").asLong()).isEqualTo(before.get("ok").asLong());
            assertThat(new FrameClient(managementPort)
                            .getJson("/actuator/health")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
        }
    }

    /** Multipart forms without exactly one frame part, malformed or of an unsupported type. */
    @Nested
    class Multipart {

        @Test
        void refusesMultipartWithoutAFramePartWith400() {
            assertRefused(
                    client.postMultipart(
                            stream("multipart"), "image", "image/png", EncodedSamples.encode(FRAME, FrameFormat.PNG)),
                    400,
                    "invalid-frame-request");
        }

        @Test
        void refusesMultipartWithTwoFramePartsWith400() {
            byte[] png = EncodedSamples.encode(FRAME, FrameFormat.PNG);
            assertRefused(
                    client.postMultipart(stream("multipart"), "frame", "image/png", png, "frame", "image/png", png),
                    400,
                    "invalid-frame-request");
        }

        @Test
        void refusesAnEmptyMultipartBodyWith4xx() {
            HttpResponse<byte[]> response = client.postFrame(
                    stream("multipart"),
                    "multipart/form-data; boundary=xyz",
                    "--xyz--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(response.statusCode()).isBetween(400, 499);
            assertRefused(response, response.statusCode(), null);
        }

        @Test
        void refusesAMalformedMultipartBodyWith400() {
            HttpResponse<byte[]> response = client.postFrame(
                    stream("multipart"),
                    "multipart/form-data; boundary=xyz",
                    "--xyz\r\nContent-Disposition: form-data; name=\"frame\"; filename=\"f\"\r\n\r\nabc"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertRefused(response, 400, null);
        }

        @Test
        void refusesAMultipartFrameOfAnUnsupportedTypeWith415() {
            assertRefused(
                    client.postMultipart(stream("multipart"), "frame", "text/plain", new byte[] {1, 2, 3}),
                    415,
                    "unsupported-frame-format");
        }
    }

    /** Stream names outside the pattern or over 64 characters. */
    @Nested
    class StreamNames {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "a%20b",
                    "..%2F..%2Fetc",
                    "%C3%A4",
                    "-leading-dash",
                    "_x",
                    "semi%3Bcolon",
                    "quote%22",
                    "new%0Aline",
                    "%00",
                    "tab%09"
                })
        void refusesStreamNamesWithCharactersOutsideThePatternWith400(String encodedName) {
            assertRefused(
                    client.postFrame(
                            "stream=" + encodedName, "image/png", EncodedSamples.encode(FRAME, FrameFormat.PNG)),
                    400,
                    "invalid-stream");
        }

        @Test
        void refusesAStreamNameLongerThan64CharactersWith400() {
            assertRefused(
                    client.postFrame(
                            "stream=" + "s".repeat(65), "image/png", EncodedSamples.encode(FRAME, FrameFormat.PNG)),
                    400,
                    "invalid-stream");
            before = overallFrames();
            assertRefused(
                    client.postFrame(
                            "stream=" + "s".repeat(100_00), "image/png", EncodedSamples.encode(FRAME, FrameFormat.PNG)),
                    400,
                    "invalid-stream");
        }

        @Test
        void acceptsAStreamNameOfExactly64Characters() {
            HttpResponse<byte[]> response = client.postFrame(
                    "stream=" + "s".repeat(64), "image/png", EncodedSamples.encode(FRAME, FrameFormat.PNG));
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    /** Decodable control: the same frame in every format is analysed, so the refusals above are about the bytes. */
    @ParameterizedTest
    @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
    void analysesTheUncorruptedFrameInEveryFormat(FrameFormat format) {
        Supplier<HttpResponse<byte[]>> post = () ->
                client.postFrame(stream("good-" + format), format.mediaType(), EncodedSamples.encode(FRAME, format));
        assertThat(post.get().statusCode()).isEqualTo(200);
    }
}
