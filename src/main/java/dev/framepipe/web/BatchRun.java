package dev.framepipe.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.framepipe.pipeline.FrameReport;
import dev.framepipe.stats.Outcome;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One batch's answer: NDJSON lines written and flushed as frames finish, from any thread, and the
 * tallies its summary line reports.
 *
 * <p>Thread-safe: every line is written under this object's lock. The response is committed by the
 * first line; until then the batch can still be refused with an ordinary problem response. A line
 * that cannot be written (the client went away) marks the batch {@linkplain #clientGone() gone};
 * later lines are dropped.
 */
final class BatchRun {

    /** The NDJSON media type of the answer. */
    static final String NDJSON = "application/x-ndjson";

    private final HttpServletResponse response;
    private final JsonMapper json;
    private final FrameReportWriter reports;
    private final ReportDetail detail;
    private final long start = System.nanoTime();
    private final Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
    private final Map<String, Integer> objectsByClass = new LinkedHashMap<>();
    private OutputStream out;
    private int frames;
    private int objects;
    private volatile boolean committed;
    private volatile boolean clientGone;

    BatchRun(HttpServletResponse response, JsonMapper json, FrameReportWriter reports, ReportDetail detail) {
        this.response = response;
        this.json = json;
        this.reports = reports;
        this.detail = detail;
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, 0);
        }
    }

    /** Writes the line of an analysed frame and tallies it. */
    synchronized void analysed(int index, String filename, FrameReport report) {
        frames++;
        byOutcome.merge(report.outcome(), 1, Integer::sum);
        objects += report.objectCount();
        report.countsByClass().forEach((label, count) -> objectsByClass.merge(label, count, Integer::sum));
        writeLine(reportLine(index, filename, report));
    }

    /** The line of an analysed frame, its report written by the same writer and detail as a single frame's. */
    private byte[] reportLine(int index, String filename, FrameReport report) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(1024 + 900 * report.objects().size());
        try (JsonGenerator g = json.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeName("index");
            g.writeNumber(index);
            g.writeName("filename");
            if (filename == null) {
                g.writeNull();
            } else {
                g.writeString(filename);
            }
            g.writeName("status");
            g.writeNumber(200);
            g.writeName("report");
            reports.writeReport(g, report, detail);
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    /** Writes the problem line of a frame that was not analysed and tallies it under {@code outcome}. */
    synchronized void refused(int index, String filename, Outcome outcome, ProblemDetail problem) {
        frames++;
        byOutcome.merge(outcome, 1, Integer::sum);
        write(new FrameLine(index, filename, problem.getStatus(), problemFields(problem)));
    }

    /** Writes a problem of the batch as a whole (no frame, not counted), after something was committed. */
    synchronized void batchProblem(ProblemDetail problem) {
        write(new FrameLine(null, null, problem.getStatus(), problemFields(problem)));
    }

    /** Writes the summary line; {@code stopped} names why the batch ended early, or is null. */
    synchronized Summary summary(String stopped) {
        long nanos = System.nanoTime() - start;
        int analysed = byOutcome.get(Outcome.OK) + byOutcome.get(Outcome.PARTIAL);
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        byOutcome.forEach((outcome, count) -> outcomes.put(outcome.tag(), count));
        double seconds = nanos / 1e9;
        Summary summary = new Summary(
                frames,
                outcomes,
                objects,
                new LinkedHashMap<>(objectsByClass),
                TimeUnit.NANOSECONDS.toMillis(nanos),
                seconds > 0 ? Math.round(analysed / seconds * 10) / 10.0 : 0,
                stopped);
        write(new SummaryLine(summary));
        return summary;
    }

    /** Whether any line has been sent (the status can no longer change). */
    boolean committed() {
        return committed;
    }

    /** Whether a line could not be written because the client closed the connection. */
    boolean clientGone() {
        return clientGone;
    }

    private void write(Object line) {
        if (!clientGone) {
            writeLine(json.writeValueAsBytes(line));
        }
    }

    private void writeLine(byte[] bytes) {
        if (clientGone) {
            return;
        }
        try {
            if (out == null) {
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType(NDJSON);
                response.setHeader("Cache-Control", "no-store");
                out = response.getOutputStream();
            }
            committed = true;
            out.write(bytes);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            clientGone = true;
        }
    }

    private static Map<String, Object> problemFields(ProblemDetail problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        fields.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            fields.putAll(problem.getProperties());
        }
        return fields;
    }

    /**
     * One frame's line: its position in the batch, its file name, the status a single frame would
     * have got, and its report or its problem document. A batch-level problem has no index.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FrameLine(Integer index, String filename, int status, Map<String, Object> problem) {}

    /** The last line. */
    record SummaryLine(Summary summary) {}

    /**
     * What a batch did.
     *
     * @param frames          frame lines written (every frame part read, analysed or not)
     * @param byOutcome       frames by outcome, as the statistics count them
     * @param objects         objects found in the analysed frames
     * @param objectsByClass  those objects by class
     * @param elapsedMillis   from the start of the batch to the summary
     * @param framesPerSecond analysed frames (ok and partial) per second of {@code elapsedMillis}
     * @param stopped         why the batch ended before the body's last part, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Summary(
            int frames,
            Map<String, Integer> byOutcome,
            int objects,
            Map<String, Integer> objectsByClass,
            long elapsedMillis,
            double framesPerSecond,
            String stopped) {}
}
