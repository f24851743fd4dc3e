package io.scoregate.gate.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeMergedLogsTest {

    @TempDir
    Path dir;

    static String line(String time, String id) {
        return "{\"timestamp\":\"2026-11-27T" + time + "Z\",\"requestId\":\"" + id + "\",\"modelVersion\":\"v1.2\","
                + "\"latencyMs\":100,\"status\":\"OK\",\"httpStatus\":200}";
    }

    private List<String> ids(TimeMergedLogs logs) throws IOException {
        List<String> out = new ArrayList<>();
        while (logs.next()) {
            out.add(logs.current().requestId());
        }
        return out;
    }

    @Test
    void mergesPlainAndGzipFilesByTimestampAndCountsBadLinesPerFile() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Files.writeString(a, line("18:00:00", "a1") + "\n" + line("18:00:02", "a2") + "\nnot json\n"
                + line("18:00:05", "a3") + "\n");
        Path b = dir.resolve("b.jsonl.gz");
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(b))) {
            os.write((line("18:00:01", "b1") + "\r\n\r\n" + line("18:00:03", "b2") + "\r\n{\"truncated\":").getBytes(
                    StandardCharsets.UTF_8));
        }
        try (var logs = TimeMergedLogs.open(List.of(a, b))) {
            assertThat(ids(logs)).containsExactly("a1", "b1", "a2", "b2", "a3");
            ReadSummary s = logs.summary();
            assertThat(s.records()).isEqualTo(5);
            assertThat(s.malformed()).isEqualTo(2);
            assertThat(s.lines()).isEqualTo(7); // blank lines are not counted
            assertThat(s.malformedExamples()).containsExactly("a.jsonl line 3: not valid JSON",
                    "b.jsonl.gz line 3: not valid JSON");
        }
    }

    @Test
    void aLineThatGoesBackInTimeIsPassedOnWhereItStands() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Files.writeString(a, line("18:00:00", "a1") + "\n" + line("18:00:10", "a2") + "\n" + line("18:00:04", "late") + "\n");
        Path b = dir.resolve("b.jsonl");
        Files.writeString(b, line("18:00:05", "b1") + "\n");
        try (var logs = TimeMergedLogs.open(List.of(a, b))) {
            assertThat(ids(logs)).containsExactly("a1", "b1", "a2", "late");
        }
    }

    @Test
    void cursorSplitsOnEveryLineEndingLikeBufferedReaderAndSkipsOverlongLines() throws IOException {
        String big = "x".repeat(AccessLogCursor.MAX_LINE_BYTES + 10);
        String text = line("18:00:00", "1") + "\r" + line("18:00:01", "2") + "\r\n" + big + "\n" + line("18:00:02", "3");
        var c = new AccessLogCursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "");
        List<String> seen = new ArrayList<>();
        while (c.next()) {
            seen.add(c.current().requestId());
        }
        assertThat(seen).containsExactly("1", "2", "3");
        assertThat(c.summary().malformed()).isEqualTo(1);
        assertThat(c.summary().malformedExamples().get(0)).startsWith("line 3: line longer than");
    }

    @Test
    void readKeepsItsContractForOtherCallers() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Files.writeString(a, line("18:00:00", "1") + "\n\n" + "{bad\n" + line("18:00:01", "2") + "\n");
        List<AccessLogRecord> got = new ArrayList<>();
        ReadSummary s = AccessLogReader.read(a, got::add);
        assertThat(got).hasSize(2);
        assertThat(s).isEqualTo(new ReadSummary(3, 2, 1, List.of("line 2: not valid JSON")));
    }

    @Test
    void prefetchingCursorRethrowsTheReadersIoErrorAndClosesEarlyWithoutHanging() throws IOException {
        byte[] good = (line("18:00:00", "1") + "\n").getBytes(StandardCharsets.UTF_8);
        var failing = new java.io.InputStream() {
            int i;

            @Override
            public int read() throws IOException {
                if (i < good.length) {
                    return good[i++];
                }
                throw new IOException("disk gone");
            }
        };
        var c = new PrefetchingCursor(new AccessLogCursor(failing, "x"), "x");
        assertThatThrownBy(() -> {
            while (c.next()) {
                // drain
            }
        }).isInstanceOf(IOException.class).hasMessage("disk gone");
        c.close();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 3 * PrefetchingCursor.BATCH * PrefetchingCursor.QUEUE; i++) {
            many.append(line("18:00:00", "r" + i)).append('\n');
        }
        var big = new PrefetchingCursor(new AccessLogCursor(
                new ByteArrayInputStream(many.toString().getBytes(StandardCharsets.UTF_8)), ""), "big");
        assertThat(big.next()).isTrue();
        big.close(); // the reader thread is blocked on a full queue: close must release it
    }

    @Test
    void wordAtATimeLineEndSearchAgreesWithAByteLoop() {
        var rnd = new java.util.SplittableRandom(5);
        byte[] alphabet = {'a', '"', '\n', '\r', 0, (byte) 0x8a, (byte) 0x0b, (byte) 0x0e, (byte) 0xff, ' '};
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = new byte[rnd.nextInt(40)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = rnd.nextInt(6) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) rnd.nextInt(256);
            }
            int from = buf.length == 0 ? 0 : rnd.nextInt(buf.length);
            int expected = -1;
            for (int i = from; i < buf.length && expected < 0; i++) {
                expected = buf[i] == '\n' || buf[i] == '\r' ? i : -1;
            }
            assertThat(AccessLogCursor.lineEnd(buf, from, buf.length)).isEqualTo(expected);
        }
    }
}
