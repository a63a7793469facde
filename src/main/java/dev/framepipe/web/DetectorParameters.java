package dev.framepipe.web;

import dev.framepipe.detection.DetectorDefaults;
import dev.framepipe.detection.DetectorOption;
import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.detection.DetectorOverrides;
import dev.framepipe.detection.InvalidDetectorOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Turns a request's query string and stream into the detector options of its frames: the detector's query
 * parameters ({@link DetectorOption}) override the stream's defaults, which override the global ones.
 * Every other parameter must be one the operation declares, so a typo or an option that does not exist is
 * a 400 naming it instead of a silent default. Shared by every operation that analyses frames.
 */
@Component
public class DetectorParameters {

    private final DetectorDefaults defaults;

    DetectorParameters(DetectorDefaults defaults) {
        this.defaults = defaults;
    }

    /**
     * @param query           the raw (encoded) query string, or {@code null}
     * @param stream          the admitted stream name
     * @param otherParameters the operation's own, non-detector parameter names ({@code stream}, ...)
     * @return the effective options
     * @throws UnknownParameter      for a parameter that is neither a detector option nor the operation's
     * @throws InvalidDetectorOption for a bad value, a repeated option or an inconsistent combination
     */
    public DetectorOptions resolve(@Nullable String query, String stream, Collection<String> otherParameters) {
        Map<String, String> detector = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : parameters(query).entrySet()) {
            String name = entry.getKey();
            boolean known = DetectorOption.named(name).isPresent();
            if (!known && !otherParameters.contains(name)) {
                List<String> names = new ArrayList<>(otherParameters);
                names.addAll(DetectorOption.parameters());
                throw new UnknownParameter(
                        name, "unknown query parameter '" + name + "'; known: " + String.join(", ", names));
            }
            if (known) {
                if (entry.getValue().size() > 1) {
                    throw new InvalidDetectorOption(
                            name,
                            "parameter '" + name + "' is given "
                                    + entry.getValue().size() + " times; give it once");
                }
                detector.put(
                        name,
                        entry.getValue().get(0) == null ? "" : entry.getValue().get(0));
            }
        }
        return defaults.resolve(stream, DetectorOverrides.parse(detector));
    }

    private static Map<String, List<String>> parameters(@Nullable String query) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return decoded;
        }
        MultiValueMap<String, String> raw =
                UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        raw.forEach((name, values) -> {
            List<String> list = decoded.computeIfAbsent(decode(name), n -> new ArrayList<>());
            for (String value : values) {
                list.add(value == null ? null : decode(value));
            }
        });
        return decoded;
    }

    private static String decode(String text) {
        try {
            return UriUtils.decode(text.replace('+', ' '), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidFrameRequest("the query string is not well-formed percent-encoding");
        }
    }
}
