package io.backendkit.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.loadgen.internal.Http1ResponseParser.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP/1.x response parser on its own: bytes in, status, headers, body and keep-alive out. Every
 * response is also parsed cut at every byte boundary, cut twice at every pair of boundaries and fed
 * byte by byte, and must give the same result (or the same error) each time.
 */
class Http1ResponseParserTest {

    /** What parsing one response gave: its figures, or the error. */
    record Parsed(
            boolean complete,
            int consumed,
            int status,
            boolean keepAlive,
            Framing framing,
            long contentLength,
            String body,
            long bodyBytes,
            int interim,
            Map<String, List<String>> headers,
            String error) {}

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds the pieces between the cuts (ascending), then ends the input if the response is not complete. */
    private static Parsed parse(byte[] response, boolean head, boolean endInput, int... cuts) {
        return parse(new Http1ResponseParser(), response, head, endInput, cuts);
    }

    private static Parsed parse(
            Http1ResponseParser parser, byte[] response, boolean head, boolean endInput, int... cuts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parser.reset(head, true, body::write);
        int consumed = 0;
        int from = 0;
        try {
            int[] bounds = Arrays.copyOf(cuts, cuts.length + 1);
            bounds[cuts.length] = response.length;
            for (int to : bounds) {
                int used = parser.feed(response, from, to - from);
                assertThat(used).isBetween(0, to - from);
                if (used < to - from) {
                    assertThat(parser.complete())
                            .as("only a complete response leaves bytes")
                            .isTrue();
                }
                consumed += used;
                from = to;
            }
            if (!parser.complete() && endInput) {
                parser.endOfInput();
            }
        } catch (IOException e) {
            return new Parsed(
                    false,
                    -1,
                    0,
                    false,
                    null,
                    -1,
                    null,
                    -1,
                    -1,
                    null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Parsed(
                parser.complete(),
                consumed,
                parser.status(),
                parser.keepAlive(),
                parser.framing(),
                parser.contentLength(),
                body.toString(StandardCharsets.ISO_8859_1),
                parser.bodyBytes(),
                parser.interimResponses(),
                Map.copyOf(parser.headers()),
                null);
    }

    /** Parses whole, at every cut, at every pair of cuts and byte by byte; all must agree. */
    private static Parsed parseEveryWay(String response, boolean head) {
        byte[] r = bytes(response);
        Parsed whole = parse(r, head, true);
        for (int i = 0; i <= r.length; i++) {
            assertThat(parse(r, head, true, i))
                    .as("cut at %d of %s", i, response)
                    .isEqualTo(whole);
        }
        if (r.length <= 400) {
            for (int i = 0; i <= r.length; i++) {
                for (int j = i; j <= r.length; j++) {
                    assertThat(parse(r, head, true, i, j))
                            .as("cut at %d and %d of %s", i, j, response)
                            .isEqualTo(whole);
                }
            }
        }
        int[] everyByte = new int[Math.max(0, r.length - 1)];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertThat(parse(r, head, true, everyByte))
                .as("byte by byte: %s", response)
                .isEqualTo(whole);
        return whole;
    }

    private static Parsed parseEveryWay(String response) {
        return parseEveryWay(response, false);
    }

    private static String error(String response) {
        Parsed p = parseEveryWay(response);
        assertThat(p.error()).as("an error for %s", response).isNotNull();
        return p.error();
    }

    // ---------------------------------------------------------------- framing

    @Test
    void contentLengthBodyIsReadAndTheConnectionKept() {
        Parsed p = parseEveryWay("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(p.error()).isNull();
        assertThat(p.complete()).isTrue();
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.framing()).isEqualTo(Framing.LENGTH);
        assertThat(p.contentLength()).isEqualTo(5);
        assertThat(p.body()).isEqualTo("hello");
        assertThat(p.bodyBytes()).isEqualTo(5);
        assertThat(p.keepAlive()).isTrue();
        assertThat(p.headers())
                .containsEntry("content-type", List.of("text/plain"))
                .containsEntry("content-length", List.of("5"));
    }

    @Test
    void theResponseEndsAtItsLastByteAndLeavesWhatFollows() throws IOException {
        String first = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
        Parsed p = parseEveryWay(first + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(p.complete()).isTrue();
        assertThat(p.consumed()).isEqualTo(first.length());
        assertThat(p.status()).isEqualTo(201);
        assertThat(p.body()).isEqualTo("ok");

        Http1ResponseParser parser = new Http1ResponseParser();
        assertThat(parse(parser, bytes(first), false, false).complete()).isTrue();
        assertThat(parser.feed(bytes("more"), 0, 4))
                .as("nothing is taken once complete")
                .isZero();
    }

    @Test
    void contentLengthZeroCompletesAtTheEndOfTheHead() {
        Parsed p = parseEveryWay("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(p.complete()).isTrue();
        assertThat(p.framing()).isEqualTo(Framing.LENGTH);
        assertThat(p.bodyBytes()).isZero();
        assertThat(p.keepAlive()).isTrue();
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsJoined() {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n"
                + "1A ; name=\"quoted;value\"\r\nabcdefghijklmnopqrstuvwxyz\r\n"
                + "a\tx\r\n0123456789\r\n"
                + "0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n";
        Parsed p = parseEveryWay(response);
        assertThat(p.error()).isNull();
        assertThat(p.complete()).isTrue();
        assertThat(p.consumed()).isEqualTo(response.length());
        assertThat(p.framing()).isEqualTo(Framing.CHUNKED);
        assertThat(p.body()).isEqualTo("hello" + "abcdefghijklmnopqrstuvwxyz" + "0123456789");
        assertThat(p.bodyBytes()).isEqualTo(41);
        assertThat(p.keepAlive()).isTrue();
        assertThat(p.headers()).as("trailer fields are not headers").doesNotContainKey("x-trailer");
    }

    @Test
    void chunkedWithoutTrailersAndUpperCaseHexEnds() {
        Parsed p = parseEveryWay("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n");
        assertThat(p.complete()).isTrue();
        assertThat(p.body()).isEqualTo("0123456789");
    }

    @Test
    void chunkedWinsOverContentLength() {
        Parsed p = parseEveryWay("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");
        assertThat(p.framing()).isEqualTo(Framing.CHUNKED);
        assertThat(p.body()).isEqualTo("abc");
        assertThat(p.contentLength()).isEqualTo(100);
        assertThat(p.complete()).isTrue();
    }

    @Test
    void aBodyWithoutLengthRunsToTheEndOfTheConnection() {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until close";
        Parsed p = parseEveryWay(response);
        assertThat(p.complete()).isTrue();
        assertThat(p.framing()).isEqualTo(Framing.UNTIL_CLOSE);
        assertThat(p.body()).isEqualTo("body until close");
        assertThat(p.consumed()).isEqualTo(response.length());
        assertThat(p.keepAlive()).isFalse();

        Parsed open = parse(bytes(response), false, false);
        assertThat(open.complete()).as("not complete before the input ends").isFalse();
        assertThat(open.body()).isEqualTo("body until close");
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() {
        Parsed plain = parseEveryWay("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(plain.complete()).isTrue();
        assertThat(plain.keepAlive()).isFalse();

        Parsed kept = parseEveryWay("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok");
        assertThat(kept.keepAlive()).isTrue();

        Parsed untilClose = parseEveryWay("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nbody until close");
        assertThat(untilClose.framing()).isEqualTo(Framing.UNTIL_CLOSE);
        assertThat(untilClose.keepAlive())
                .as("a body to the end of the connection ends it")
                .isFalse();
        assertThat(untilClose.body()).isEqualTo("body until close");
    }

    @Test
    void connectionCloseEndsKeepAlive() {
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok")
                        .keepAlive())
                .isFalse();
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nCONNECTION: Keep-Alive, Close\r\nContent-Length: 0\r\n\r\n")
                        .keepAlive())
                .isFalse();
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")
                        .keepAlive())
                .isTrue();
    }

    @Test
    void interimResponsesAreSkippedWithTheirHeaders() {
        Parsed p = parseEveryWay("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(p.complete()).isTrue();
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.interim()).isEqualTo(2);
        assertThat(p.body()).isEqualTo("ok");
        assertThat(p.headers()).containsOnlyKeys("content-length");

        Parsed noContent = parseEveryWay("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n");
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.interim()).isEqualTo(1);
        assertThat(noContent.headers()).containsOnlyKeys("x-a");
    }

    @Test
    void interimHeadersDoNotFrameTheFinalResponse() {
        Parsed p = parseEveryWay("HTTP/1.1 100 Continue\r\nContent-Length: 99\r\nConnection: close\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        assertThat(p.contentLength()).isEqualTo(2);
        assertThat(p.keepAlive()).isTrue();
        assertThat(p.body()).isEqualTo("ok");
    }

    @Test
    void switchingProtocolsIsFinalAndHasNoBody() {
        Parsed p = parseEveryWay("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello");
        assertThat(p.complete()).isTrue();
        assertThat(p.status()).isEqualTo(101);
        assertThat(p.framing()).isEqualTo(Framing.NONE);
        assertThat(p.interim()).isZero();
        assertThat(p.consumed()).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".length());
    }

    @Test
    void noContentNotModifiedAndHeadResponsesHaveNoBodyWhateverTheirHeadersSay() {
        String notModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\nETag: \"x\"\r\n\r\n";
        Parsed p = parseEveryWay(notModified + "HTTP/1.1 200 OK\r\n");
        assertThat(p.complete()).isTrue();
        assertThat(p.status()).isEqualTo(304);
        assertThat(p.framing()).isEqualTo(Framing.NONE);
        assertThat(p.bodyBytes()).isZero();
        assertThat(p.consumed()).isEqualTo(notModified.length());
        assertThat(p.keepAlive()).isTrue();

        assertThat(parseEveryWay("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .framing())
                .isEqualTo(Framing.NONE);

        String headOk = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n";
        Parsed head = parseEveryWay(headOk, true);
        assertThat(head.complete()).isTrue();
        assertThat(head.framing()).isEqualTo(Framing.NONE);
        assertThat(head.contentLength()).isEqualTo(1000);
        assertThat(head.consumed()).isEqualTo(headOk.length());
        assertThat(head.keepAlive()).isTrue();
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", true)
                        .complete())
                .isTrue();
        assertThat(parseEveryWay("HTTP/1.1 200 OK\r\n\r\n", true).keepAlive())
                .as("a HEAD response without length keeps the connection")
                .isTrue();
    }

    @Test
    void bareLineFeedsEndLinesToo() {
        Parsed p = parseEveryWay("HTTP/1.1 200 OK\nContent-Length: 3\nX-A: b\n\nabc");
        assertThat(p.complete()).isTrue();
        assertThat(p.body()).isEqualTo("abc");
        assertThat(p.headers()).containsEntry("x-a", List.of("b"));
        Parsed chunked = parseEveryWay("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nab\n0\n\n");
        assertThat(chunked.body()).isEqualTo("ab");
        assertThat(chunked.complete()).isTrue();
    }

    @Test
    void headersAreLowerCasedTrimmedAndKeptInOrder() throws IOException {
        Parsed p = parseEveryWay("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Empty:\r\nset-cookie:\t b=2 \t\r\n"
                + "X-Latin: caf\u00e9\r\nX-Colon: a:b:c\r\nContent-Length: 0\r\n\r\n");
        assertThat(p.headers())
                .containsEntry("set-cookie", List.of("a=1", "b=2"))
                .containsEntry("x-empty", List.of(""))
                .containsEntry("x-latin", List.of("caf\u00e9"))
                .containsEntry("x-colon", List.of("a:b:c"));

        Http1ResponseParser parser = new Http1ResponseParser();
        parser.reset(false, false, null);
        byte[] r = bytes("HTTP/1.1 200 OK\r\nX-A: b\r\nContent-Length: 2\r\n\r\nok");
        assertThat(feedAll(parser, r)).isEqualTo(r.length);
        assertThat(parser.complete()).isTrue();
        assertThat(parser.headers()).as("not kept").isEmpty();
        assertThat(parser.bodyBytes()).as("counted without a sink").isEqualTo(2);
    }

    @Test
    void statusLinesWithoutReasonAndWithOtherCodesAreRead() {
        assertThat(parseEveryWay("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n").status())
                .isEqualTo(404);
        assertThat(parseEveryWay("HTTP/1.1 599 Whatever It Says\r\nContent-Length: 0\r\n\r\n")
                        .status())
                .isEqualTo(599);
        assertThat(parseEveryWay("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n").status())
                .isEqualTo(200);
        assertThat(parseEveryWay("HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive())
                .isTrue();
    }

    @Test
    void aLargeBodyArrivesInPiecesInOrder() {
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        byte[] head = bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
        byte[] r = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, r, head.length, body.length);
        int[] cuts = new int[r.length / 16384];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * 16384 - 7 * i;
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Http1ResponseParser parser = new Http1ResponseParser();
        parser.reset(false, false, sink::write);
        int from = 0;
        for (int to : cuts) {
            assertThat(feed(parser, r, from, to)).isEqualTo(to - from);
            from = to;
        }
        assertThat(feed(parser, r, from, r.length)).isEqualTo(r.length - from);
        assertThat(parser.complete()).isTrue();
        assertThat(sink.toByteArray()).isEqualTo(body);
    }

    @Test
    void aParserIsReusedForTheNextResponse() throws IOException {
        Http1ResponseParser parser = new Http1ResponseParser();
        assertThat(parse(
                                parser,
                                bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 500 Oops\r\nX-A: 1\r\n\r\nboom"),
                                false,
                                true)
                        .status())
                .isEqualTo(500);
        Parsed second = parse(parser, bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), false, true);
        assertThat(second)
                .isEqualTo(new Parsed(
                        true,
                        40,
                        200,
                        true,
                        Framing.LENGTH,
                        2,
                        "ok",
                        2,
                        0,
                        Map.of("content-length", List.of("2")),
                        null));
        // after an error too
        parser.reset(false, false, null);
        assertThatThrownBy(() -> feedAll(parser, bytes("SMTP ready\r\n"))).isInstanceOf(ProtocolException.class);
        assertThat(parse(parser, bytes("HTTP/1.1 204 No Content\r\n\r\n"), false, true)
                        .status())
                .isEqualTo(204);
    }

    // ---------------------------------------------------------------- malformed input

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            SMTP ready                      | not an HTTP/1.x status line: 'SMTP ready'
            HTTP/2 200 OK                   | not an HTTP/1.x status line: 'HTTP/2 200 OK'
            HTTP/1.x 200 OK                 | not an HTTP/1.x status line: 'HTTP/1.x 200 OK'
            HTTP/1.1 20                     | not an HTTP/1.x status line: 'HTTP/1.1 20'
            HTTP/1.1  200 OK                | status code is not a number
            HTTP/1.1 2x0 OK                 | status code is not a number
            http/1.1 200 OK                 | not an HTTP/1.x status line: 'http/1.1 200 OK'
            HTTP/1.1 099 Too Low            | bad status code in 'HTTP/1.1 099 Too Low'
            HTTP/1.1 2000 OK                | bad status code in 'HTTP/1.1 2000 OK'
            HTTP/1.1 200OK                  | bad status code in 'HTTP/1.1 200OK'
            """)
    void malformedStatusLinesAreProtocolErrorsQuotingTheLine(String statusLine, String message) {
        assertThat(error(statusLine + "\r\nContent-Length: 0\r\n\r\n")).isEqualTo("ProtocolException: " + message);
    }

    @Test
    void anEmptyLineWhereTheStatusLineShouldBeIsAProtocolError() {
        assertThat(error("\r\nHTTP/1.1 200 OK\r\n\r\n"))
                .isEqualTo("ProtocolException: not an HTTP/1.x status line: ''");
    }

    @Test
    void aLongBadStatusLineIsQuotedByItsFirst80Bytes() {
        String junk = "<html>" + "x".repeat(200);
        assertThat(error(junk + "\r\n\r\n"))
                .isEqualTo("ProtocolException: not an HTTP/1.x status line: '" + junk.substring(0, 80) + "'");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            no colon here              | malformed header line: 'no colon here'
            ': value'                  | malformed header line: ': value'
            Content-Length : 5         | white space in a header name: 'Content-Length : 5'
            'X Y: z'                   | white space in a header name: 'X Y: z'
            ' folded: value'           | folded header line (obsolete line folding is not supported): ' folded: value'
            Content-Length:            | empty Content-Length
            Content-Length: abc        | bad Content-Length 'abc'
            Content-Length: -1         | bad Content-Length '-1'
            'Content-Length: 5, 5'     | bad Content-Length '5, 5'
            Content-Length: 99999999999999999999 | bad Content-Length '99999999999999999999'
            """)
    void malformedHeaderLinesAreProtocolErrorsQuotingTheLine(String header, String message) {
        assertThat(error("HTTP/1.1 200 OK\r\n" + header + "\r\n\r\n")).isEqualTo("ProtocolException: " + message);
    }

    @Test
    void twoDifferentContentLengthsAreAProtocolErrorButTheSameOneTwiceIsNot() {
        assertThat(error("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"))
                .isEqualTo("ProtocolException: conflicting Content-Length headers: 5 and 6");
        Parsed same = parseEveryWay("HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello");
        assertThat(same.body()).isEqualTo("hello");
        assertThat(same.headers()).containsEntry("content-length", List.of("5", "5"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            xyz                        | bad chunk size line: 'xyz'
            ''                         | bad chunk size line: ''
            ;ext                       | bad chunk size line: ';ext'
            5x                         | bad chunk size line: '5x'
            -5                         | bad chunk size line: '-5'
            10000000001                | chunk size too large: '10000000001'
            """)
    void malformedChunkSizesAreProtocolErrors(String sizeLine, String message) {
        assertThat(error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + sizeLine + "\r\nhello\r\n0\r\n\r\n"))
                .isEqualTo("ProtocolException: " + message);
    }

    @Test
    void chunkDataMustEndWithALineEnd() {
        assertThat(error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n"))
                .isEqualTo("ProtocolException: chunk data not followed by CRLF");
    }

    // ---------------------------------------------------------------- limits

    @Test
    void aLineLongerThanTheLimitIsRefusedAndOneAtTheLimitIsRead() {
        Http1ResponseParser parser = new Http1ResponseParser(64, 1024);
        String atLimit = "X-A: " + "v".repeat(64 - 5);
        Parsed ok =
                parse(parser, bytes("HTTP/1.1 200 OK\r\n" + atLimit + "\r\nContent-Length: 0\r\n\r\n"), false, true);
        assertThat(ok.error()).isNull();
        assertThat(ok.headers().get("x-a")).containsExactly("v".repeat(59));
        byte[] tooLong = bytes("HTTP/1.1 200 OK\r\n" + atLimit + "v\r\nContent-Length: 0\r\n\r\n");
        for (int i = 0; i <= tooLong.length; i++) {
            assertThat(parse(parser, tooLong, false, true, i).error())
                    .as("cut at %d", i)
                    .isEqualTo("ProtocolException: response line longer than 64 bytes");
        }
        // a line without end fails as soon as it passes the limit, not when the input ends
        parser.reset(false, false, null);
        assertThatThrownBy(() -> feedAll(parser, bytes("HTTP/1.1 200 OK\r\nX-A: " + "v".repeat(100))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("response line longer than 64 bytes");
        Parsed chunk = parse(
                parser,
                bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + "e".repeat(70)
                        + "\r\na\r\n0\r\n\r\n"),
                false,
                true);
        assertThat(chunk.error()).isEqualTo("ProtocolException: response line longer than 64 bytes");
    }

    @Test
    void theDefaultLineLimitIs64KiB() {
        String value = "v".repeat(Http1ResponseParser.DEFAULT_MAX_LINE_BYTES - "X-Big: ".length());
        Parsed ok = parse(
                bytes("HTTP/1.1 200 OK\r\nX-Big: " + value + "\r\nContent-Length: 0\r\n\r\n"),
                false,
                true,
                100,
                40_000);
        assertThat(ok.headers().get("x-big")).containsExactly(value);
        assertThat(parse(bytes("HTTP/1.1 200 OK\r\nX-Big: " + value + "v\r\n\r\n"), false, true, 100, 40_000)
                        .error())
                .isEqualTo("ProtocolException: response line longer than 65536 bytes");
    }

    @Test
    void aHeadLongerThanTheLimitIsRefused() {
        Http1ResponseParser parser = new Http1ResponseParser(64, 200);
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n"); // 17 bytes
        for (int i = 0; i < 18; i++) {
            head.append("X-").append(i < 10 ? "0" + i : i).append(": 0\r\n"); // 9 bytes each
        }
        // 17 + 18 * 9 + 2 = 181 bytes: read
        Parsed ok = parse(parser, bytes(head + "\r\n"), true, true);
        assertThat(ok.error()).isNull();
        assertThat(ok.headers()).hasSize(18);
        head.append("X-Longer: 0123\r\n"); // 195 + 2 = 197 bytes: read
        assertThat(parse(parser, bytes(head + "\r\n"), true, true).error()).isNull();
        head.append("X: 1\r\n"); // 201 + 2 = 203 bytes: refused
        byte[] tooLong = bytes(head + "\r\n");
        for (int i = 0; i <= tooLong.length; i++) {
            assertThat(parse(parser, tooLong, true, true, i).error())
                    .as("cut at %d", i)
                    .isEqualTo("ProtocolException: response head longer than 200 bytes");
        }
        // an endless stream of header lines fails once past the limit
        parser.reset(false, false, null);
        assertThatThrownBy(() -> feedAll(parser, bytes("HTTP/1.1 200 OK\r\n" + "X: 1\r\n".repeat(100))))
                .hasMessage("response head longer than 200 bytes");
    }

    @Test
    void eachInterimHeadHasTheFullLimit() {
        Http1ResponseParser parser = new Http1ResponseParser(64, 100);
        String interim =
                "HTTP/1.1 103 Early Hints\r\n" + "Link: </a.css>; rel=preload\r\n".repeat(2) + "\r\n"; // 86 bytes
        Parsed p =
                parse(parser, bytes(interim.repeat(3) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), false, true);
        assertThat(p.error()).isNull();
        assertThat(p.interim()).isEqualTo(3);
    }

    @Test
    void trailersHaveTheHeadLimit() {
        Http1ResponseParser parser = new Http1ResponseParser(64, 100);
        String start = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n";
        assertThat(parse(parser, bytes(start + "T: 1\r\n".repeat(15) + "\r\n"), false, true)
                        .error())
                .isNull();
        assertThat(parse(parser, bytes(start + "T: 1\r\n".repeat(20) + "\r\n"), false, true)
                        .error())
                .isEqualTo("ProtocolException: response trailer section longer than 100 bytes");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new Http1ResponseParser(15, 1000)).hasMessage("maxLineBytes must be >= 16 (was 15)");
        assertThatThrownBy(() -> new Http1ResponseParser(100, 99))
                .hasMessage("maxHeadBytes must be >= maxLineBytes 100 (was 99)");
    }

    // ---------------------------------------------------------------- the end of the input

    @Test
    void theEndOfTheInputSaysWhereTheResponseWasCut() {
        assertThat(parse(new byte[0], false, true).error())
                .isEqualTo("EOFException: connection closed before the response");
        assertThat(parse(bytes("HTTP/1.1 200 OK\r\nContent-Le"), false, true).error())
                .isEqualTo("EOFException: connection closed in the middle of the response head");
        assertThat(parse(bytes("HTTP/1.1 100 Continue\r\n\r\n"), false, true).error())
                .isEqualTo("EOFException: connection closed in the middle of the response head");
        assertThat(parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"), false, true)
                        .error())
                .isEqualTo("EOFException: connection closed after 10 of 1000 body bytes");
        assertThat(parse(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"), false, true)
                        .error())
                .isEqualTo("EOFException: connection closed in the middle of the chunked body (after 3 body bytes)");
    }

    @Test
    void everyResponseCutShortBeforeItsEndIsAnEndOfInputErrorNeverASuccess() {
        List<String> responses = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.0 304 Not Modified\r\nContent-Length: 9\r\n\r\n");
        for (String response : responses) {
            byte[] r = bytes(response);
            for (int i = 0; i < r.length; i++) {
                Parsed cut = parse(Arrays.copyOf(r, i), false, true);
                assertThat(cut.error())
                        .as("cut at %d of %s", i, response)
                        .startsWith("EOFException: connection closed");
            }
            Parsed full = parse(r, false, true);
            assertThat(full.error()).isNull();
            assertThat(full.complete()).isTrue();
        }
    }

    @Test
    void theEndOfTheInputAfterACompleteResponseChangesNothing() throws IOException {
        Http1ResponseParser parser = new Http1ResponseParser();
        parser.reset(false, false, null);
        feedAll(parser, bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        parser.endOfInput();
        assertThat(parser.complete()).isTrue();
        assertThat(parser.keepAlive()).isTrue();
    }

    @Test
    void nothingIsKnownBeforeTheFinalHead() throws IOException {
        Http1ResponseParser parser = new Http1ResponseParser();
        parser.reset(false, true, null);
        feedAll(parser, bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n"));
        assertThat(parser.status()).isZero();
        assertThat(parser.framing()).isNull();
        assertThat(parser.complete()).isFalse();
        feedAll(parser, bytes("\r\n"));
        assertThat(parser.status()).isEqualTo(200);
        assertThat(parser.framing()).isEqualTo(Framing.LENGTH);
        assertThat(parser.complete()).isFalse();
    }

    private static int feedAll(Http1ResponseParser parser, byte[] r) throws ProtocolException {
        return parser.feed(r, 0, r.length);
    }

    private static int feed(Http1ResponseParser parser, byte[] r, int from, int to) {
        try {
            return parser.feed(r, from, to - from);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
