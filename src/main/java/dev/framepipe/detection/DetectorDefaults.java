package dev.framepipe.detection;

import java.util.HashMap;
import java.util.Map;

/**
 * The effective detector options of a frame: the global defaults ({@code framepipe.detector.*}),
 * overridden by the stream's ({@code framepipe.streams.<stream>.detector.*}), overridden by the
 * request's. Immutable and thread-safe; every stream's options are resolved (and checked) once, at
 * start-up.
 */
public final class DetectorDefaults {

    private final DetectorOptions global;
    private final Map<String, DetectorOptions> streams = new HashMap<>();

    /**
     * @throws InvalidDetectorOption when a stream's settings are inconsistent with the global ones
     */
    public DetectorDefaults(DetectorProperties global, StreamDetectorProperties streams) {
        this.global = global.options();
        streams.streams().forEach((name, stream) -> {
            DetectorOverrides overrides = stream.detector() == null ? DetectorOverrides.NONE : stream.detector();
            this.streams.put(name, overrides.applyTo(this.global));
        });
    }

    /** The global defaults. */
    public DetectorOptions global() {
        return global;
    }

    /** A stream's defaults: its configured overrides applied to the global ones. */
    public DetectorOptions forStream(String stream) {
        return streams.getOrDefault(stream, global);
    }

    /**
     * A request's options: its overrides applied to its stream's defaults.
     *
     * @throws InvalidDetectorOption when the combination is inconsistent
     */
    public DetectorOptions resolve(String stream, DetectorOverrides request) {
        return request.applyTo(forStream(stream));
    }
}
