package dev.framepipe.pipeline;

import dev.framepipe.frame.Frame;

/**
 * The report and the decoded frame it describes (for rendering an annotated image).
 *
 * @param report the report
 * @param frame  the decoded frame
 */
public record PipelineResult(FrameReport report, Frame frame) {}
